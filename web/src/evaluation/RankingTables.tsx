// One table per peer group of a ranking (live or published): rank, score, red/black list marks,
// the weighted rates, and the offices left out with the reason. Used by the staff pages (with
// drill-down) and the public page (without).
import { useMemo } from 'react';
import { Card, Space, Table, Tag, Typography } from 'antd';
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

  const columns: TableColumnsType<RankedOffice> = [
    {
      title: t('evaluation.ranking.rank'),
      key: 'rank',
      width: 70,
      align: 'center',
      render: (_: unknown, o) => <span data-testid={`${testId}-rank-${o.officeId}`}>{o.rank ?? '—'}</span>,
    },
    { title: t('evaluation.by.office'), dataIndex: 'name', key: 'name', render: (v: string, o) => <span data-testid={`${testId}-name-${o.officeId}`}>{v}</span> },
    {
      title: t('evaluation.ranking.list'),
      key: 'list',
      width: 90,
      render: (_: unknown, o) => (
        <span data-testid={`${testId}-list-${o.officeId}`} data-list={o.list ?? ''}>
          <ListTag list={o.list} />
        </span>
      ),
    },
    {
      title: t('evaluation.ranking.score'),
      key: 'score',
      align: 'right',
      width: 90,
      render: (_: unknown, o) =>
        o.score === null ? (
          <Typography.Text type="secondary" data-testid={`${testId}-score-${o.officeId}`}>
            —
          </Typography.Text>
        ) : (
          <Typography.Text strong data-testid={`${testId}-score-${o.officeId}`}>
            {o.score.toFixed(2)}
          </Typography.Text>
        ),
    },
    {
      title: t('evaluation.ranking.cases'),
      key: 'caseCount',
      align: 'right',
      width: 90,
      render: (_: unknown, o) => (
        <DrillLink filter={filterFor(o, 'received')} testId={`${testId}-cases-${o.officeId}`}>
          {o.caseCount.toLocaleString()}
        </DrillLink>
      ),
    },
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
      render: (_: unknown, o: RankedOffice) => <DrillLink filter={filterFor(o, RATE_FIGURE[r])}>{percent(o.rates[r])}</DrillLink>,
    })),
    {
      title: t('evaluation.ranking.note'),
      key: 'note',
      render: (_: unknown, o) =>
        o.unrankedReason ? (
          <Typography.Text type="secondary" data-testid={`${testId}-unranked-${o.officeId}`}>
            {o.unrankedReason === 'too_few_cases' ? t('evaluation.ranking.tooFew', { n: ranking.settings.minimumCases }) : o.unrankedReason}
          </Typography.Text>
        ) : null,
    },
  ];

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
            <Table<RankedOffice>
              rowKey="officeId"
              size="small"
              columns={columns}
              dataSource={offices}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(o) =>
                ({
                  'data-testid': `${testId}-row-${o.officeId}`,
                  style: o.list === 'red' ? { background: '#fff1f0' } : o.list === 'black' ? { background: '#f0f0f0' } : undefined,
                }) as never
              }
            />
          </Card>
        );
      })}
    </Space>
  );
}
