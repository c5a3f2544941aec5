/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) mapped onto the appeals loop,
 * as pure functions: the six appeal types as services, a case as a public service request,
 * and the checks of what a client sends. Nothing here reads the database.
 */
import { AppError } from '../platform/errors.js';
import type { WorkingCalendar } from '../calendar/rules.js';
import type { WorkingLimit } from '../calendar/working-time.js';
import { CASE_TYPES, TYPE_NAMES, replyLimit, type CaseType, type DeadlinePolicy, type Priority } from '../cases/deadlines.js';
import { OPEN_STATUSES, STATUS_NAMES, type CaseStatus } from '../cases/lifecycle.js';
import type { PublicAppealInput } from '../cases/commands/createPublicAppeal.js';

type Bilingual = { zh: string; en: string };

/** A 400 (or other status) in both languages; the routes write it in Open311's error shape. */
export const open311Error = (status: number, code: string, zh: string, en: string) => new AppError(status, code, zh, en);
const bad = (code: string, zh: string, en: string) => open311Error(400, code, zh, en);

/** Open311's one-line description of an error: Chinese, then English. */
export const describeError = (e: { messageZh: string; messageEn: string }) => `${e.messageZh} / ${e.messageEn}`;

// ---------------------------------------------------------------------------------------------
// Services: the six appeal types

const GROUPS = {
  problems: '问题反映 / Problems',
  opinions: '咨询建议 / Questions and opinions',
} as const;

const SERVICE_INFO: Record<CaseType, { description: Bilingual; keywords: string[]; group: keyof typeof GROUPS }> = {
  consultation: { description: { zh: '咨询政策法规、办事流程和公共服务信息', en: 'Ask about policies, procedures and public services' }, keywords: ['咨询', '政策', '办事', 'question', 'policy'], group: 'opinions' },
  help: { description: { zh: '生产生活中遇到困难，请求政府部门帮助解决', en: 'Ask a government office for help with a problem in daily life or business' }, keywords: ['求助', '困难', 'help'], group: 'problems' },
  complaint: { description: { zh: '投诉侵害自身权益的行为或政府部门、公共服务单位的服务问题', en: 'Complain about something that harms your rights or about a public service' }, keywords: ['投诉', '噪音', '服务', 'complaint'], group: 'problems' },
  report: { description: { zh: '举报违法违规行为；举报人身份严格保密，举报事项不在公开列表中展示', en: "Report wrongdoing; the reporter's identity is protected and reports are not listed publicly" }, keywords: ['举报', '违法', 'report', 'violation'], group: 'problems' },
  suggestion: { description: { zh: '对经济社会发展和政府工作提出意见建议', en: 'Suggest how public services or government work could be improved' }, keywords: ['建议', '意见', 'suggestion'], group: 'opinions' },
  praise: { description: { zh: '表扬政府部门、公共服务单位及其工作人员', en: 'Praise a government office, a public service or its staff' }, keywords: ['表扬', '感谢', 'praise'], group: 'opinions' },
};

export type Open311Service = {
  service_code: CaseType;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
};

function limitText(limit: WorkingLimit): Bilingual {
  return limit.unit === 'working_hours'
    ? { zh: `${limit.amount} 个工作小时`, en: `${limit.amount} working hour${limit.amount === 1 ? '' : 's'}` }
    : { zh: `${limit.amount} 个工作日`, en: `${limit.amount} working day${limit.amount === 1 ? '' : 's'}` };
}

/** What the hotline promises for a request: the reply limit of the deadline policy in force. */
export function serviceNoticeParts(cal: WorkingCalendar, policy: DeadlinePolicy, type: CaseType, priority: Priority = 'normal'): Bilingual {
  const t = limitText(replyLimit(cal, policy, type, priority));
  return { zh: `派单后 ${t.zh}内答复`, en: `replied to within ${t.en} of dispatch to the responsible office` };
}

function serviceNotice(cal: WorkingCalendar, policy: DeadlinePolicy, type: CaseType, priority: Priority = 'normal'): string {
  const n = serviceNoticeParts(cal, policy, type, priority);
  return `${n.zh} / ${n.en[0].toUpperCase()}${n.en.slice(1)}`;
}

export function services(cal: WorkingCalendar, policy: DeadlinePolicy): Open311Service[] {
  return CASE_TYPES.map((type) => {
    const info = SERVICE_INFO[type];
    const notice = serviceNoticeParts(cal, policy, type);
    return {
      service_code: type, service_name: TYPE_NAMES[type].zh,
      description: `${info.description.zh}（${notice.zh}） / ${info.description.en} (${notice.en})`,
      metadata: false, type: 'realtime', keywords: info.keywords.join(', '), group: GROUPS[info.group],
    };
  });
}

