// The dashboard's part for the other modules' figures: a tab per section the viewer may read, with
// its headline figures for the period (each opening the module's list), a small chart of the first
// by department, and the way to the section's full table.
import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Spin, Statistic, Tabs } from 'antd';
import { TableOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { buildUrl, useI18n, useLoad } from '../shell';
import { figureText, sectionsApi, sectionText, type FigureSectionMeta, type Period } from './api';
import { EChart, type ChartOption } from './EChart';

export function SectionsPanel({ period }: { period: Period }) {
  const { t, lang } = useI18n();
  const sections = useLoad((signal) => sectionsApi.list(signal), [], false);
  const items = sections.data?.items ?? [];
  const [active, setActive] = useState<string>();
  if (items.length === 0) return null;
  const named = (b: { zh: string; en: string }) => sectionText(b, lang);
  return (
    <Card size="small" title={t('evaluation.sections.title')} data-testid="eval-sections">
      <Tabs activeKey={active ?? items[0].code} onChange={setActive} destroyInactiveTabPane
        items={items.map((s) => ({ key: s.code, label: <span data-testid={`eval-section-tab-${s.code}`}>{named(s.title)}</span>, children: <SectionCard section={s} period={period} /> }))} />
    </Card>
  );
}

function SectionCard({ section, period }: { section: FigureSectionMeta; period: Period }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const groupBy = section.groupBy.includes('office') ? 'office' : section.groupBy[0];
  const data = useLoad((signal) => sectionsApi.table(section.code, { ...period, groupBy }, signal), [section.code, period.from, period.to, period.scope]);
  const table = data.data;
  const headlines = section.figures.filter((f) => f.headline);
  const charted = headlines[0];
  const option = useMemo<ChartOption | null>(() => {
    if (!table || !charted) return null;
    const rows = [...table.rows].sort((a, b) => (b.values[charted.code] ?? 0) - (a.values[charted.code] ?? 0)).slice(0, 10).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', name: sectionText(charted.label, lang), data: rows.map((r) => r.values[charted.code] ?? 0), barMaxWidth: 18 }],
    };
  }, [table, charted, lang]);
  const tablePath = buildUrl(`/evaluation/sections/${section.code}`, { from: period.from, to: period.to, scope: period.scope ?? undefined });
  if (!table) return data.loading ? <Spin /> : <Empty />;
  return (
    <Spin spinning={data.loading}>
      <Row gutter={[12, 12]}>
        {headlines.map((f) => {
          const path = table.total.drillDown[f.code];
          return (
            <Col key={f.code} xs={12} md={8} xl={4}>
              <Card size="small" style={{ height: '100%' }} hoverable={!!path} role={path ? 'link' : undefined} onClick={path ? () => navigate(path) : undefined} data-testid={`eval-section-${section.code}-${f.code}`}>
                <Statistic title={sectionText(f.label, lang)} value={figureText(f.kind, table.total.values[f.code])} valueStyle={{ fontSize: 20 }} />
              </Card>
            </Col>
          );
        })}
        <Col xs={24} md={8} xl={24 - 4 * Math.min(headlines.length, 5) || 4} style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end' }}>
          <Button type="primary" ghost icon={<TableOutlined />} onClick={() => navigate(tablePath)} data-testid={`eval-section-open-${section.code}`}>{t('evaluation.sections.open')}</Button>
        </Col>
      </Row>
      {option && table.rows.length > 0 && (
        <EChart option={option} height={Math.max(120, 28 * Math.min(table.rows.length, 10) + 32)} ariaLabel={sectionText(section.title, lang)} data-testid={`eval-section-chart-${section.code}`} style={{ marginTop: 12 }} />
      )}
    </Spin>
  );
}
