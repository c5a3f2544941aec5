// Statistics report (统计报表): every count and rate for a period, by office, region, category,
// channel, case type or month; tree rows for offices and regions; Excel/CSV export of the same
// table; every number opens the cases behind it.
import { useMemo } from 'react';
import { Button, Card, Radio, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n, useLoad } from '../shell';
import { DIMENSIONS, evaluationApi, figuresExportUrl, type Dimension, type DrillFilter } from './api';
import { ExportButtons, MonthRangePicker, ScopePicker, useParamState, usePeriod } from './controls';
import { FigureTableView } from './FigureTableView';

export default function FiguresPage() {
  const { t } = useI18n();
  const [period, setPeriod] = usePeriod();
  const [params, update] = useParamState();
  const byRaw = params.get('by');
  const by: Dimension = (DIMENSIONS as readonly string[]).includes(byRaw ?? '') ? (byRaw as Dimension) : 'office';
  const query = useMemo(() => ({ ...period, by }), [period, by]);
  const table = useLoad((signal) => evaluationApi.figures(query, signal), [query]);
  const drill: DrillFilter = useMemo(
    () => ({ monthFrom: period.from, monthTo: period.to, responsibleOfficeId: period.scope ?? undefined }),
    [period],
  );
  // Only the answer to the current question is shown (a late answer for another dimension is not).
  const data = table.data && table.data.by === by ? table.data : undefined;

  return (
    <Card
      title={t('evaluation.figures.title')}
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.reload')} />
          <ExportButtons xlsx={figuresExportUrl('xlsx', query)} csv={figuresExportUrl('csv', query)} testId="eval-figures-export" />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={by}
          onChange={(e) => update({ by: e.target.value as string })}
          options={DIMENSIONS.map((d) => ({ value: d, label: <span data-testid={`eval-figures-by-${d}`}>{t(`evaluation.by.${d}`)}</span> }))}
          aria-label={t('evaluation.figures.by')}
        />
        <MonthRangePicker value={period} onChange={(from, to) => setPeriod({ from, to })} testId="eval-figures-period" />
        <ScopePicker value={period.scope} onChange={(scope) => setPeriod({ scope })} testId="eval-figures-scope" />
      </Space>
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('evaluation.figures.note', { from: data.from, to: data.to, w: data.basicallySatisfiedWeight })}
        </Typography.Paragraph>
      )}
      <FigureTableView
        by={by}
        rows={data?.rows ?? []}
        total={data?.total ?? null}
        drill={drill}
        loading={table.loading}
        testId="eval-figures"
        size="small"
      />
    </Card>
  );
}
