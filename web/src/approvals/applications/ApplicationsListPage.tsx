// The applications a member of staff may see: a window's, a department's and those sent to it, a
// leader's whole subtree; filtered by status and by where the clock stands, with the counts of
// those due soon and overdue that leaders supervise. Opened from a figure (the evaluation dashboard's
// approvals section), it lists only the applications the figure counted, until the filter is cleared.
import { useMemo, useState } from 'react';
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe } from '../../shell';
import { APPLICATION_STATUSES, applicationsApi, type ApplicationFilter, type ApplicationStatus, type DueState } from './api';
import { rowTestId, useApplicationColumns } from './columns';
import { named } from './tags';

const PAGE_SIZE = 20;
const DRILL_KEYS = ['figure', 'monthFrom', 'monthTo', 'officeId', 'regionCode', 'serviceItemId'] as const;
type DueFilter = 'all' | Exclude<DueState, 'on_time'>;

export default function ApplicationsListPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const columns = useApplicationColumns();
  const [status, setStatus] = useState<ApplicationStatus | undefined>();
  const [due, setDue] = useState<DueFilter>('all');
  const [page, setPage] = useState(1);
  const [params, setParams] = useSearchParams();
  const drill = useMemo(() => Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Partial<ApplicationFilter>, [params]);
  const drilled = Object.keys(drill).length > 0;
  const filter: ApplicationFilter = { ...drill, status, dueState: due === 'all' ? undefined : due, page, pageSize: PAGE_SIZE };
  const list = useLoad((signal) => applicationsApi.list(filter, signal), [status, due, page, drill]);
  const counts = useLoad(async (signal) => {
    const [all, soon, over] = await Promise.all((['all', 'due_soon', 'overdue'] as const).map((d) => applicationsApi.list({ ...drill, status, dueState: d === 'all' ? undefined : d, pageSize: 1 }, signal)));
    return { all: all.total, due_soon: soon.total, overdue: over.total };
  }, [status, list.data]);
  const count = (k: DueFilter) => (counts.data ? ` ${counts.data[k]}` : '');

  return (
    <Card title={t('applications.list.title')} extra={hasAnyRole(me?.roles, ['window_agent']) ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/approvals/intake')} data-testid="list-intake">{t('applications.menu.intake')}</Button>
    ) : null}>
      <Space wrap style={{ marginBottom: 16 }}>
        {drilled && (
          <Tag closable color="blue" onClose={() => { setParams({}); setPage(1); }} data-testid="list-drill">{t('applications.list.fromFigures')}</Tag>
        )}
        <Segmented<DueFilter> value={due} onChange={(v) => { setDue(v); setPage(1); }} data-testid="due-filter" options={[
          { value: 'all', label: <span data-testid="due-all">{t('applications.list.all')}{count('all')}</span> },
          { value: 'due_soon', label: <span data-testid="due-soon">{t('applications.due.due_soon')}{count('due_soon')}</span> },
          { value: 'overdue', label: <span data-testid="due-overdue">{t('applications.due.overdue')}{count('overdue')}</span> },
        ]} />
        <Select allowClear placeholder={t('applications.list.allStatuses')} style={{ width: 180 }} value={status} onChange={(s?: ApplicationStatus) => { setStatus(s); setPage(1); }}
          data-testid="status-filter" options={(Object.keys(APPLICATION_STATUSES) as ApplicationStatus[]).map((s) => ({ value: s, label: named(APPLICATION_STATUSES[s], lang) }))} />
      </Space>
      <Table rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 1000 }} onRow={rowTestId} data-testid="applications-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('applications.list.total', { n }) }} />
    </Card>
  );
}
