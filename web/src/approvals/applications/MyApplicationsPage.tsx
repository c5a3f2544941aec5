// An enterprise's own applications (我的办件): each with one clear status and what it still has to
// bring, readable on a phone; the way to apply online.
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n, useLoad } from '../../shell';
import { applicationsApi } from './api';
import { applicantStatus } from './applicantStatus';
import { when } from './Clock';
import { ApplicationStatusTag } from './tags';

const PAGE_SIZE = 10;

export default function MyApplicationsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => applicationsApi.list({ page, pageSize: PAGE_SIZE }, signal), [page]);
  return (
    <Card title={t('applications.menu.mine')} styles={{ body: { padding: '8px 16px' } }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/my/applications/new')} data-testid="apply-online" style={{ margin: '8px 0' }}>{t('applications.menu.apply')}</Button>
      <List loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t('applications.mine.empty')} /> }}
        pagination={list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, size: 'small' } : false}
        renderItem={(a) => {
          const s = applicantStatus(t, a);
          return (
            <List.Item key={a.id} data-testid={`my-application-${a.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Link to={`/my/applications/${a.id}`} style={{ fontSize: 16 }}>{a.itemName}</Link>
                  <ApplicationStatusTag status={a.status} testId={`my-application-${a.id}-status`} />
                </Space>
                <Typography.Text type={s.todo ? 'warning' : 'secondary'} data-testid={`my-application-${a.id}-line`}>{s.text}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('applications.number', { id: a.id })} · {t('applications.field.receivedAt')} {when(a.receivedAt)}</Typography.Text>
              </Space>
            </List.Item>
          );
        }} />
    </Card>
  );
}
