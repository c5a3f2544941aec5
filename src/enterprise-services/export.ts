/** The service-visit figures as a workbook (走访服务统计). */
import type { TableFile } from '../platform/export/table.js';
import type { ServiceVisitFigures } from './contract.js';

type Row = ServiceVisitFigures['rows'][number];

export function figuresFile(f: ServiceVisitFigures): TableFile<Row> {
  return {
    title: `走访服务统计（${f.year} 年）`, sheet: `走访服务${f.year}`, rows: f.rows,
    columns: [
      { header: '单位', width: 28, value: (r) => r.officeName },
      { header: '走访次数', width: 10, value: (r) => r.visits },
      { header: '已走访', width: 10, value: (r) => r.held },
      { header: '问题线索', width: 10, value: (r) => r.problems },
      { header: '已解决', width: 10, value: (r) => r.solved },
      { header: '需求', width: 8, value: (r) => r.needs },
      { header: '建议', width: 8, value: (r) => r.suggestions },
    ],
  };
}
