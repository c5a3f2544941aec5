/**
 * Reading policies, their pushes, an enterprise's policies and the figures, each scoped as the
 * lifecycles say: published and retired policies to every staff member, drafts to their editors;
 * pushes to the enterprise itself, the policy's editors and staff who read the enterprise in the
 * registry.
 */
import { type SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { containing, startingWith } from '../platform/db/like.js';
import { actionsFor, canRead, publicationRelations } from '../platform/lifecycle/index.js';
import { canSeeOfficePath, hasAnyRole, seesEverything } from '../auth/permissions.js';
import { officeNames, officePaths } from '../offices/subtree.js';
import { getEnterprise, INDUSTRY_DIVISIONS, registryStanding, type RegistryStanding } from '../enterprises/index.js';
import { findRegion } from '../regions/queries.js';
import { MATCH_LIFECYCLE, POLICY_LIFECYCLE, STAFF_ROLES, type MatchRow, type PolicyRow } from './lifecycle.js';
import {
  MATCH_STATUS_NAMES, POLICY_STATUS_NAMES, type EnterprisePolicies, type EnterprisePolicy, type FigureGrouping, type FigureRow, type MatchStatus, type MatchView,
  type PolicyFigures, type PolicyListPage, type PolicyStatus, type PolicyView,
} from './contract.js';
import { beijingDate, evaluatePolicy, registryFacts } from './eligibility.js';
import { contentOf, factsOf, MATCHES, POLICIES, publishedPolicies } from './store.js';
import { matchRelations } from './commands/matchActions.js';

const POLICY = POLICY_LIFECYCLE.label;

async function policyViews(db: Db, actor: Actor, rows: readonly PolicyRow[]): Promise<PolicyView[]> {
  const ids = [...new Set(rows.map((r) => r.officeId))];
  const [paths, names] = await Promise.all([officePaths(db, ids), officeNames(db, ids)]);
  return rows.map((row) => {
    const relations = publicationRelations(canSeeOfficePath(actor, paths.get(row.officeId) ?? ''), row.status);
    return {
      id: row.id, ...contentOf(row), status: row.status, statusName: POLICY_STATUS_NAMES[row.status], officeName: names.get(row.officeId) ?? '',
      revision: row.revision, version: row.version, publishedAt: row.publishedAt?.toISOString() ?? null,
      createdAt: '', updatedAt: '', actions: actionsFor(POLICY_LIFECYCLE, row, actor.roles, relations).actions,
    };
  });
}

const TIMES = sql.raw(`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt", to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`);

async function loadViews(db: Db, actor: Actor, where: SQL, page?: { limit: number; offset: number }): Promise<PolicyView[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${POLICIES.select}, ${TIMES} from policies p where ${where}
    order by p.valid_from desc, p.id desc${page ? sql` limit ${page.limit} offset ${page.offset}` : sql``}`);
  const views = await policyViews(db, actor, rows.map(POLICIES.toRow));
  return views.map((v, i) => ({ ...v, createdAt: String(rows[i].createdAt), updatedAt: String(rows[i].updatedAt) }));
}

/** 403 for a role that reads no policies in the back office (an enterprise reads its own through the portal). */
function requireStaff(actor: Actor): void {
  if (!hasAnyRole(actor, STAFF_ROLES)) throw forbidden('查看政策库需要工作人员角色；企业请查看「为我匹配的政策」', 'The policy library is for staff; an enterprise sees its own policies under "Policies for me"');
}

/** Drafts the actor edits: those of offices in their subtree. */
function draftsInScope(actor: Actor): SQL {
  if (seesEverything(actor)) return sql`true`;
  if (!actor.officePath || !hasAnyRole(actor, ['admin', 'leader'])) return sql`false`;
  return sql`exists (select 1 from offices o where o.id = p.office_id and o.path like ${startingWith(actor.officePath)})`;
}

export interface PolicyFilter {
  q?: string;
  status?: PolicyStatus;
  page?: number;
  pageSize?: number;
}

export async function listPolicies(db: Db, actor: Actor, f: PolicyFilter): Promise<PolicyListPage> {
  requireStaff(actor);
  const where: SQL[] = [sql`(p.status <> 'draft' or ${draftsInScope(actor)})`];
  if (f.status) where.push(sql`p.status = ${f.status}`);
  const q = f.q?.trim();
  if (q) where.push(sql`(p.title like ${containing(q)} or p.document_number like ${containing(q)} or p.issuing_body like ${containing(q)})`);
  const condition = sql.join(where, sql` and `);
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, f.pageSize ?? 20));
  const [items, [{ total }]] = await Promise.all([
    loadViews(db, actor, condition, { limit: pageSize, offset: (page - 1) * pageSize }),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from policies p where ${condition}`),
  ]);
  return { items, total, page, pageSize };
}

