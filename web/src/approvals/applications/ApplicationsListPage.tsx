// The applications a member of staff may see: a window's, a department's and those sent to it, a
// leader's whole subtree; filtered by status and by where the clock stands, with the counts of
// those in the green channel (due the same working day), due soon and overdue that leaders
// supervise. The filter is in the address (?show=green|due_soon|overdue&status=…), so that a count
// elsewhere opens this list filtered; opened from a figure (the evaluation dashboard's approvals
// section), it lists only the applications the figure counted, until that filter is cleared.
import { useMemo } from 'react';
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe } from '../../shell';
import { APPLICATION_STATUSES, applicationsApi, type ApplicationFilter, type ApplicationStatus, type DueState } from './api';
import { rowTestId, useApplicationColumns } from './columns';
import { named } from './tags';

const PAGE_SIZE = 20;
const DRILL_KEYS = ['figure', 'monthFrom', 'monthTo', 'officeId', 'regionCode', 'serviceItemId'] as const;
type Show = 'all' | 'green' | Exclude<DueState, 'on_time'>;
const SHOWS: readonly Show[] = ['all', 'green', 'due_soon', 'overdue'];

const filterOf = (show: Show, status?: ApplicationStatus): ApplicationFilter => ({
  status, greenChannel: show === 'green' ? true : undefined, dueState: show === 'due_soon' || show === 'overdue' ? show : undefined,
});

export default function ApplicationsListPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const columns = useApplicationColumns();
  const [params, setParams] = useSearchParams();
  const show: Show = SHOWS.find((s) => s === params.get('show')) ?? 'all';
  const status = (Object.keys(APPLICATION_STATUSES) as ApplicationStatus[]).find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const drill = useMemo(() => Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Partial<ApplicationFilter>, [params]);
  const drilled = Object.keys(drill).length > 0;
  const go = (next: { show?: Show; status?: ApplicationStatus | null; page?: number; drill?: Partial<ApplicationFilter> }) => {
    const p = new URLSearchParams(Object.entries(next.drill ?? drill).map(([k, v]) => [k, String(v)]));
    const s = next.show ?? show;
    const st = next.status === null ? undefined : next.status ?? status;
    if (s !== 'all') p.set('show', s);
    if (st) p.set('status', st);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p, { replace: true });
  };
  const list = useLoad((signal) => applicationsApi.list({ ...drill, ...filterOf(show, status), page, pageSize: PAGE_SIZE }, signal), [status, show, page, drill]);
  const counts = useLoad(async (signal) => {
    const totals = await Promise.all(SHOWS.map((s) => applicationsApi.list({ ...drill, ...filterOf(s, status), pageSize: 1 }, signal)));
    return Object.fromEntries(SHOWS.map((s, i) => [s, totals[i].total])) as Record<Show, number>;
  }, [status, list.data]);
  const count = (k: Show) => (counts.data ? ` ${counts.data[k]}` : '');

  return (
    <Card title={t('applications.list.title')} extra={hasAnyRole(me?.roles, ['window_agent']) ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/approvals/intake')} data-testid="list-intake">{t('applications.menu.intake')}</Button>
    ) : null}>
      <Space wrap style={{ marginBottom: 16 }}>
        {drilled && (
          <Tag closable color="blue" onClose={() => go({ drill: {} })} data-testid="list-drill">{t('applications.list.fromFigures')}</Tag>
        )}
        <Segmented<Show> value={show} onChange={(v) => go({ show: v })} data-testid="due-filter" options={[
          { value: 'all', label: <span data-testid="due-all">{t('applications.list.all')}{count('all')}</span> },
          { value: 'green', label: <span data-testid="due-green">{t('applications.list.green')}{count('green')}</span> },
          { value: 'due_soon', label: <span data-testid="due-soon">{t('applications.due.due_soon')}{count('due_soon')}</span> },
          { value: 'overdue', label: <span data-testid="due-overdue">{t('applications.due.overdue')}{count('overdue')}</span> },
        ]} />
        <Select allowClear placeholder={t('applications.list.allStatuses')} style={{ width: 180 }} value={status} onChange={(s?: ApplicationStatus) => go({ status: s ?? null })}
          data-testid="status-filter" options={(Object.keys(APPLICATION_STATUSES) as ApplicationStatus[]).map((s) => ({ value: s, label: named(APPLICATION_STATUSES[s], lang) }))} />
      </Space>
      <Table rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 1000 }} onRow={rowTestId} data-testid="applications-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (p) => go({ page: p }), showSizeChanger: false, showTotal: (n) => t('applications.list.total', { n }) }} />
    </Card>
  );
}
