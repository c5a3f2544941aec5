// Visit figures (入企统计): per department and month against last year, with drill-down to the visits and an Excel export; ratings only over k rated visits.
import { useState } from 'react';
import { Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { buildUrl, useI18n, useLoad } from '../shell';
import { visitsApi, type FigureRow, type VisitFigures } from './api';

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export default function FiguresPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useLoad((signal) => visitsApi.figures(year, signal), [year]);
  const f = figures.data;
  const k = f?.ratings[0]?.minimum ?? 3;
  return (
    <Card title={t('visits.figures.title')} extra={<Space>
      <InputNumber value={year} min={2000} max={2999} onChange={(y) => y && setYear(y)} aria-label={t('visits.plans.year')} />
      <Button icon={<DownloadOutlined />} href={buildUrl('/api/visits/figures', { year, format: 'xlsx' })}>{t('visits.figures.export')}</Button>
    </Space>}>
      {f && <Typography.Paragraph data-testid="visit-figures-total">{t('visits.figures.total', { visits: f.totals.visits, lastYear: f.totals.lastYear, enterpriseVisits: f.totals.enterpriseVisits, inspections: f.totals.inspections })}（{percent(f.totals.change)}）</Typography.Paragraph>}
      <Table<FigureRow> rowKey={(r) => `${r.officeId}/${r.month}`} size="small" dataSource={f?.rows ?? []} loading={figures.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="visit-figures"
        columns={[
          { title: t('visits.field.office'), dataIndex: 'officeName', key: 'office' },
          { title: t('visits.figures.month'), key: 'month', render: (_: unknown, r) => <Link to={`/visits?officeId=${r.officeId}&month=${r.month}`}>{r.month}</Link> },
          { title: t('visits.figures.visits'), dataIndex: 'visits', key: 'visits' },
          { title: t('visits.figures.inspections'), dataIndex: 'inspections', key: 'inspections' },
          { title: t('visits.figures.lastYear'), dataIndex: 'lastYear', key: 'lastYear' },
          { title: t('visits.figures.change'), key: 'change', render: (_: unknown, r) => percent(r.change) },
          { title: t('visits.figures.outside'), dataIndex: 'outsideServiceWeek', key: 'outside' },
          { title: t('visits.figures.escalated'), dataIndex: 'escalated', key: 'escalated' },
          { title: t('visits.figures.late'), dataIndex: 'lateFilings', key: 'late' },
          { title: t('visits.figures.unscanned'), dataIndex: 'unscanned', key: 'unscanned' },
          { title: t('visits.figures.rated'), dataIndex: 'rated', key: 'rated' },
        ]} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('visits.figures.ratings', { k })}</Typography.Title>
      <Table<VisitFigures['ratings'][number]> rowKey="officeId" size="small" dataSource={f?.ratings ?? []} pagination={false}
        columns={[
          { title: t('visits.field.office'), dataIndex: 'officeName', key: 'office' },
          { title: t('visits.figures.rated'), dataIndex: 'visits', key: 'visits' },
          ...(['conduct', 'burden', 'usefulness'] as const).map((c) => ({
            title: t(`visits.rate.${c}`), key: c, render: (_: unknown, r: VisitFigures['ratings'][number]) => (r.shown ? r[c] : t('visits.figures.withheld', { k: r.minimum })),
          })),
        ]} />
    </Card>
  );
}
