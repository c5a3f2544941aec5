// The public knowledge base (政策问答): published answers in force, searched in Chinese words,
// most used first without a query; no log-in. From the public portal's links.
import { useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { knowledgeApi } from './api';

const PAGE_SIZE = 10;

export default function PublicKnowledgePage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => knowledgeApi.publicSearch({ q: q || undefined, page, pageSize: PAGE_SIZE }, signal), [q, page]);
  return (
    <PublicLayout>
      <Card title={t('knowledge.public.title')}>
        <Typography.Paragraph type="secondary">{t('knowledge.public.intro')}</Typography.Paragraph>
        <Input.Search allowClear enterButton placeholder={t('knowledge.public.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="public-knowledge-search" />
        <List style={{ marginTop: 16 }} loading={list.loading} dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('knowledge.public.empty')} /> }}
          pagination={list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(a) => (
            <List.Item key={a.id} data-testid={`public-knowledge-item-${a.id}`}>
              <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Link to={`/public/knowledge/${a.id}`} style={{ fontSize: 16 }}>{a.title}</Link>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{a.question}</Typography.Paragraph>
                <Space size={[8, 4]} wrap><Tag>{a.category}</Tag><Typography.Text type="secondary">{a.officeName}</Typography.Text></Space>
              </Space>
            </List.Item>
          )} />
      </Card>
    </PublicLayout>
  );
}
