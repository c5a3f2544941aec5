// A table of figure rows (offices, regions, categories, channels, types or months): counts and
// rates, tree rows where the answer nests them, the total as the last line. With `drill`, each
// number opens the list of the cases behind it.
import { useMemo } from 'react';
import { Grid, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../shell';
import {
  expandableKeys, figureTree, FIGURES, percent, RATE_FIGURE, RATES, rowDrill,
  type Dimension, type DrillFilter, type Figure, type FigureRow, type FigureTreeRow, type Rate,
} from './api';
import { DrillLink } from './controls';
import { useEvalNames } from './names';

export interface FigureTableViewProps {
  by: Dimension;
  rows: readonly FigureRow[];
  total?: FigureRow | null;
  figures?: readonly Figure[];
  rates?: readonly Rate[];
  /** The period (and scope) behind the numbers; without it the numbers are plain text. */
  drill?: DrillFilter | null;
  loading?: boolean;
  /** Heading of the first column. */
  nameTitle?: string;
  testId: string;
  size?: 'small' | 'middle';
  pageSize?: number | false;
}

export function FigureTableView(props: FigureTableViewProps) {
  const { by, rows, total, figures = FIGURES, rates = RATES, drill, loading, nameTitle, testId, size = 'small', pageSize = false } = props;
  const { t } = useI18n();
  const names = useEvalNames();
  const tree = useMemo(() => figureTree(rows), [rows]);
  const expanded = useMemo(() => expandableKeys(tree), [tree]);
  // On a phone the names column stays narrow enough to leave room for the numbers scrolling beside it.
  const narrow = Grid.useBreakpoint().md === false;

  const filterFor = (row: FigureRow, figure: Figure, isTotal: boolean): DrillFilter | null => {
    if (!drill) return null;
    if (isTotal) return { ...drill, figure };
    const narrow = rowDrill(by, row.key);
    return narrow ? { ...drill, ...narrow, figure } : null;
  };

  const countCell = (row: FigureRow, f: Figure, isTotal: boolean) => {
    const n = row.counts[f] ?? 0;
    return (
      <DrillLink filter={n > 0 ? filterFor(row, f, isTotal) : null} testId={`${testId}-${isTotal ? 'total' : row.key}-${f}`}>
        {n.toLocaleString()}
      </DrillLink>
    );
  };
  const rateCell = (row: FigureRow, r: Rate, isTotal: boolean) => {
    const f = RATE_FIGURE[r];
    return (
      <DrillLink filter={(row.counts[f] ?? 0) > 0 ? filterFor(row, f, isTotal) : null} testId={`${testId}-${isTotal ? 'total' : row.key}-${r}`}>
        {percent(row.rates[r])}
      </DrillLink>
    );
  };

  const columns: TableColumnsType<FigureTreeRow> = [
    {
      title: nameTitle ?? t(`evaluation.by.${by}`),
      key: 'name',
      fixed: 'left',
      width: by === 'month' ? 110 : narrow ? 130 : 240,
      render: (_: unknown, r) => <span data-testid={`${testId}-name-${r.key}`}>{names.row(by, r)}</span>,
    },
    ...figures.map((f) => ({
      title: names.figure(f),
      key: f,
      align: 'right' as const,
      render: (_: unknown, r: FigureTreeRow) => countCell(r, f, false),
    })),
    ...rates.map((r) => ({
      title: <span title={names.rateDefinition(r)}>{names.rate(r)}</span>,
      key: r,
      align: 'right' as const,
      render: (_: unknown, row: FigureTreeRow) => rateCell(row, r, false),
    })),
  ];

  return (
    <Table<FigureTreeRow>
      rowKey="key"
      size={size}
      columns={columns}
      dataSource={tree}
      loading={loading}
      pagination={pageSize ? { pageSize, showSizeChanger: false, hideOnSinglePage: true } : false}
      // Opened fully; remounted when the tree changes so a new answer opens fully as well.
      key={expanded.join(',')}
      expandable={{ defaultExpandedRowKeys: expanded }}
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-testid': `${testId}-row-${r.key}` }) as never}
      data-testid={testId}
      summary={
        total
          ? () => (
              <Table.Summary>
                <Table.Summary.Row data-testid={`${testId}-total`}>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('evaluation.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {figures.map((f, i) => (
                    <Table.Summary.Cell key={f} index={i + 1} align="right">
                      <Typography.Text strong>{countCell(total, f, true)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                  {rates.map((r, i) => (
                    <Table.Summary.Cell key={r} index={figures.length + i + 1} align="right">
                      <Typography.Text strong>{rateCell(total, r, true)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          : undefined
      }
    />
  );
}
