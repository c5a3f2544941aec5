/** The catalogue report as a workbook people open in Excel (the platform's table file). */
import type { TableColumn, TableFile } from '../platform/export/table.js';
import type { CatalogueReport, ReportRow } from './contract.js';

const COLUMNS = (by: CatalogueReport['by']): TableColumn<ReportRow>[] => [
  { header: by === 'office' ? '实施部门' : '区划', width: 30, value: (r) => r.name },
  { header: '事项数', width: 9, value: (r) => r.items },
  { header: '平均法定时限（工作日）', width: 14, value: (r) => r.averageStatutory },
  { header: '平均承诺时限（工作日）', width: 14, value: (r) => r.averageCommitted },
  { header: '时限压缩', width: 11, percent: true, value: (r) => r.timeSaved },
  { header: '平均环节数', width: 11, value: (r) => r.averageSteps },
  { header: '环节精简', width: 11, percent: true, value: (r) => r.stepsReduction },
  { header: '平均材料数', width: 11, value: (r) => r.averageMaterials },
  { header: '材料精简', width: 11, percent: true, value: (r) => r.materialsReduction },
  { header: '有基线的事项（环节/材料）', width: 16, value: (r) => `${r.stepsBaselineItems}/${r.materialsBaselineItems}` },
];

export function reportFile(report: CatalogueReport): TableFile<ReportRow> {
  const { time, steps, materials } = report.targets;
  return {
    title: `政务服务事项目录统计（按${report.by === 'office' ? '部门' : '区划'}；目标：时限 −${time * 100}%、环节 −${steps * 100}%、材料 −${materials * 100}%）`,
    sheet: '事项目录统计', columns: COLUMNS(report.by), rows: [...report.rows, report.total],
  };
}
