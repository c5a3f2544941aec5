// A page of cases as a table (the case list, the evaluation's drill-down): the same columns, the
// server's paging, the total shown the same way everywhere; where the page allows, the server's
// sort by a column and row selection for bulk actions.
import { Table, type TableProps } from 'antd';
import { useI18n, type Loaded } from '../shell';
import type { CasePage, CaseSort, CaseView } from './api';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';

type SortKey = Exclude<CaseSort, `-${string}`>;
/** The columns the server sorts by, and the key it knows each as. */
const SORT_KEYS: Record<string, SortKey> = { code: 'code', status: 'status', deadline: 'deadline', acceptedAt: 'received' };

export function CasePageTable({ list, page, pageSize, onPage, testId, sort, onSort, selected, onSelect }: {
  list: Loaded<CasePage>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** `<testId>-table` on the table, `<testId>-row` on each row. */
  testId: string;
  /** The server's order; with `onSort` the sortable columns' headers change it. */
  sort?: CaseSort;
  onSort?: (sort: CaseSort | undefined) => void;
  /** Selected case ids; with `onSelect` each row has a check box. */
  selected?: readonly number[];
  onSelect?: (ids: number[], cases: CaseView[]) => void;
}) {
  const { t } = useI18n();
  const cols = useCaseColumns();
  const sortable = (c: CaseColumn): CaseColumn => {
    const key = SORT_KEYS[String(c.key)];
    if (!key || !onSort) return c;
    const order = sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null;
    return { ...c, sorter: true, sortOrder: order, sortDirections: ['ascend', 'descend'] };
  };
  // The channel is a filter above the list; without its column the list fits 1280 px.
  const columns = [cols.code, cols.title, cols.type, cols.status, cols.deadline, cols.lead, cols.acceptedAt].map(sortable);
  const onChange: TableProps<CaseView>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || !onSort) return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORT_KEYS[String(s.columnKey)] : undefined;
    onSort(key ? (s.order === 'descend' ? `-${key}` : key) : undefined);
  };
  return (
    <Table<CaseView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      onRow={rowTestId(`${testId}-row`)}
      onChange={onChange}
      rowSelection={onSelect ? {
        selectedRowKeys: [...(selected ?? [])], preserveSelectedRowKeys: true,
        onChange: (keys, rows) => onSelect(keys as number[], rows),
        getCheckboxProps: (c) => ({ 'data-testid': `${testId}-select-${c.id}` } as never),
      } : undefined}
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
