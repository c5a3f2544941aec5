// The leader's dashboard (领导驾驶舱): headline figures for a period and scope, the weekly trend,
// rates by office, the region tree, top categories, channels and what is overdue right now.
// Every number, bar, slice and row opens the list of the cases behind it. Below, the other modules'
// figure sections (approvals, visits, inspections), each opening that module's list.
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import {
  drillPath, evaluationApi, percent, RATE_FIGURE, RATES,
  type Dashboard, type DrillFilter, type Figure, type FigureRow, type Rate,
} from './api';
import { DrillLink, MonthRangePicker, ScopePicker, usePeriod } from './controls';
import { EChart, type ChartOption } from './EChart';
import { FigureTableView } from './FigureTableView';
import { SectionsPanel } from './SectionsPanel';
import { useEvalNames } from './names';

type Headline = { key: string; label: string; value: ReactNode; sub?: ReactNode; drill: DrillFilter | null; danger?: boolean };

const HEADLINE_RATES: Rate[] = ['completionRate', 'onTimeRate', 'visitRate', 'resolutionRate', 'satisfactionRate', 'responseRate'];
const REGION_FIGURES: Figure[] = ['received', 'completed', 'completedOnTime', 'overdue', 'satisfied'];
const REGION_RATES: Rate[] = ['completionRate', 'onTimeRate', 'satisfactionRate'];

