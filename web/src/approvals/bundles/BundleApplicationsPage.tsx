// The bundle applications the reader may see — the window's, those with a part of the reviewer's
// department, or an enterprise's own (readable on a phone) — each with its one status.
import { useState } from 'react';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../../shell';
import { when } from '../applications/Clock';
import { named } from '../applications/tags';
import { BUNDLE_PROGRESS, bundlesApi, PROGRESS_COLORS } from './api';

const PAGE_SIZE = 10;

export default function BundleApplicationsPage({ portal = false }: { portal?: boolean }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => bundlesApi.applications({ page, pageSize: PAGE_SIZE }, signal), [page]);
  const link = (id: number) => (portal ? `/my/bundles/${id}` : `/approvals/bundles/applications/${id}`);
  return (
    <Card title={t(portal ? 'bundles.menu.mine' : 'bundles.menu.list')} styles={{ body: { padding: '8px 16px' } }}>
      <List loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t('bundles.empty')} /> }}
        pagination={list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, size: 'small' } : false}
        renderItem={(b) => (
          <List.Item key={b.id} data-testid={`bundle-application-${b.id}`}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <Link to={link(b.id)} style={{ fontSize: 16 }}>{b.bundleName}</Link>
                <Tag color={PROGRESS_COLORS[b.progress]}>{named(BUNDLE_PROGRESS[b.progress], lang)}</Tag>
              </Space>
              <Typography.Text type="secondary">{b.applicantName} · {b.parts.map((p) => p.itemName).join('、')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('bundles.number', { id: b.id })} · {t('applications.field.receivedAt')} {when(b.receivedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )} />
    </Card>
  );
}
