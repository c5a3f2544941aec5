import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { queryTerms } from '../platform/search/terms.js';
import { figureCondition, type Figure } from '../evaluation/index.js';
import { workingCalendar } from '../calendar/store.js';
import { canRead, readsAsRequesterOnly } from './lifecycle.js';
import { caseOfficeIds, caseScope, identityVisible, relationsTo, type CaseStanding } from './access.js';
import { isPhoneNumber } from './commands/createCase.js';
import { officeNames, officePaths, subtreeOfficeIds } from '../offices/subtree.js';
import { findOffice } from '../offices/queries.js';
import { channelAsSeenBy, requesterAsSeenBy, type CaseRow } from './record.js';
import { casePolicy } from './settings.js';
import { CASE_SELECT, listCaseEvents, loadCase, toCaseRow, type StoredCaseEvent } from './store.js';
import { caseView } from './view.js';
import { CHANNELS_NAMING_REQUESTER, type ActionResult, type CasePage, type CaseSort, type CaseTimelineView, type CaseView, type Channel, type GeoPoint } from './contract.js';
import { officesNamedInTimeline, publicTimeline } from './public-view.js';
import { CASE } from './commands/runAction.js';
import { containing, startingWith } from '../platform/db/like.js';
import { raisedByEnterprise, sameAddress } from './series.js';
import { caseOrder } from './list-order.js';

/**
 * What listCases takes, once the query string is parsed. Not the contract's: the web sends a
 * query (web/src/cases/api.ts CaseFilter), and the server takes the evaluation's drill-down
 * fields too.
 */
/** Where a case's reply deadline runs: from dispatch until the reply. */
const CLOCK_RUNNING = sql`('dispatched', 'handling')`;

export interface CaseFilter {
  status?: string[];
  type?: string;
  channel?: string;
  priority?: string;
  dueState?: string;
  leadOfficeId?: number;
  intakeOfficeId?: number;
  categoryId?: number;
  q?: string;
  from?: string;
  to?: string;
  overdueOnly?: boolean;
  /** The return-visit queue (回访): reviewed and not yet visited, the longest waiting first. */
  awaitingVisit?: boolean;
  /** Only cases whose extension request waits for a decision (延期待审). */
  extensionPending?: boolean;
  /** Drill-down from the evaluation figures: cases a figure counts (src/evaluation), received in these months (YYYY-MM). */
  figure?: Figure;
  monthFrom?: string;
  monthTo?: string;
  /** The office answering for the case (lead, or the intake centre before dispatch), with its subtree. */
  responsibleOfficeId?: number;
  /** Where the matter is, with the regions under it. */
  regionCode?: string;
  /** About this address, written however (a hotspot's drill-down: folded as its series). */
  address?: string;
  /** Raised by this enterprise; reports and confidential cases never match (a hotspot's drill-down). */
  requesterUscc?: string;
  /** Drill-down from the weekly trend: received, or last completed, on these days (YYYY-MM-DD, Beijing time, inclusive). */
  receivedFrom?: string;
  receivedTo?: string;
  completedFrom?: string;
  completedTo?: string;
  /** Only these cases (the rows a person selected, for an export). */
  ids?: number[];
  /** The order (CASE_SORTS); the return-visit queue keeps its own unless one is asked for. */
  sort?: CaseSort;
  page?: number;
  pageSize?: number;
}

/** How the actor sees a case row, or null when they may not see it at all. */
export async function viewFor(db: Db, actor: Actor, row: CaseRow, opts: { asRequester?: boolean } = {}): Promise<CaseView | null> {
  const relations = await relationsTo(db, actor, row);
  if (opts.asRequester) relations.push('requester');
  const roles = opts.asRequester ? [...actor.roles, 'public' as const] : actor.roles;
  if (!canRead(roles, relations)) return null;
  const [cal, { policy }, names, [location]] = await Promise.all([workingCalendar(db), casePolicy(db), officeNames(db, caseOfficeIds([row])),
    queryRows<GeoPoint>(db, sql`select lat, long from cases where id = ${row.id} and lat is not null`)]);
  return { ...caseView(row, { roles, relations }, cal, policy, names), location: location ?? null };
}

/** The answer to an action: the case as the actor now sees it, or only that it left their sight (after a return, a transfer down, an escalation). */
export async function actionResult(db: Db, actor: Actor, row: CaseRow): Promise<ActionResult> {
  return (await viewFor(db, actor, row)) ?? { id: row.id, code: row.code, version: row.version, status: row.status, visible: false };
}