export default function DashboardPage() {
  const { t } = useI18n();
  const names = useEvalNames();
  const navigate = useNavigate();
  const [period, setPeriod] = usePeriod();
  const [officeRate, setOfficeRate] = useState<Rate>('completionRate');
  const data = useLoad((signal) => evaluationApi.dashboard(period, signal), [period.from, period.to, period.scope]);
  const d = data.data;

  /** The period and scope every drill-down starts from. */
  const base: DrillFilter = useMemo(
    () => ({ monthFrom: period.from, monthTo: period.to, responsibleOfficeId: period.scope ?? undefined }),
    [period],
  );
  const go = (f: DrillFilter) => navigate(drillPath(f));

  const headlines: Headline[] = d
    ? [
        { key: 'received', label: names.figure('received'), value: d.total.counts.received.toLocaleString(), drill: { ...base, figure: 'received' } },
        { key: 'dispatched', label: names.figure('dispatched'), value: d.total.counts.dispatched.toLocaleString(), drill: { ...base, figure: 'dispatched' } },
        ...HEADLINE_RATES.map((r) => {
          const f = RATE_FIGURE[r];
          return {
            key: r,
            label: names.rate(r),
            value: percent(d.total.rates[r]),
            sub: `${names.figure(f)} ${d.total.counts[f].toLocaleString()}`,
            drill: { ...base, figure: f },
          };
        }),
        {
          key: 'overdueNow',
          label: t('evaluation.dashboard.overdueNow'),
          value: d.overdueNowTotal.toLocaleString(),
          sub: `${names.figure('overdue')} ${d.total.counts.overdue.toLocaleString()}`,
          // Open cases late right now: the due-state filter, in the scope when one is chosen.
          drill: { dueState: 'overdue', responsibleOfficeId: period.scope ?? undefined },
          danger: d.overdueNowTotal > 0,
        },
      ]
    : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="eval-dashboard">
      <Card
        title={t('evaluation.dashboard.title')}
        extra={<Button icon={<ReloadOutlined />} onClick={data.reload} aria-label={t('common.reload')} />}
        styles={{ body: { paddingBottom: 8 } }}
      >
        <Space wrap>
          <MonthRangePicker value={period} onChange={(from, to) => setPeriod({ from, to })} testId="eval-dashboard-period" />
          <ScopePicker value={period.scope} onChange={(scope) => setPeriod({ scope })} testId="eval-dashboard-scope" />
          {d && (
            <Typography.Text type="secondary" data-testid="eval-dashboard-range">
              {t('evaluation.periodText', { from: d.from, to: d.to })}
            </Typography.Text>
          )}
        </Space>
      </Card>

      {!d ? (
        <Card>{data.loading ? <Spin /> : <Empty />}</Card>
      ) : (
        <Spin spinning={data.loading}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Row gutter={[12, 12]} data-testid="eval-headlines">
              {headlines.map((h) => (
                <Col key={h.key} xs={12} sm={8} md={6} xl={4} xxl={4}>
                  <Card
                    size="small"
                    hoverable={!!h.drill}
                    onClick={h.drill ? () => go(h.drill!) : undefined}
                    data-testid={`eval-card-${h.key}`}
                    role={h.drill ? 'link' : undefined}
                    tabIndex={h.drill ? 0 : undefined}
                    onKeyDown={(e) => {
                      if (h.drill && (e.key === 'Enter' || e.key === ' ')) {
                        e.preventDefault();
                        go(h.drill);
                      }
                    }}
                  >
                    <Statistic
                      title={h.label}
                      value={h.value as string}
                      valueStyle={{ fontSize: 22, color: h.danger ? '#cf1322' : undefined }}
                      valueRender={(node) => <span data-testid={`eval-value-${h.key}`}>{node}</span>}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {h.sub ?? '\u00a0'}
                    </Typography.Text>
                  </Card>
                </Col>
              ))}
            </Row>

            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Card size="small" title={t('evaluation.dashboard.trend')}>
                  <TrendChart dashboard={d} onPick={go} base={base} />
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('evaluation.dashboard.channels')}>
                  <ChannelPie rows={d.channels} onPick={(key) => go({ ...base, figure: 'received', channel: key })} />
                </Card>
              </Col>
            </Row>

            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card
                  size="small"
                  title={t('evaluation.dashboard.byOffice')}
                  extra={
                    <Select<Rate>
                      size="small"
                      value={officeRate}
                      onChange={setOfficeRate}
                      options={RATES.map((r) => ({ value: r, label: names.rate(r) }))}
                      style={{ width: 150 }}
                      aria-label={t('evaluation.dashboard.pickRate')}
                      data-testid="eval-office-rate"
                    />
                  }
                >
                  <OfficeRateBars rows={d.offices} rate={officeRate} onPick={(key) => go({ ...base, responsibleOfficeId: Number(key), figure: RATE_FIGURE[officeRate] })} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('evaluation.dashboard.categories')}>
                  <CategoryBars rows={d.topCategories} onPick={(key) => go({ ...base, figure: 'received', categoryId: Number(key) })} />
                </Card>
              </Col>
            </Row>

            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Card size="small" title={t('evaluation.dashboard.regions')}>
                  <FigureTableView
                    by="region"
                    rows={d.regions}
                    figures={REGION_FIGURES}
                    rates={REGION_RATES}
                    drill={base}
                    testId="eval-regions"
                    pageSize={10}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={9}>
                <Card size="small" title={t('evaluation.dashboard.overdueByOffice')}>
                  <Table<Dashboard['overdueNow'][number]>
                    rowKey="officeId"
                    size="small"
                    dataSource={d.overdueNow}
                    pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                    data-testid="eval-overdue"
                    onRow={(r) => ({ 'data-testid': `eval-overdue-row-${r.officeId}` }) as never}
                    locale={{ emptyText: t('evaluation.dashboard.noOverdue') }}
                    columns={[
                      { title: t('evaluation.by.office'), dataIndex: 'name', key: 'name' },
                      {
                        title: t('evaluation.dashboard.overdueNow'),
                        dataIndex: 'count',
                        key: 'count',
                        align: 'right',
                        render: (n: number, r) => (
                          <DrillLink filter={{ dueState: 'overdue', leadOfficeId: r.officeId }} testId={`eval-overdue-${r.officeId}`}>
                            <Typography.Text type="danger">{n.toLocaleString()}</Typography.Text>
                          </DrillLink>
                        ),
                      },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </Space>
        </Spin>
      )}

      <SectionsPanel period={period} />
    </Space>
  );
}

function NoData() {
  const { t } = useI18n();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.noData')} />;
}

