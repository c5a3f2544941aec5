/** The policy figures as the platform's table file (sent as a workbook people open in Excel). */
import type { TableColumn, TableFile } from '../platform/export/table.js';
import type { FigureRow, PolicyFigures } from './contract.js';

const BY_NAME = { policy: '政策', region: '区划', industry: '行业' } as const;

const COLUMNS = (by: PolicyFigures['by']): TableColumn<Omit<FigureRow, 'key'>>[] => [
  { header: BY_NAME[by], width: 36, value: (r) => r.name },
  { header: '推送', width: 9, value: (r) => r.pushed },
  { header: '已读', width: 9, value: (r) => r.read },
  { header: '已申请', width: 9, value: (r) => r.applied },
  { header: '已兑现', width: 9, value: (r) => r.granted },
  { header: '未予兑现', width: 9, value: (r) => r.declined },
  { header: '兑现金额（元）', width: 16, value: (r) => r.amount },
];

export function figuresFile(figures: PolicyFigures): TableFile<Omit<FigureRow, 'key'>> {
  return {
    title: `惠企政策推送与兑现统计（按${BY_NAME[figures.by]}）`, sheet: '政策兑现统计', columns: COLUMNS(figures.by),
    rows: [...figures.rows, { name: '合计', ...figures.total }],
  };
}