/** One policy the actor may read (404 otherwise). */
export async function getPolicy(db: Db, actor: Actor, id: number): Promise<PolicyView> {
  requireStaff(actor);
  const [view] = await loadViews(db, actor, sql`p.id = ${id}`);
  if (!view) throw notFound(POLICY, id);
  const path = (await officePaths(db, [view.officeId])).get(view.officeId) ?? '';
  if (!canRead(POLICY_LIFECYCLE, actor.roles, publicationRelations(canSeeOfficePath(actor, path), view.status))) throw notFound(POLICY, id);
  return view;
}

function matchView(row: MatchRow, actions: MatchView['actions']): MatchView {
  return {
    id: row.id, policyId: row.policyId, policyTitle: row.policyTitle, revision: row.revision, enterpriseId: row.enterpriseId, uscc: row.uscc, enterpriseName: row.enterpriseName,
    regionCode: row.regionCode, industryDivision: row.industryDivision, status: row.status, statusName: MATCH_STATUS_NAMES[row.status], evaluation: row.evaluation,
    automatic: row.automatic, grantedAmount: row.grantedAmount, declineReason: row.declineReason, pushedAt: row.pushedAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null, appliedAt: row.appliedAt?.toISOString() ?? null, decidedAt: row.decidedAt?.toISOString() ?? null,
    version: row.version, actions,
  };
}

/** One push as the actor sees it, with the actions open to them (404 outside their standing). */
export async function getMatch(db: Db, actor: Actor, id: number): Promise<MatchView> {
  const row = await MATCHES.load(db, id);
  if (!row) throw notFound(MATCH_LIFECYCLE.label, id);
  const relations = await matchRelations(db, actor, row);
  if (!canRead(MATCH_LIFECYCLE, actor.roles, relations)) throw notFound(MATCH_LIFECYCLE.label, id);
  return matchView(row, actionsFor(MATCH_LIFECYCLE, row, actor.roles, relations).actions);
}

const regionPrefix = (code: string) => code.replace(/(00)+$/, '');

/** The pushes `m` a staff member reads as a reader of the registry (their office's region). */
function registryScope(s: RegistryStanding): SQL {
  if (s.everything) return sql`true`;
  return s.staffRegion !== null ? sql`m.region_code like ${startingWith(regionPrefix(s.staffRegion))}` : sql`false`;
}

/** A policy's pushes (staff): all of them for its editors, else those to enterprises the actor reads in the registry. */
export async function listMatches(db: Db, actor: Actor, policyId: number, f: { status?: MatchStatus; page?: number; pageSize?: number }) {
  requireStaff(actor);
  const policy = await getPolicy(db, actor, policyId);
  const issuer = canSeeOfficePath(actor, (await officePaths(db, [policy.officeId])).get(policy.officeId) ?? '') && hasAnyRole(actor, ['admin', 'leader']);
  const where: SQL[] = [sql`m.policy_id = ${policyId}`, issuer ? sql`true` : registryScope(await registryStanding(db, actor))];
  if (f.status) where.push(sql`m.status = ${f.status}`);
  const condition = sql.join(where, sql` and `);
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, f.pageSize ?? 50));
  const [rows, [{ total }]] = await Promise.all([
    queryRows<Record<string, unknown>>(db, sql`select ${MATCHES.select} from policy_matches m where ${condition} order by m.pushed_at desc, m.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from policy_matches m where ${condition}`),
  ]);
  const relations = issuer ? ['issuer' as const, 'registry' as const] : ['registry' as const];
  const items = rows.map(MATCHES.toRow).map((r) => matchView(r, actionsFor(MATCH_LIFECYCLE, r, actor.roles, relations).actions));
  return { policy: { id: policy.id, title: policy.title, revision: policy.revision, status: policy.status }, items, total, page, pageSize };
}

/**
 * Every published policy evaluated for the enterprise today, sorted into eligible, unknown (with
 * what is missing) and not eligible, each with its push to the enterprise if any: for the
 * enterprise itself and for staff who read it in the registry.
 */