/** A case the actor may see, as they may see it; anything else is "not found". */
export async function getCase(db: Db, actor: Actor, id: number, opts: { asRequester?: boolean } = {}): Promise<CaseView> {
  const row = await loadCase(db, id);
  const view = row && (await viewFor(db, actor, row, opts));
  if (!view) throw notFound(CASE, id);
  return view;
}

/** Every office a case's events name: who acted, and any `…OfficeId` or `…OfficeIds` in their data. */
function officesNamedByEvents(row: CaseRow, events: readonly StoredCaseEvent[]): number[] {
  const ids = caseOfficeIds([row]);
  for (const e of events) {
    if (e.actorOfficeId !== null) ids.push(e.actorOfficeId);
    for (const [k, v] of Object.entries(e.data)) {
      if (k.endsWith('OfficeId') && typeof v === 'number') ids.push(v);
      if (k.endsWith('OfficeIds') && Array.isArray(v)) ids.push(...v.filter((x): x is number => typeof x === 'number'));
    }
  }
  return ids;
}

/** The case's timeline as the viewer may read it (CaseTimelineView): the requester gets the public door's steps. */
export async function getCaseTimeline(db: Db, actor: Actor, id: number): Promise<CaseTimelineView> {
  const row = await loadCase(db, id);
  const relations = row ? await relationsTo(db, actor, row) : [];
  if (!row || !canRead(actor.roles, relations)) throw notFound(CASE, id);
  const events = await listCaseEvents(db, id);
  if (readsAsRequesterOnly(actor.roles, relations)) {
    return { audience: 'requester', items: publicTimeline(row, events, await officeNames(db, officesNamedInTimeline(row, events))) };
  }
  const seen = requesterAsSeenBy(row, { roles: actor.roles, relations });
  const names = Object.fromEntries(await officeNames(db, officesNamedByEvents(row, events)));
  if (!seen.hidden) return { audience: 'staff', items: events, officeNames: names };
  // A protected requester's identity never travels through the timeline either: not in the data
  // (nor the door only an enterprise uses), and not as the actor of what they did themselves.
  const byRequester = (e: StoredCaseEvent) => (row.requesterUserId !== null && e.actorUserId === row.requesterUserId) || (e.actorUserId === null && e.actorName === 'public');
  return {
    audience: 'staff',
    officeNames: names,
    items: events.map((e) => {
      const { requesterName: _n, requesterPhone: _p, requesterUscc: _u, requesterKind: _k, channel, ...rest } = e.data as Record<string, unknown>;
      const data = channel === undefined ? rest : { ...rest, channel: channelAsSeenBy(channel as Channel, seen) };
      return byRequester(e) ? { ...e, data, actorName: '（保密）', actorUserId: null } : { ...e, data };
    }),
  };
}

