// The catalogue report per department or region: items, average limits, steps and materials,
// and the reductions the seeds count (time −50 %, steps −20 %, materials −30 %), with xlsx export.
import { useState } from 'react';
import { Button, Card, Radio, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n, useLoad } from '../shell';
import { catalogueApi, REDUCTION_TARGETS, type ReportRow } from './api';

const percent = (v: number | null, target: number) =>
  v === null ? '—' : <Typography.Text type={v >= target ? 'success' : 'danger'}>{(v * 100).toFixed(1)}%</Typography.Text>;

export default function ReportPage() {
  const { t } = useI18n();
  const [by, setBy] = useState<'office' | 'region'>('office');
  const report = useLoad((signal) => catalogueApi.report(by, signal), [by]);
  const columns: TableColumnsType<ReportRow> = [
    { title: by === 'office' ? t('approvals.department') : t('approvals.report.byRegion'), dataIndex: 'name', key: 'name' },
    { title: t('approvals.report.items'), dataIndex: 'items', key: 'items', align: 'right' },
    { title: t('approvals.report.avgStatutory'), dataIndex: 'averageStatutory', key: 'statutory', align: 'right' },
    { title: t('approvals.report.avgCommitted'), dataIndex: 'averageCommitted', key: 'committed', align: 'right' },
    { title: t('approvals.report.timeSaved'), key: 'time', align: 'right', render: (_: unknown, r) => percent(r.timeSaved, REDUCTION_TARGETS.time) },
    { title: t('approvals.report.avgSteps'), dataIndex: 'averageSteps', key: 'steps', align: 'right' },
    { title: t('approvals.report.stepsReduction'), key: 'stepsCut', align: 'right', render: (_: unknown, r) => percent(r.stepsReduction, REDUCTION_TARGETS.steps) },
    { title: t('approvals.report.avgMaterials'), dataIndex: 'averageMaterials', key: 'materials', align: 'right' },
    { title: t('approvals.report.materialsReduction'), key: 'materialsCut', align: 'right', render: (_: unknown, r) => percent(r.materialsReduction, REDUCTION_TARGETS.materials) },
  ];
  const rows = report.data ? [...report.data.rows, { ...report.data.total, name: t('approvals.report.total') }] : [];
  return (
    <Card
      title={t('approvals.report.title')}
      extra={
        <Space wrap>
          <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button"
            options={[{ value: 'office', label: t('approvals.report.byOffice') }, { value: 'region', label: t('approvals.report.byRegion') }]} />
          <Button icon={<DownloadOutlined />} href={catalogueApi.reportUrl(by)} data-testid="report-xlsx">{t('approvals.exportXlsx')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('approvals.report.targets', { time: REDUCTION_TARGETS.time * 100, steps: REDUCTION_TARGETS.steps * 100, materials: REDUCTION_TARGETS.materials * 100 })}
      </Typography.Paragraph>
      <Table rowKey="key" size="small" loading={report.loading} columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} />
    </Card>
  );
}
