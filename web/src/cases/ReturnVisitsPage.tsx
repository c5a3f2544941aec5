// The return-visit queue (回访): replies reviewed and not yet visited, the longest waiting first, with
// the requester's phone (shown in full to the intake centre only) and the reply in the visit dialog.
import { useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n, useLoad } from '../shell';
import { casesApi, type CaseView } from './api';
import { CaseActionDialog } from './CaseActionDialog';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';

export default function ReturnVisitsPage() {
  const { t } = useI18n();
  const cols = useCaseColumns();
  const [page, setPage] = useState(1);
  const [visiting, setVisiting] = useState<CaseView | null>(null);
  const queue = useLoad((signal) => casesApi.list({ awaitingVisit: true, page, pageSize: 20 }, signal), [page]);

  const requester: CaseColumn = {
    title: t('cases.field.requesterName'),
    key: 'requester',
    render: (_: unknown, c) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        {c.requester.name ?? '—'} <Typography.Text type="secondary">{c.requester.phone ?? ''}</Typography.Text>
      </span>
    ),
  };
  const reviewedAt: CaseColumn = {
    title: t('cases.visits.reviewedAt'),
    key: 'reviewedAt',
    width: 150,
    render: (_: unknown, c) => <span style={{ whiteSpace: 'nowrap' }}>{c.reviewedAt ? dayjs(c.reviewedAt).format('YYYY-MM-DD HH:mm') : '—'}</span>,
  };
  const action: CaseColumn = {
    title: t('common.actions'),
    key: 'actions',
    fixed: 'right',
    render: (_: unknown, c) =>
      c.actions.includes('return-visit') && (
        <Button size="small" type="primary" onClick={() => setVisiting(c)} data-testid={`visit-open-${c.id}`}>
          {t('cases.visits.visit')}
        </Button>
      ),
  };

  return (
    <Card
      title={t('cases.visits.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={queue.reload} aria-label={t('common.reload')} />}
      data-testid="visits-page"
    >
      <Typography.Paragraph type="secondary">{t('cases.visits.hint')}</Typography.Paragraph>
      <Table<CaseView>
        rowKey="id"
        size="middle"
        columns={[cols.code, cols.title, requester, cols.lead, reviewedAt, action]}
        dataSource={queue.data?.items ?? []}
        loading={queue.loading}
        onRow={rowTestId('visit-row')}
        locale={{ emptyText: t('cases.visits.empty') }}
        pagination={{ current: page, pageSize: 20, total: queue.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="visits-table"
      />
      <CaseActionDialog target={visiting} action={visiting ? 'return-visit' : null} onClose={() => setVisiting(null)} onDone={queue.reload} onStale={queue.reload} />
    </Card>
  );
}