/** The cases the actor may see, filtered, newest first, a page at a time, with the total. */
export async function listCases(db: Db, actor: Actor, f: CaseFilter): Promise<CasePage> {
  const standing = await caseScope(db, actor);
  if (!standing.visible) throw forbidden('您的角色不能查看诉求', 'Your roles do not give access to cases');
  const where: SQL[] = [standing.visible];
  if (f.status?.length) where.push(sql`c.status = any(${`{${f.status.join(',')}}`}::text[])`);
  if (f.type) where.push(sql`c.type = ${f.type}`);
  if (f.channel) {
    where.push(sql`c.channel = ${f.channel}`);
    // The list shows no channel for a requester hidden from the viewer: filtering by it must not find them either.
    if ((CHANNELS_NAMING_REQUESTER as readonly string[]).includes(f.channel)) where.push(identityVisible(standing));
  }
  if (f.priority) where.push(sql`c.priority = ${f.priority}`);
  // The state of a running deadline: a replied or closed case keeps the state it ended in, but is not late now.
  if (f.dueState) where.push(sql`c.due_state = ${f.dueState} and c.status in ${CLOCK_RUNNING}`);
  if (f.overdueOnly) where.push(sql`c.was_overdue`);
  if (f.extensionPending) where.push(sql`c.pending_extension is not null`);
  if (f.leadOfficeId) where.push(sql`c.lead_office_id = ${f.leadOfficeId}`);
  if (f.intakeOfficeId) where.push(sql`c.intake_office_id = ${f.intakeOfficeId}`);
  if (f.categoryId) {
    where.push(sql`c.category_id in (select d.id from case_categories d join case_categories p on d.path like p.path || '%' where p.id = ${f.categoryId})`);
  }
  if (f.regionCode) where.push(sql`c.region_code like ${`${f.regionCode.replace(/(00)+$/, '')}%`}`);
  if (f.address) where.push(sameAddress(f.address));
  if (f.requesterUscc) where.push(raisedByEnterprise(f.requesterUscc));
  const figures: SQL[] = [];
  if (f.figure) figures.push(figureCondition(f.figure));
  if (f.monthFrom) figures.push(sql`f.month >= ${`${f.monthFrom}-01`}::date`);
  if (f.monthTo) figures.push(sql`f.month <= ${`${f.monthTo}-01`}::date`);
  if (f.receivedFrom) figures.push(sql`f.accepted_day >= ${f.receivedFrom}::date`);
  if (f.receivedTo) figures.push(sql`f.accepted_day <= ${f.receivedTo}::date`);
  if (f.completedFrom) figures.push(sql`f.completed_day >= ${f.completedFrom}::date`);
  if (f.completedTo) figures.push(sql`f.completed_day <= ${f.completedTo}::date`);
  if (f.responsibleOfficeId) {
    const office = await findOffice(db, f.responsibleOfficeId);
    const ids = office ? await subtreeOfficeIds(db, office.path) : [];
    figures.push(sql`f.office_id = any(${`{${ids.join(',')}}`}::int[])`);
  }
  if (figures.length) where.push(sql`exists (select 1 from case_figures f where f.case_id = c.id and ${sql.join(figures, sql` and `)})`);
  if (f.from) where.push(sql`c.accepted_at >= ${f.from}::timestamptz`);
  if (f.to) where.push(sql`c.accepted_at < ${f.to}::timestamptz`);
  if (f.q?.trim()) where.push(searchCondition(f.q.trim(), standing));
  if (f.awaitingVisit) where.push(sql`c.status = 'reviewed' and c.visit is null`);
  if (f.ids) where.push(sql`c.id = any(${`{${f.ids.join(',')}}`}::int[])`);
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, f.pageSize ?? 20));
  const condition = sql.join(where, sql` and `);
  // The return-visit queue is worked through from the case that has waited longest since its review.
  const order = f.sort ? caseOrder(f.sort) : f.awaitingVisit ? sql`c.reviewed_at asc, c.id asc` : caseOrder('-received');
  const [rows, [{ total }]] = await Promise.all([
    queryRows<Record<string, unknown>>(db, sql`select ${CASE_SELECT} from cases c where ${condition} order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases c where ${condition}`),
  ]);
  const [cal, { policy }] = await Promise.all([workingCalendar(db), casePolicy(db)]);
  const caseRows = rows.map(toCaseRow);
  const ids = caseOfficeIds(caseRows);
  const [paths, names] = await Promise.all([officePaths(db, ids), officeNames(db, ids)]);
  const items: CaseView[] = [];
  for (const row of caseRows) items.push(caseView(row, { roles: actor.roles, relations: await relationsTo(db, actor, row, paths) }, cal, policy, names));
  return { items, total, page, pageSize };
}

/**
 * What the list's search box finds: the words of the title, content and address (Chinese
 * segmentation), the start of a case code, and the requester — by name, by the whole phone number
 * or by its last four digits. A protected requester is found by identity only by those who may know
 * who they are (identityVisible); the whole number only by those who see it unmasked (the intake
 * centre, the requester), since the mask shows the last four digits and no more.
 */
function searchCondition(q: string, standing: CaseStanding): SQL {
  const terms = queryTerms(q);
  const found: SQL[] = [terms.length > 1 || (terms.length === 1 && terms[0].length > 1)
    ? sql`c.search_terms @> ${`{${terms.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`
    : sql`(c.title like ${containing(q)} or c.content like ${containing(q)})`];
  if (/^\d{6,}$/.test(q)) found.push(sql`c.code like ${startingWith(q)}`);
  const identity: SQL[] = [sql`c.requester_name = ${q}`];
  if (/^\d{4}$/.test(q)) identity.push(sql`right(c.requester_phone, 4) = ${q}`);
  if (isPhoneNumber(q)) found.push(sql`(c.requester_phone = ${q} and (${standing.intake} or ${standing.requester}))`);
  found.push(sql`((${sql.join(identity, sql` or `)}) and ${identityVisible(standing)})`);
  return sql`(${sql.join(found, sql` or `)})`;
}

/** Open cases past their deadline right now, counted by lead office (among the given offices, or all). */
export async function overdueNowByOffice(db: Db, officeIds: number[] | null): Promise<{ officeId: number; count: number }[]> {
  return queryRows(db, sql`select lead_office_id as "officeId", count(*)::int as count from cases
    where due_state = 'overdue' and status in ${CLOCK_RUNNING}${officeIds ? sql` and lead_office_id = any(${`{${officeIds.join(',')}}`}::int[])` : sql``}
    group by lead_office_id`);
}