export const isServiceCode = (code: string): code is CaseType => (CASE_TYPES as readonly string[]).includes(code);

// ---------------------------------------------------------------------------------------------
// Service requests: a case as the public may see it

/** Open311 knows two states: a case is open while the loop runs, closed once closed, answered at once or merged. */
export const open311Status = (status: CaseStatus): 'open' | 'closed' => (OPEN_STATUSES.includes(status) ? 'open' : 'closed');

/** The case statuses an Open311 status stands for. */
export function caseStatusesFor(statuses: readonly ('open' | 'closed')[]): CaseStatus[] {
  return (Object.keys(STATUS_NAMES) as CaseStatus[]).filter((s) => statuses.includes(open311Status(s)));
}

const statusNotes = (status: CaseStatus) => `${STATUS_NAMES[status].zh} / ${STATUS_NAMES[status].en}`;

/** The public columns of a case (no requester, no content), as the query reads them. */
export interface PublicCaseRecord {
  code: string;
  type: CaseType;
  priority: Priority;
  status: CaseStatus;
  title: string;
  address: string | null;
  lat: number | null;
  long: number | null;
  confidential: boolean;
  leadOfficeName: string | null;
  intakeOfficeName: string | null;
  acceptedAt: Date;
  updatedAt: Date;
  replyDueAt: Date | null;
}

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: CaseType;
  description: string;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
};

/** What a masked case shows instead of its title: a report's matter may identify whoever reported it. */
const MASKED_DESCRIPTION = { report: '举报事项', confidential: '保密诉求' } as const;

/** Beijing time, which is UTC+8 all year, in the W3C profile of ISO 8601 that Open311 requires. */
export function w3cDateTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function toOpen311Request(r: PublicCaseRecord, cal: WorkingCalendar, policy: DeadlinePolicy): Open311Request {
  const masked = r.type === 'report' || r.confidential;
  return {
    service_request_id: r.code,
    status: open311Status(r.status),
    status_notes: statusNotes(r.status),
    service_name: TYPE_NAMES[r.type].zh,
    service_code: r.type,
    description: masked ? (r.type === 'report' ? MASKED_DESCRIPTION.report : MASKED_DESCRIPTION.confidential) : r.title,
    // Before dispatch (and for a consultation answered at once) the hotline centre itself is responsible.
    agency_responsible: r.leadOfficeName ?? r.intakeOfficeName,
    service_notice: serviceNotice(cal, policy, r.type, r.priority),
    requested_datetime: w3cDateTime(r.acceptedAt),
    updated_datetime: w3cDateTime(r.updatedAt),
    expected_datetime: r.replyDueAt ? w3cDateTime(r.replyDueAt) : null,
    address: masked ? null : r.address,
    // Where a masked case happened may say who reported it, as its address may.
    lat: masked ? null : r.lat,
    long: masked ? null : r.long,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading what clients send

/** A query or form value as text: a repeated parameter counts as a comma-separated list; anything else is refused. */
function text(input: Record<string, unknown>, name: string, max: number): string | undefined {
  let v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) v = v.join(',');
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') throw bad('invalid_parameter', `参数 ${name} 应为文本`, `${name} must be text`);
  if (v.length > max) throw bad('invalid_parameter', `参数 ${name} 最多 ${max} 个字符`, `${name} must have at most ${max} characters`);
  return v;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A W3C date-time (`2026-11-23T09:30:00+08:00`, `…Z`), or a bare date or local time, read as
 * Beijing time. `dateOnly` says a bare date was given, so an end date can include its whole day.
 */
export function parseW3cDateTime(value: string): { at: Date; dateOnly: boolean } | null {
  const m = W3C.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const fields = [+y, +mo, +d, +h, +mi, +s];
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], Math.floor(Number(`0${frac || '.0'}`) * 1000));
  const check = new Date(utc);
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return null;
  let offsetMinutes = 8 * 60;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone) {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 14 || zm > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  return { at: new Date(utc - offsetMinutes * 60_000), dateOnly: m[4] === undefined };
}

const DAY_MS = 86_400_000;
/** The spec's window: a search may not span more than 90 days, and with no dates it covers the last 90. */
const MAX_SPAN_DAYS = 90;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
const REQUEST_ID = /^[0-9A-Za-z-]{1,40}$/;

