/**
 * The case list as an Excel workbook (GET /api/cases.xlsx): the cases a person selected, or every
 * case the list's filters find, as that person may see them — the same views the list shows, so a
 * protected requester stays protected and the scope is the list's.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { tableWorkbook, type TableColumn } from '../platform/export/table.js';
import { workingCalendar } from '../calendar/store.js';
import { toLocalDate } from '../calendar/rules.js';
import { regionsWithAncestors } from '../regions/queries.js';
import { listCategories } from './catalogue.js';
import { CHANNEL_NAMES, STATUS_NAMES, TYPE_NAMES, type CaseView } from './contract.js';
import { listCases, type CaseFilter } from './queries.js';

/** One workbook at most: beyond it the list's filters narrow the export (an Excel sheet of more is not read, only searched). */
export const MAX_EXPORT_ROWS = 5000;
const PAGE = 100;

export const CASES_TITLE = '诉求工单清单';

interface Row {
  view: CaseView;
  category: string;
  region: string;
}

/** "2026-12-04 09:30" in the calendar's time zone (Beijing by default). */
const localTime = (iso: string | null, offsetMinutes: number) =>
  iso ? new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ') : '';

function columns(offset: number): TableColumn<Row>[] {
  const at = (pick: (c: CaseView) => string | null) => (r: Row) => localTime(pick(r.view), offset);
  return [
    { header: '序号', width: 6, value: (_r, n) => n + 1 },
    { header: '诉求编号', width: 16, value: (r) => r.view.code },
    { header: '标题', width: 30, wrap: true, value: (r) => r.view.title },
    { header: '诉求类型', width: 10, value: (r) => TYPE_NAMES[r.view.type].zh },
    { header: '办理状态', width: 12, value: (r) => STATUS_NAMES[r.view.status].zh },
    { header: '受理渠道', width: 14, value: (r) => (r.view.channel ? CHANNEL_NAMES[r.view.channel].zh : '') },
    { header: '诉求人', width: 16, value: (r) => (r.view.requester.hidden ? '（保密）' : r.view.requester.name ?? '') },
    { header: '联系电话', width: 15, value: (r) => (r.view.requester.hidden ? '' : r.view.requester.phone ?? '') },
    { header: '诉求分类', width: 22, wrap: true, value: (r) => r.category },
    { header: '所属区域', width: 18, wrap: true, value: (r) => r.region },
    { header: '地址', width: 26, wrap: true, value: (r) => r.view.address ?? '' },
    { header: '主办单位', width: 22, wrap: true, value: (r) => r.view.leadOfficeName ?? '' },
    { header: '受理时间', width: 17, value: at((c) => c.acceptedAt) },
    { header: '答复时限', width: 17, value: at((c) => c.replyDueAt) },
    { header: '答复时间', width: 17, value: at((c) => c.repliedAt) },
    { header: '办结时间', width: 17, value: at((c) => c.closedAt) },
    { header: '曾超期', width: 8, value: (r) => (r.view.wasOverdue ? '是' : '') },
  ];
}

/** Every case of the filter the actor may see, page by page through the list itself; refused beyond MAX_EXPORT_ROWS. */
async function casesOf(db: Db, actor: Actor, filter: CaseFilter): Promise<CaseView[]> {
  const first = await listCases(db, actor, { ...filter, page: 1, pageSize: PAGE });
  if (first.total > MAX_EXPORT_ROWS) {
    throw badRequest('export_too_large', `共 ${first.total} 件，超过一次导出的上限 ${MAX_EXPORT_ROWS} 件，请缩小筛选范围`,
      `${first.total} cases is more than one export holds (${MAX_EXPORT_ROWS}); narrow the filters`);
  }
  const items = [...first.items];
  for (let page = 2; (page - 1) * PAGE < first.total; page++) items.push(...(await listCases(db, actor, { ...filter, page, pageSize: PAGE })).items);
  return items;
}

export async function casesWorkbook(db: Db, actor: Actor, filter: CaseFilter): Promise<{ body: Buffer; today: string; count: number }> {
  const [views, categories, cal] = await Promise.all([casesOf(db, actor, filter), listCategories(db), workingCalendar(db)]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const categoryPath = (id: number | null) => {
    const c = id === null ? undefined : byId.get(id);
    return c ? c.path.split('/').filter(Boolean).map((x) => byId.get(Number(x))?.name ?? x).join(' / ') : '';
  };
  const regions = new Map((await regionsWithAncestors(db, [...new Set(views.map((v) => v.regionCode).filter((c): c is string => c !== null))])).map((r) => [r.code, r]));
  const regionNames = (code: string | null): string[] => {
    const r = code === null ? undefined : regions.get(code);
    return r ? [...regionNames(r.parentCode), r.name] : [];
  };
  const regionPath = (code: string | null) => regionNames(code).join(' / ') || (code ?? '');
  const offset = cal.officeHours.timeZoneOffsetMinutes;
  const today = toLocalDate(new Date(), cal.officeHours);
  const rows = views.map((view) => ({ view, category: categoryPath(view.categoryId), region: regionPath(view.regionCode) }));
  const body = await tableWorkbook({ title: `${CASES_TITLE}（截至 ${today}，共 ${rows.length} 件）`, sheet: `${CASES_TITLE}${today}`, columns: columns(offset), rows });
  return { body, today, count: rows.length };
}
