// Repeat callers for the intake centre: one phone about one kind of matter many times; protected
// requesters are never listed (the server leaves them out).
import { Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { proactiveApi, type RepeatCallerView } from './api';

export default function RepeatCallersPage() {
  const { t } = useI18n();
  const list = useLoad((signal) => proactiveApi.repeatCallers(signal), []);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('proactive.repeat.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('proactive.repeat.hint', { days: 30, n: 3 })}</Typography.Text>
      <Table<RepeatCallerView>
        rowKey={(r) => `${r.phone}-${r.categoryId}`} loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: t('proactive.repeat.empty') }}
        columns={[
          { title: t('proactive.repeat.phone'), dataIndex: 'phone' },
          { title: t('proactive.repeat.category'), dataIndex: 'categoryName' },
          { title: t('proactive.repeat.count'), dataIndex: 'count' },
          { title: t('proactive.repeat.last'), dataIndex: 'lastAt', render: (v: string) => new Date(v).toLocaleString() },
          { title: '', key: 'cases', render: (_, r) => <Space wrap>{r.cases.map((c) => <Link key={c.id} to={`/cases/${c.id}`}>{c.code}</Link>)}</Space> },
        ]}
      />
    </Space>
  );
}