export async function enterprisePolicies(db: Db, actor: Actor, uscc: string, now = new Date()): Promise<EnterprisePolicies> {
  const e = await getEnterprise(db, actor, uscc);
  const asOf = beijingDate(now);
  const facts = [...registryFacts(e), ...((await factsOf(db, [e.id])).get(e.id) ?? [])];
  const policies = await publishedPolicies(db);
  const matchRows = (await queryRows<Record<string, unknown>>(db, sql`select ${MATCHES.select} from policy_matches m where m.enterprise_id = ${e.id}
    order by m.policy_id, m.revision desc`)).map(MATCHES.toRow);
  const latest = new Map<number, MatchRow>();
  for (const m of matchRows) if (!latest.has(m.policyId)) latest.set(m.policyId, m);
  const out: EnterprisePolicies = { uscc: e.uscc, name: e.name, asOf, eligible: [], unknown: [], notEligible: [] };
  for (const p of policies) {
    const evaluation = evaluatePolicy(p, facts, asOf);
    const m = latest.get(p.id);
    let match: EnterprisePolicy['match'] = null;
    if (m) {
      const relations = await matchRelations(db, actor, m);
      match = { id: m.id, status: m.status, statusName: MATCH_STATUS_NAMES[m.status], version: m.version, grantedAmount: m.grantedAmount, automatic: m.automatic,
        actions: actionsFor(MATCH_LIFECYCLE, m, actor.roles, relations).actions };
    }
    const entry: EnterprisePolicy = {
      policy: { id: p.id, title: p.title, issuingBody: p.issuingBody, documentNumber: p.documentNumber, validFrom: p.validFrom, validTo: p.validTo, benefit: p.benefit,
        automaticGrant: p.automaticGrant, revision: p.revision, clauses: p.clauses },
      evaluation, match,
    };
    if (evaluation.result === 'eligible') out.eligible.push(entry);
    else if (evaluation.result === 'unknown') out.unknown.push(entry);
    else out.notEligible.push(entry);
  }
  return out;
}

const GROUP_KEY: Record<FigureGrouping, SQL> = {
  policy: sql`m.policy_id::text`,
  region: sql`m.region_code`,
  industry: sql`coalesce(m.industry_division, '')`,
};

/** Pushed, read, applied, granted, declined and the amount granted, by policy, region or industry, over the pushes the actor reads. */
export async function policyFigures(db: Db, actor: Actor, by: FigureGrouping): Promise<PolicyFigures> {
  requireStaff(actor);
  const scope = registryScope(await registryStanding(db, actor));
  const rows = await queryRows<{ key: string; pushed: number; read: number; applied: number; granted: number; declined: number; amount: number }>(db, sql`
    select ${GROUP_KEY[by]} as key, count(*)::int as pushed, count(m.read_at)::int as read, count(m.applied_at)::int as applied,
      count(*) filter (where m.status = 'granted')::int as granted, count(*) filter (where m.status = 'declined')::int as declined,
      coalesce(sum(m.granted_amount) filter (where m.status = 'granted'), 0)::float8 as amount
    from policy_matches m where ${scope} group by 1 order by 1`);
  const names = new Map<string, string>();
  if (by === 'policy') {
    const titles = await queryRows<{ id: number; title: string }>(db, sql`select id, title from policies where id = any(${`{${rows.map((r) => Number(r.key)).join(',')}}`}::int[])`);
    for (const t of titles) names.set(String(t.id), t.title);
  } else if (by === 'region') {
    for (const r of rows) names.set(r.key, (await findRegion(db, r.key))?.name ?? r.key);
  } else {
    for (const r of rows) names.set(r.key, r.key ? `${r.key} ${INDUSTRY_DIVISIONS[r.key] ?? ''}`.trim() : '（未登记行业）');
  }
  const figureRows: FigureRow[] = rows.map((r) => ({ ...r, amount: Number(r.amount), name: names.get(r.key) ?? r.key }));
  const total = figureRows.reduce((t, r) => ({
    pushed: t.pushed + r.pushed, read: t.read + r.read, applied: t.applied + r.applied, granted: t.granted + r.granted, declined: t.declined + r.declined, amount: t.amount + r.amount,
  }), { pushed: 0, read: 0, applied: 0, granted: 0, declined: 0, amount: 0 });
  return { by, rows: figureRows, total };
}