export interface RequestsQuery {
  /** Codes asked for by `service_request_id`; when given, the other filters are ignored (as the spec says). */
  codes?: string[];
  types?: CaseType[];
  statuses?: ('open' | 'closed')[];
  /** Requested at or after `from` and before `to`; none when asking by id. */
  window: { from: Date; to: Date } | null;
  page: number;
  pageSize: number;
}

function list(input: Record<string, unknown>, name: string, max = 1000): string[] | undefined {
  const v = text(input, name, max);
  if (v === undefined) return undefined;
  const items = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
  return items.length ? items : undefined;
}

function whole(input: Record<string, unknown>, name: string, min: number, max: number, fallback: number): number {
  const v = text(input, name, 12);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || +v < min || +v > max) throw bad('invalid_parameter', `参数 ${name} 应为 ${min}–${max} 的整数`, `${name} must be a whole number from ${min} to ${max}`);
  return +v;
}

/** Reads GET requests' parameters; every problem is a 400 naming the parameter. */
export function parseRequestsQuery(input: Record<string, unknown>, now = new Date()): RequestsQuery {
  const page = whole(input, 'page', 1, 100_000, 1);
  const pageSize = whole(input, 'page_size', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const codes = list(input, 'service_request_id', 4100);
  if (codes) {
    const wrong = codes.filter((c) => !REQUEST_ID.test(c));
    if (wrong.length) throw bad('invalid_service_request_id', `service_request_id 格式不对：${wrong.join('、')}`, `service_request_id is not a request id: ${wrong.join(', ')}`);
    if (codes.length > MAX_PAGE_SIZE) throw bad('too_many_ids', `一次最多查询 ${MAX_PAGE_SIZE} 个 service_request_id`, `Ask for at most ${MAX_PAGE_SIZE} service_request_id values at once`);
    return { codes, window: null, page, pageSize };
  }
  const types = list(input, 'service_code');
  const unknownTypes = types?.filter((t) => !isServiceCode(t));
  if (unknownTypes?.length) {
    throw bad('unknown_service_code', `没有这个服务类型：${unknownTypes.join('、')}（可用：${CASE_TYPES.join('、')}）`, `Unknown service_code: ${unknownTypes.join(', ')} (use ${CASE_TYPES.join(', ')})`);
  }
  const statuses = list(input, 'status');
  const unknownStatuses = statuses?.filter((s) => s !== 'open' && s !== 'closed');
  if (unknownStatuses?.length) throw bad('invalid_status', `status 只能是 open 或 closed：${unknownStatuses.join('、')}`, `status must be open or closed, not ${unknownStatuses.join(', ')}`);

  const date = (name: 'start_date' | 'end_date') => {
    const v = text(input, name, 40);
    if (v === undefined) return undefined;
    const parsed = parseW3cDateTime(v);
    if (!parsed) throw bad('invalid_date', `${name} 不是合法的日期时间（如 2026-11-23T09:30:00+08:00）：${v}`, `${name} is not a W3C date-time (e.g. 2026-11-23T09:30:00+08:00): ${v}`);
    return parsed;
  };
  const start = date('start_date');
  const end = date('end_date');
  // An end date "includes" its instant; a bare end date includes its whole day.
  const endExclusive = end && new Date(end.at.getTime() + (end.dateOnly ? DAY_MS : 1));
  const span = MAX_SPAN_DAYS * DAY_MS;
  let from: Date;
  let to: Date;
  if (start && endExclusive) [from, to] = [start.at, endExclusive];
  else if (start) [from, to] = [start.at, new Date(start.at.getTime() + span)];
  else if (endExclusive) [from, to] = [new Date(endExclusive.getTime() - span), endExclusive];
  else [from, to] = [new Date(now.getTime() - span), new Date(now.getTime() + 1)];
  if (from >= to) throw bad('invalid_date_range', 'start_date 须早于 end_date', 'start_date must be before end_date');
  if (to.getTime() - from.getTime() > span + DAY_MS) {
    throw bad('date_range_too_long', `查询时间范围不能超过 ${MAX_SPAN_DAYS} 天，请分段查询`, `A search may not span more than ${MAX_SPAN_DAYS} days; ask for the periods one at a time`);
  }
  return {
    ...(types ? { types: types as CaseType[] } : {}),
    ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
    window: { from, to }, page, pageSize,
  };
}

/** A jurisdiction is a GB/T 2260 region code; the caller checks that it exists. */
export function parseJurisdiction(input: Record<string, unknown>): string | null {
  const v = text(input, 'jurisdiction_id', 40);
  if (v === undefined) return null;
  if (!/^\d{6}$/.test(v)) throw bad('invalid_jurisdiction', `jurisdiction_id 应为6位行政区划代码（如 411700）：${v}`, `jurisdiction_id must be a six-digit GB/T 2260 region code (e.g. 411700): ${v}`);
  return v;
}

/** The prefix every region inside a region code shares: 411700 → 4117, 410000 → 41. */
export const regionPrefix = (code: string) => code.replace(/(00)+$/, '');

const HAN = /\p{Script=Han}/u;

/** A Chinese name is family name first with no space; other names as given, first name first. */
export function personName(first: string | undefined, last: string | undefined): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return null;
  return HAN.test(f + l) ? `${l}${f}` : [f, l].filter(Boolean).join(' ');
}

