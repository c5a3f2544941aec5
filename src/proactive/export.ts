/** The effect table's columns (成效表), for its workbook. */
import type { TableColumn } from '../platform/export/table.js';
import { TASK_STATUS_NAMES, type TaskView } from './contract.js';

const pct = (v: number | null) => (v === null ? null : `${v > 0 ? '+' : ''}${v}%`);

export const effectColumns: TableColumn<TaskView>[] = [
  { header: '任务', width: 36, wrap: true, value: (t) => t.title },
  { header: '每月一题', width: 10, value: (t) => t.topicMonth },
  { header: '牵头单位', width: 28, wrap: true, value: (t) => t.ownerOfficeName },
  { header: '状态', width: 8, value: (t) => TASK_STATUS_NAMES[t.status].zh },
  { header: '立项日期', width: 12, date: true, value: (t) => t.createdAt.slice(0, 10) },
  { header: '办结日期', width: 12, date: true, value: (t) => t.finishedAt?.slice(0, 10) ?? null },
  { header: '对比周数', width: 9, value: (t) => t.effect?.weeks ?? null },
  { header: '立项前诉求', width: 11, value: (t) => t.effect?.before ?? null },
  { header: '办结后诉求', width: 11, value: (t) => t.effect?.after ?? null },
  { header: '变化', width: 9, value: (t) => pct(t.effect?.change ?? null) },
  { header: '上年同期前', width: 11, value: (t) => t.effect?.beforeLastYear ?? null },
  { header: '上年同期后', width: 11, value: (t) => t.effect?.afterLastYear ?? null },
  { header: '上年同期变化', width: 12, value: (t) => pct(t.effect?.seasonalChange ?? null) },
  { header: '净变化', width: 9, value: (t) => pct(t.effect?.netChange ?? null) },
  { header: '办理结果', width: 40, wrap: true, value: (t) => t.result },
];
