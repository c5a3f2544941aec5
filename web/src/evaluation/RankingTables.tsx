// One table per peer group of a ranking (live or published): rank, score, red/black list marks,
// the weighted rates, and the offices left out with the reason. Used by the staff pages (with
// drill-down) and the public page (without). On a phone each office is a card instead, so that
// nothing, the note least of all, hides beyond the right edge of a scrolled table.
import { useMemo, type ReactNode } from 'react';
import { Card, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../shell';
import { percent, RATES, RATE_FIGURE, type DrillFilter, type Figure, type RankedOffice, type Ranking, type Rate } from './api';
import { DrillLink } from './controls';
import { useEvalNames } from './names';

/** Ranked offices by rank, then the unranked by number of cases. */
export function orderOffices(list: readonly RankedOffice[]): RankedOffice[] {
  return [...list].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.name.localeCompare(b.name);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return b.caseCount - a.caseCount || a.name.localeCompare(b.name);
  });
}

export function ListTag({ list }: { list: RankedOffice['list'] }) {
  const { t } = useI18n();
  if (list === 'red') return <Tag color="red">{t('evaluation.ranking.red')}</Tag>;
  if (list === 'black') return <Tag color="#262626">{t('evaluation.ranking.black')}</Tag>;
  return null;
}

export interface RankingTablesProps {
  ranking: Ranking;
  /** The month's cases: with it, case counts and rates open the cases behind them. */
  drill?: boolean;
  testId: string;
}

