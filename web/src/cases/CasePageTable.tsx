// A page of cases as a table (the case list, the evaluation's drill-down): the same columns, the
// server's paging, the total shown the same way everywhere.
import { Table } from 'antd';
import { useI18n, type Loaded } from '../shell';
import type { CasePage, CaseView } from './api';
import { rowTestId, useCaseColumns } from './columns';

export function CasePageTable({ list, page, pageSize, onPage, testId }: {
  list: Loaded<CasePage>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** `<testId>-table` on the table, `<testId>-row` on each row. */
  testId: string;
}) {
  const { t } = useI18n();
  const cols = useCaseColumns();
  const columns = [cols.code, cols.title, cols.type, cols.status, cols.deadline, cols.lead, cols.channel, cols.acceptedAt];
  return (
    <Table<CaseView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      onRow={rowTestId(`${testId}-row`)}
      data-testid={`${testId}-table`}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showTotal: (n) => t('cases.list.total', { n }),
        showSizeChanger: false,
        onChange: onPage,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
