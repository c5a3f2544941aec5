// The public list of service guides (办事指南): published items, searched; no log-in.
import { useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { days, guidesApi, ITEM_TYPES, named } from './api';

const PAGE_SIZE = 20;

export default function PublicGuidesPage() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => guidesApi.list({ q: q || undefined, page, pageSize: PAGE_SIZE }, signal), [q, page]);
  return (
    <PublicLayout>
      <Card title={t('approvals.guide.link')}>
        <Input.Search allowClear placeholder={t('approvals.guide.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="guide-search" enterButton />
        <List
          style={{ marginTop: 16 }}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('approvals.guide.empty')} /> }}
          pagination={list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(item) => (
            <List.Item key={item.id} data-testid="guide-item">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Link to={`/public/guides/${item.implementationCode}`} style={{ fontSize: 16 }}>{item.name}</Link>
                <Space size={[8, 4]} wrap>
                  <Tag>{named(ITEM_TYPES[item.typeCode], lang)}</Tag>
                  <Typography.Text type="secondary">{item.officeName}</Typography.Text>
                  <Typography.Text type="secondary">{t('approvals.guide.committed')}：{days(item.committedLimit, t)}</Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </PublicLayout>
  );
}