/** Weekly received and completed; a point opens the cases received, or completed, in that week (within the period). */
function TrendChart({ dashboard, onPick, base }: { dashboard: Dashboard; onPick: (f: DrillFilter) => void; base: DrillFilter }) {
  const { t } = useI18n();
  const names = useEvalNames();
  const trend = dashboard.trend;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [names.figure('received'), names.figure('completed')], top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((p) => p.weekStart.slice(0, 10)), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: names.figure('received'), type: 'line', symbolSize: 5, data: trend.map((p) => p.received) },
        { name: names.figure('completed'), type: 'line', symbolSize: 5, data: trend.map((p) => p.completed) },
      ],
    }),
    [trend, names],
  );
  if (trend.length === 0) return <NoData />;
  return (
    <EChart
      option={option}
      height={300}
      ariaLabel={t('evaluation.dashboard.trend')}
      data-testid="eval-chart-trend"
      onClick={(e) => {
        const p = trend[e.dataIndex];
        if (!p) return;
        // The trend counts the days of the period only: cut the week to it, as the server does.
        const first = `${dashboard.from}-01`;
        const last = dayjs(`${dashboard.to}-01`).endOf('month').format('YYYY-MM-DD');
        const weekEnd = dayjs(p.weekStart).add(6, 'day').format('YYYY-MM-DD');
        const days = { from: p.weekStart < first ? first : p.weekStart, to: weekEnd > last ? last : weekEnd };
        const { monthFrom: _from, monthTo: _to, ...scope } = base;
        onPick(e.seriesIndex === 1
          ? { ...scope, figure: 'completed', completedFrom: days.from, completedTo: days.to }
          : { ...scope, figure: 'received', receivedFrom: days.from, receivedTo: days.to });
      }}
    />
  );
}

function OfficeRateBars({ rows, rate, onPick }: { rows: FigureRow[]; rate: Rate; onPick: (key: string) => void }) {
  const { t } = useI18n();
  const names = useEvalNames();
  const shown = useMemo(
    () => rows.filter((r) => r.rates[rate] !== null).sort((a, b) => (a.rates[rate] ?? 0) - (b.rates[rate] ?? 0)),
    [rows, rate],
  );
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${Number(v).toFixed(2)}%` },
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          name: names.rate(rate),
          type: 'bar',
          data: shown.map((r) => Math.round((r.rates[rate] ?? 0) * 10000) / 100),
          label: { show: true, position: 'right', formatter: (p) => `${Number(p.value).toFixed(2)}%` },
          itemStyle: { color: '#1f5fbf' },
        },
      ],
    }),
    [shown, rate, names],
  );
  if (shown.length === 0) return <NoData />;
  return (
    <EChart
      option={option}
      height={Math.max(260, shown.length * 26 + 24)}
      ariaLabel={`${t('evaluation.dashboard.byOffice')}: ${names.rate(rate)}`}
      data-testid="eval-chart-offices"
      onClick={(e) => {
        const r = shown[e.dataIndex];
        if (r && /^[1-9]\d*$/.test(r.key)) onPick(r.key);
      }}
    />
  );
}

function CategoryBars({ rows, onPick }: { rows: FigureRow[]; onPick: (key: string) => void }) {
  const { t } = useI18n();
  const names = useEvalNames();
  const shown = useMemo(() => [...rows].reverse(), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { name: names.figure('received'), type: 'bar', data: shown.map((r) => r.counts.received), label: { show: true, position: 'right' }, itemStyle: { color: '#d46b08' } },
      ],
    }),
    [shown, names],
  );
  if (shown.length === 0) return <NoData />;
  return (
    <EChart
      option={option}
      height={Math.max(260, shown.length * 26 + 24)}
      ariaLabel={t('evaluation.dashboard.categories')}
      data-testid="eval-chart-categories"
      onClick={(e) => {
        const r = shown[e.dataIndex];
        if (r && /^[1-9]\d*$/.test(r.key)) onPick(r.key);
      }}
    />
  );
}

function ChannelPie({ rows, onPick }: { rows: FigureRow[]; onPick: (key: string) => void }) {
  const { t } = useI18n();
  const names = useEvalNames();
  const shown = useMemo(() => rows.filter((r) => r.counts.received > 0), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      // Every channel in the legend at once (it wraps), never a page of it: the pie keeps to the top.
      legend: { type: 'plain', bottom: 0, left: 'center', itemGap: 8 },
      series: [
        {
          name: names.figure('received'),
          type: 'pie',
          radius: ['28%', '52%'],
          center: ['50%', '36%'],
          data: shown.map((r) => ({ name: names.row('channel', r), value: r.counts.received })),
          // The name shows in the hole when a slice is pointed at; the legend names them all.
          label: { show: false, position: 'center', formatter: '{b}\n{d}%' },
          emphasis: { label: { show: true, fontSize: 14, fontWeight: 'bold' } },
        },
      ],
    }),
    [shown, names],
  );
  if (shown.length === 0) return <NoData />;
  return (
    <EChart
      option={option}
      height={360}
      ariaLabel={t('evaluation.dashboard.channels')}
      data-testid="eval-chart-channels"
      onClick={(e) => {
        const r = shown[e.dataIndex];
        if (r) onPick(r.key);
      }}
    />
  );
}
