// One figure section of another module (审批办件, 入企, 双随机抽查) as a table: a row per group for the
// period, the group-by chosen, an Excel download; every number opens that module's list of what it counted.
import { useMemo } from 'react';
import { Button, Card, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { FIGURE_GROUP_BY_NAMES, figureText, sectionText, sectionExportUrl, sectionsApi, type FigureDefinition, type FigureGroupBy, type FigureSectionRow } from './api';
import { MonthRangePicker, useParamState, usePeriod } from './controls';

/** A figure of a row: a link to the module's list where it can show exactly what the figure counted. */
function Cell({ figure, row }: { figure: FigureDefinition; row: FigureSectionRow }) {
  const text = figureText(figure.kind, row.values[figure.code]);
  const path = row.drillDown[figure.code];
  const testId = `section-cell-${row.key}-${figure.code}`;
  return path ? <Link to={path} data-testid={testId}>{text}</Link> : <span data-testid={testId}>{text}</span>;
}

export default function SectionPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const [period, setPeriod] = usePeriod();
  const [params, update] = useParamState();
  const groupByParam = params.get('groupBy') as FigureGroupBy | null;
  const data = useLoad((signal) => sectionsApi.table(code, { ...period, groupBy: groupByParam ?? undefined }, signal), [code, period.from, period.to, period.scope, groupByParam]);
  const table = data.data;
  const named = (b: { zh: string; en: string }) => sectionText(b, lang);
  const columns = useMemo<TableColumnsType<FigureSectionRow>>(() => table ? [
    { title: named(FIGURE_GROUP_BY_NAMES[table.groupBy]), dataIndex: 'name', key: 'name', fixed: 'left', width: 220 },
    ...table.section.figures.map((f) => ({
      title: named(f.label), key: f.code, align: 'right' as const,
      render: (_: unknown, r: FigureSectionRow) => <Cell figure={f} row={r} />,
    })),
  ] : [], [table, lang]);

  return (
    <Card
      title={table ? named(table.section.title) : t('evaluation.sections.title')}
      extra={table && <Button icon={<DownloadOutlined />} href={sectionExportUrl(code, { ...period, groupBy: table.groupBy })} data-testid="section-xlsx">{t('evaluation.export.xlsx')}</Button>}
      data-testid="section-page"
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <MonthRangePicker value={period} onChange={(from, to) => setPeriod({ from, to })} testId="section-period" />
          {table && table.section.groupBy.length > 1 && (
            <Segmented<FigureGroupBy> value={table.groupBy} onChange={(g) => update({ groupBy: g })} data-testid="section-group-by"
              options={table.section.groupBy.map((g) => ({ value: g, label: <span data-testid={`section-group-${g}`}>{named(FIGURE_GROUP_BY_NAMES[g])}</span> }))} />
          )}
          <Link to={`/evaluation/dashboard?from=${period.from}&to=${period.to}`}>{t('evaluation.sections.back')}</Link>
        </Space>
        {table && <Typography.Text type="secondary">{named(table.section.note)} {t('evaluation.sections.drillHint')}</Typography.Text>}
        <Table<FigureSectionRow> rowKey="key" size="small" loading={data.loading} columns={columns} dataSource={table?.rows ?? []} scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} data-testid="section-table"
          onRow={(r) => ({ 'data-testid': `section-row-${r.key}` }) as never}
          summary={() => table && (
            <Table.Summary.Row data-testid="section-total">
              <Table.Summary.Cell index={0}><Typography.Text strong>{t('evaluation.total')}</Typography.Text></Table.Summary.Cell>
              {table.section.figures.map((f, i) => (
                <Table.Summary.Cell key={f.code} index={i + 1} align="right"><Typography.Text strong><Cell figure={f} row={table.total} /></Typography.Text></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )} />
      </Space>
    </Card>
  );
}