export function RankingTables({ ranking, drill, testId }: RankingTablesProps) {
  const { t } = useI18n();
  const names = useEvalNames();
  const weighted: Rate[] = useMemo(() => RATES.filter((r) => (ranking.settings.weights[r] ?? 0) > 0), [ranking.settings.weights]);
  const base: DrillFilter | null = drill ? { monthFrom: ranking.month, monthTo: ranking.month } : null;
  const filterFor = (o: RankedOffice, figure: Figure) => (base && o.counts[figure] > 0 ? { ...base, responsibleOfficeId: o.officeId, figure } : null);
  const narrow = Grid.useBreakpoint().md === false;

  const cells = {
    rank: (o: RankedOffice) => <span data-testid={`${testId}-rank-${o.officeId}`}>{o.rank ?? '—'}</span>,
    name: (o: RankedOffice) => <span data-testid={`${testId}-name-${o.officeId}`}>{o.name}</span>,
    list: (o: RankedOffice) => (
      <span data-testid={`${testId}-list-${o.officeId}`} data-list={o.list ?? ''}>
        <ListTag list={o.list} />
      </span>
    ),
    score: (o: RankedOffice) =>
      o.score === null ? (
        <Typography.Text type="secondary" data-testid={`${testId}-score-${o.officeId}`}>
          —
        </Typography.Text>
      ) : (
        <Typography.Text strong data-testid={`${testId}-score-${o.officeId}`}>
          {o.score.toFixed(2)}
        </Typography.Text>
      ),
    cases: (o: RankedOffice) => (
      <DrillLink filter={filterFor(o, 'received')} testId={`${testId}-cases-${o.officeId}`}>
        {o.caseCount.toLocaleString()}
      </DrillLink>
    ),
    rate: (o: RankedOffice, r: Rate) => <DrillLink filter={filterFor(o, RATE_FIGURE[r])}>{percent(o.rates[r])}</DrillLink>,
    note: (o: RankedOffice) =>
      o.unrankedReason ? (
        <Typography.Text type="secondary" data-testid={`${testId}-unranked-${o.officeId}`}>
          {o.unrankedReason === 'too_few_cases' ? t('evaluation.ranking.tooFew', { n: ranking.settings.minimumCases }) : t('evaluation.ranking.nothingToScore')}
        </Typography.Text>
      ) : null,
  };
  const rowStyle = (o: RankedOffice) => (o.list === 'red' ? { background: '#fff1f0' } : o.list === 'black' ? { background: '#f0f0f0' } : undefined);

  const columns: TableColumnsType<RankedOffice> = [
    { title: t('evaluation.ranking.rank'), key: 'rank', width: 70, align: 'center', render: (_: unknown, o) => cells.rank(o) },
    { title: t('evaluation.by.office'), dataIndex: 'name', key: 'name', render: (_: unknown, o) => cells.name(o) },
    { title: t('evaluation.ranking.list'), key: 'list', width: 90, render: (_: unknown, o) => cells.list(o) },
    { title: t('evaluation.ranking.score'), key: 'score', align: 'right', width: 90, render: (_: unknown, o) => cells.score(o) },
    { title: t('evaluation.ranking.cases'), key: 'caseCount', align: 'right', width: 90, render: (_: unknown, o) => cells.cases(o) },
    ...weighted.map((r) => ({
      title: (
        <span title={names.rateDefinition(r)}>
          {names.rate(r)}
          <Typography.Text type="secondary" style={{ fontSize: 11, marginLeft: 4 }}>
            ×{ranking.settings.weights[r]}
          </Typography.Text>
        </span>
      ),
      key: r,
      align: 'right' as const,
      render: (_: unknown, o: RankedOffice) => cells.rate(o, r),
    })),
    { title: t('evaluation.ranking.note'), key: 'note', render: (_: unknown, o) => cells.note(o) },
  ];

  /** One office on a phone: rank, name and list mark, then score, cases and the weighted rates as labelled lines, then the note in full. */
  const officeCard = (o: RankedOffice) => {
    const line = (label: ReactNode, value: ReactNode, key: string) => (
      <div key={key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <span>{value}</span>
      </div>
    );
    return (
      <div
        key={o.officeId}
        data-testid={`${testId}-row-${o.officeId}`}
        style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', ...rowStyle(o) }}
      >
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, marginBottom: 4 }}>
          <Typography.Text strong style={{ minWidth: 24, textAlign: 'center' }} aria-label={t('evaluation.ranking.rank')}>
            {cells.rank(o)}
          </Typography.Text>
          <Typography.Text strong style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {cells.name(o)}
          </Typography.Text>
          {cells.list(o)}
        </div>
        {o.score !== null && line(t('evaluation.ranking.score'), cells.score(o), 'score')}
        {line(t('evaluation.ranking.cases'), cells.cases(o), 'cases')}
        {/* An office left out shows the rates it has; its note says why it has no score. */}
        {weighted.filter((r) => o.score !== null || o.rates[r] !== null).map((r) => line(<>{names.rate(r)} ×{ranking.settings.weights[r]}</>, cells.rate(o, r), r))}
        {o.unrankedReason && <div style={{ marginTop: 4 }}>{cells.note(o)}</div>}
      </div>
    );
  };

  if (ranking.groups.length === 0) {
    return <Typography.Text type="secondary">{t('evaluation.noData')}</Typography.Text>;
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {ranking.groups.map((g) => {
        const offices = orderOffices(g.offices);
        const red = offices.filter((o) => o.list === 'red');
        const black = offices.filter((o) => o.list === 'black');
        return (
          <Card
            key={g.peerGroup}
            type="inner"
            size="small"
            title={names.peerGroup(g.peerGroup)}
            styles={{ title: { whiteSpace: 'normal' } }}
            data-testid={`${testId}-group-${g.peerGroup}`}
            extra={
              <Space size={4} wrap>
                <Typography.Text type="secondary">{t('evaluation.ranking.redCount', { n: red.length })}</Typography.Text>
                <Typography.Text type="secondary">{t('evaluation.ranking.blackCount', { n: black.length })}</Typography.Text>
              </Space>
            }
          >
            {narrow ? (
              <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid={`${testId}-cards-${g.peerGroup}`}>
                {offices.map(officeCard)}
              </Space>
            ) : (
              <Table<RankedOffice>
                rowKey="officeId"
                size="small"
                columns={columns}
                dataSource={offices}
                pagination={false}
                scroll={{ x: 'max-content' }}
                onRow={(o) => ({ 'data-testid': `${testId}-row-${o.officeId}`, style: rowStyle(o) }) as never}
              />
            )}
          </Card>
        );
      })}
    </Space>
  );
}
