// A department reviewer's worklist: the branches sent to their department, by where they stand —
// to sign for, in review, waiting on the applicant — with the counts of each.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Card, Table, Tabs } from 'antd';
import { useI18n, useLoad } from '../../shell';
import { applicationsApi, BRANCH_STATUS_NAMES, type OpenBranch } from './api';
import { rowTestId, useApplicationColumns } from './columns';
import { named } from './tags';

const PAGE_SIZE = 20;
const TABS: OpenBranch['status'][] = ['pending', 'reviewing', 'waiting'];

export default function WorklistPage() {
  const { t, lang } = useI18n();
  const columns = useApplicationColumns().filter((c) => c.key !== 'owner');
  // The tab is in the address (?status=), so that the home page's counts open it.
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((s) => s === params.get('status')) ?? 'pending';
  const setTab = (s: OpenBranch['status']) => setParams({ status: s }, { replace: true });
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => applicationsApi.list({ branchStatus: tab, page, pageSize: PAGE_SIZE }, signal), [tab, page]);
  const counts = useLoad(async (signal) => {
    const pages = await Promise.all(TABS.map((s) => applicationsApi.list({ branchStatus: s, pageSize: 1 }, signal)));
    return Object.fromEntries(TABS.map((s, i) => [s, pages[i].total])) as Record<OpenBranch['status'], number>;
  }, [list.data]);
  return (
    <Card title={t('applications.worklist.title')}>
      <Tabs activeKey={tab} onChange={(k) => { setTab(k as OpenBranch['status']); setPage(1); }} items={TABS.map((s) => ({
        key: s,
        label: <span data-testid={`worklist-tab-${s}`}>{named(BRANCH_STATUS_NAMES[s], lang)} <Badge count={counts.data?.[s] ?? 0} showZero color={s === 'waiting' ? 'orange' : '#1f5fbf'} /></span>,
      }))} />
      <Table rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} onRow={rowTestId} data-testid="worklist-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
    </Card>
  );
}