/** The case title: the description's first line, shortened. */
export function titleFrom(description: string, fallback: string): string {
  const line = description.split(/\r?\n/).map((s) => s.trim()).find(Boolean) ?? '';
  const chars = [...line];
  if (chars.length === 0) return fallback;
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : line;
}

/** The spec's limit on a description. */
const MAX_DESCRIPTION = 4000;

/**
 * A POSTed service request as a public web appeal. Open311 asks for a location (lat/long or
 * address_string); a name makes the requester a person, else anonymous. `email` is not kept
 * (there is no such field and no mail is sent); `api_key`, `device_id`, `account_id` and
 * `attribute[…]` are accepted and ignored.
 */
export function parsePostRequest(input: Record<string, unknown>): PublicAppealInput {
  const serviceCode = text(input, 'service_code', 40);
  if (!serviceCode) throw bad('service_code_required', '缺少 service_code（服务类型）', 'service_code is required');
  if (!isServiceCode(serviceCode)) {
    throw bad('unknown_service_code', `没有这个服务类型：${serviceCode}（可用：${CASE_TYPES.join('、')}）`, `Unknown service_code: ${serviceCode} (use ${CASE_TYPES.join(', ')})`);
  }
  const description = text(input, 'description', MAX_DESCRIPTION)?.trim();
  if (!description) throw bad('description_required', '请填写 description（诉求内容）', 'description is required: say what the matter is');

  const latText = text(input, 'lat', 40);
  const longText = text(input, 'long', 40);
  let coordinates: { lat: number; long: number } | null = null;
  if (latText !== undefined || longText !== undefined) {
    const lat = Number(latText);
    const long = Number(longText);
    if (latText === undefined || longText === undefined || !/^-?\d+(\.\d+)?$/.test(latText.trim()) || !/^-?\d+(\.\d+)?$/.test(longText.trim()) || Math.abs(lat) > 90 || Math.abs(long) > 180) {
      throw bad('invalid_location', 'lat 和 long 须同时给出，且为合法的纬度（−90～90）和经度（−180～180）', 'lat and long must be given together as a latitude (−90 to 90) and a longitude (−180 to 180)');
    }
    coordinates = { lat, long };
  }
  const address = text(input, 'address_string', 300)?.trim() || null;
  if (!coordinates && !address) {
    const zh = text(input, 'address_id', 100) ? '不支持 address_id，请提供 address_string 或 lat/long' : '请提供位置：address_string（地址）或 lat/long（经纬度）';
    const en = text(input, 'address_id', 100) ? 'address_id is not supported: give address_string or lat/long' : 'Give a location: address_string or lat and long';
    throw bad('location_required', zh, en);
  }
  const jurisdiction = parseJurisdiction(input);

  const mediaUrl = text(input, 'media_url', 2000)?.trim();
  if (mediaUrl) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(mediaUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw bad('invalid_media_url', 'media_url 须为 http 或 https 链接', 'media_url must be an http or https URL');
  }
  const name = personName(text(input, 'first_name', 50), text(input, 'last_name', 50));
  const phone = text(input, 'phone', 30)?.trim() || null;

  return {
    type: serviceCode,
    title: titleFrom(description, TYPE_NAMES[serviceCode].zh),
    content: mediaUrl ? `${description}\n\n图片链接 / media: ${mediaUrl}` : description,
    address,
    location: coordinates,
    regionCode: jurisdiction,
    requester: name ? { kind: 'person', name, phone } : { kind: 'anonymous' },
  };
}
