/** The evaluation's tables as files: every figure table and ranking, with Chinese headers. */
import type { TableColumn, TableFile } from '../platform/export/table.js';
import { FIGURES, FIGURE_NAMES, PEER_GROUP_NAMES, RATES, RATE_NAMES, type FigureRow, type FigureTable, type RankedOffice, type Ranking } from './contract.js';

const DIMENSION_NAMES = { office: '单位', region: '行政区划', category: '诉求分类', channel: '渠道', type: '诉求类型', month: '月份' } as const;

/** The counts and rates columns every table shares. */
function figureColumns<T>(of: (item: T) => Pick<FigureRow, 'counts' | 'rates'>): TableColumn<T>[] {
  return [
    ...FIGURES.map((f): TableColumn<T> => ({ header: FIGURE_NAMES[f].zh, width: Math.max(8, FIGURE_NAMES[f].zh.length * 2 + 2), value: (i) => of(i).counts[f] })),
    ...RATES.map((r): TableColumn<T> => ({ header: RATE_NAMES[r].zh, width: 11, percent: true, value: (i) => of(i).rates[r] })),
  ];
}

/** Tree rows are indented under their parent, so the sheet reads like the page. */
function depthOf(rows: FigureRow[]): Map<string, number> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const depth = new Map<string, number>();
  const walk = (r: FigureRow): number => {
    if (depth.has(r.key)) return depth.get(r.key)!;
    const parent = r.parentKey ? byKey.get(r.parentKey) : undefined;
    const d = parent ? walk(parent) + 1 : 0;
    depth.set(r.key, d);
    return d;
  };
  rows.forEach(walk);
  return depth;
}

export function figureTableFile(t: FigureTable): TableFile<FigureRow> {
  const depth = depthOf(t.rows);
  const name = DIMENSION_NAMES[t.by];
  const period = t.from === t.to ? t.from : `${t.from} 至 ${t.to}`;
  return {
    title: `诉求办理统计（按${name}，${period}，基本满意按 ${t.basicallySatisfiedWeight} 计入满意率）`,
    sheet: `按${name}统计${t.from}`,
    columns: [{ header: name, width: 34, wrap: true, value: (r) => `${'　'.repeat(depth.get(r.key) ?? 0)}${r.name}` }, ...figureColumns<FigureRow>((r) => r)],
    rows: [...t.rows, t.total],
  };
}

const LIST_NAMES = { red: '红榜', black: '黑榜' } as const;

export function rankingFile(r: Ranking, opts: { version?: number } = {}): TableFile<RankedOffice> {
  const weights = RATES.filter((k) => (r.settings.weights[k] ?? 0) > 0).map((k) => `${RATE_NAMES[k].zh}${r.settings.weights[k]}`).join('、');
  return {
    title: `${r.scopeOfficeName} ${r.month} 考评排名${opts.version ? `（第 ${opts.version} 版）` : '（未发布）'}：权重 ${weights}；不足 ${r.settings.minimumCases} 件不参与排名`,
    sheet: `考评排名${r.month}`,
    columns: [
      { header: '分组', width: 16, value: (o) => PEER_GROUP_NAMES[o.peerGroup].zh },
      { header: '排名', width: 6, value: (o) => o.rank },
      { header: '单位', width: 30, wrap: true, value: (o) => o.name },
      { header: '得分', width: 8, value: (o) => o.score },
      { header: '榜单', width: 8, value: (o) => (o.list ? LIST_NAMES[o.list] : o.unrankedReason ? '未排名' : '') },
      { header: '案件数', width: 8, value: (o) => o.caseCount },
      ...figureColumns<RankedOffice>((o) => o),
    ],
    rows: r.groups.flatMap((g) => g.offices),
    styleRow(row, o, col) {
      if (o.list) row.getCell(col('榜单')).font = { bold: true, color: { argb: o.list === 'red' ? 'FFC00000' : 'FF000000' } };
    },
  };
}
