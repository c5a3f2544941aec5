// The figures of random inspections per lead department, with the workbook.
import { Button, Card, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { buildUrl, useI18n, useLoad } from '../shell';
import { inspectionsApi, type InspectionFigures } from './api';

export default function FiguresPage() {
  const { t } = useI18n();
  const figures = useLoad((signal) => inspectionsApi.figures({}, signal), []);
  const col = (key: keyof InspectionFigures, label: string) => ({ title: t(label), dataIndex: key, key });
  return (
    <Card title={t('inspections.figures')} extra={<Button icon={<DownloadOutlined />} href={buildUrl('/api/inspection-figures', { format: 'xlsx' })}>xlsx</Button>}>
      <Table<InspectionFigures> rowKey={(r) => String(r.officeId)} size="small" loading={figures.loading} dataSource={figures.data ?? []} pagination={false} scroll={{ x: true }}
        columns={[
          { title: t('inspections.plan.office'), dataIndex: 'officeName', key: 'office' }, col('tasks', 'inspections.figures.tasks'), col('targetsDrawn', 'inspections.figures.drawn'),
          col('inspected', 'inspections.figures.inspected'), col('problemsFound', 'inspections.figures.problems'), col('rectified', 'inspections.figures.rectified'),
          col('publishedOnTime', 'inspections.figures.onTime'), col('visitsSavedByJoining', 'inspections.figures.saved'),
        ]} />
    </Card>
  );
}
