import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { containing, startingWith } from '../platform/db/like.js';
import { divisionsOfSection, INDUSTRY_DIVISIONS, industrySectionOf } from './industries.js';
import { mayRead, readableCondition, readsEnterprise, regionCondition, registryStanding, type RegistryStanding } from './access.js';
import type { EnterpriseFields } from './rules.js';
import type {
  CreditStanding, EnterpriseContact, EnterpriseKind, EnterpriseListPage, EnterpriseSize, EnterpriseView,
} from './contract.js';

export const ENTERPRISE = { zh: '企业', en: 'enterprise' };

const SELECT = sql`e.id, e.uscc, e.uscc_override_reason, e.name, e.kind, e.legal_representative, e.address, e.region_code, r.name as region_name,
  e.industry_division, e.size, to_char(e.established_on, 'YYYY-MM-DD') as established_on, e.registered_capital::float8 as registered_capital,
  e.key_enterprise, e.credit, e.contacts, e.version, e.created_at, e.updated_at`;
const FROM = sql`enterprises e join regions r on r.code = e.region_code`;

interface Row {
  id: number; uscc: string; uscc_override_reason: string | null; name: string; kind: string; legal_representative: string | null;
  address: string | null; region_code: string; region_name: string; industry_division: string | null; size: string | null;
  established_on: string | null; registered_capital: number | null; key_enterprise: boolean; credit: string;
  contacts: EnterpriseContact[] | string; version: number; created_at: Date | string; updated_at: Date | string;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

// The columns' check constraints admit only the contract's kinds, sizes and standings.
function toView(r: Row): EnterpriseView {
  const division = r.industry_division;
  return {
    id: r.id, uscc: r.uscc, usccOverrideReason: r.uscc_override_reason, name: r.name, kind: r.kind as EnterpriseKind,
    legalRepresentative: r.legal_representative, address: r.address, regionCode: r.region_code, regionName: r.region_name,
    industrySection: division ? industrySectionOf(division)?.code ?? null : null, industryDivision: division,
    industryName: division ? INDUSTRY_DIVISIONS[division] ?? null : null,
    size: r.size as EnterpriseSize | null, establishedOn: r.established_on,
    registeredCapital: r.registered_capital === null ? null : Number(r.registered_capital),
    keyEnterprise: r.key_enterprise, credit: r.credit as CreditStanding,
    contacts: typeof r.contacts === 'string' ? JSON.parse(r.contacts) : r.contacts,
    version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

/** The stored fields of a record, as the commands compare and audit them. */
export function fieldsOf(v: EnterpriseView): EnterpriseFields {
  return {
    uscc: v.uscc, usccOverrideReason: v.usccOverrideReason, name: v.name, kind: v.kind, legalRepresentative: v.legalRepresentative,
    address: v.address, regionCode: v.regionCode, industryDivision: v.industryDivision, size: v.size, establishedOn: v.establishedOn,
    registeredCapital: v.registeredCapital, keyEnterprise: v.keyEnterprise, credit: v.credit, contacts: v.contacts,
  };
}

/** By id (digits) or by code (18 characters): the two ways the API names an enterprise. */
const keyCondition = (key: string | number): SQL =>
  typeof key === 'number' || /^[0-9]{1,10}$/.test(key) ? sql`e.id = ${Number(key)}` : sql`e.uscc = ${key.toUpperCase()}`;

/**
 * Unscoped look-up for other modules (applications, visits, inspections link to an enterprise
 * by its code or id) and for commands that check scope themselves.
 */
export async function findEnterprise(db: Db, key: string | number, opts: { lock?: boolean } = {}): Promise<EnterpriseView | null> {
  const [row] = await queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where ${keyCondition(key)}${opts.lock ? sql` for update of e` : sql``}`);
  return row ? toView(row) : null;
}

/** Unscoped: the records of these codes, by code (an import reads them all at once). */
export async function findEnterprisesByUscc(db: Db, codes: readonly string[], opts: { lock?: boolean } = {}): Promise<Map<string, EnterpriseView>> {
  const wanted = codes.filter((c) => /^[0-9A-Z]{18}$/.test(c));
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where e.uscc = any(${`{${wanted.join(',')}}`}::text[])${opts.lock ? sql` for update of e` : sql``}`);
  return new Map(rows.map((r) => [r.uscc, toView(r)]));
}

/** One enterprise the actor may read; anything else is "not found". */
export async function getEnterprise(db: Db, actor: Actor, key: string | number, standing?: RegistryStanding): Promise<EnterpriseView> {
  const s = standing ?? (await registryStanding(db, actor));
  const e = await findEnterprise(db, key);
  if (!e || !readsEnterprise(s, e)) throw notFound(ENTERPRISE, key);
  return e;
}

export interface EnterpriseFilter {
  q?: string;
  regionCode?: string;
  /** A section letter (A–T) or a two-digit division. */
  industry?: string;
  size?: EnterpriseSize;
  kind?: EnterpriseKind;
  keyEnterprise?: boolean;
  credit?: CreditStanding;
  page?: number;
  pageSize?: number;
}

function filterConditions(f: EnterpriseFilter): SQL[] {
  const where: SQL[] = [];
  const q = f.q?.trim();
  if (q) {
    where.push(/^[0-9A-Za-z]{2,18}$/.test(q)
      ? sql`(e.uscc like ${startingWith(q.toUpperCase())} or e.name like ${containing(q)})`
      : sql`e.name like ${containing(q)}`);
  }
  if (f.regionCode) where.push(regionCondition(f.regionCode));
  if (f.industry) {
    const divisions = /^[A-T]$/.test(f.industry) ? divisionsOfSection(f.industry) : [f.industry];
    where.push(sql`e.industry_division = any(${`{${divisions.join(',')}}`}::text[])`);
  }
  if (f.size) where.push(sql`e.size = ${f.size}`);
  if (f.kind) where.push(sql`e.kind = ${f.kind}`);
  if (f.keyEnterprise !== undefined) where.push(sql`e.key_enterprise = ${f.keyEnterprise}`);
  if (f.credit) where.push(sql`e.credit = ${f.credit}`);
  return where;
}

/** The actor's standing, refusing one who may read no enterprise at all. */
async function readingStanding(db: Db, actor: Actor): Promise<RegistryStanding> {
  const s = await registryStanding(db, actor);
  if (!mayRead(s)) throw forbidden('您的角色不能查看企业库', 'Your roles do not give access to the enterprise registry');
  return s;
}

/** The enterprises the actor may read, filtered, by name, a page at a time, with the total. */
export async function listEnterprises(db: Db, actor: Actor, f: EnterpriseFilter): Promise<EnterpriseListPage> {
  const s = await readingStanding(db, actor);
  const condition = sql.join([readableCondition(s), ...filterConditions(f)], sql` and `);
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, f.pageSize ?? 20));
  const [rows, [{ total }]] = await Promise.all([
    queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where ${condition} order by e.name, e.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from enterprises e where ${condition}`),
  ]);
  return { items: rows.map(toView), total, page, pageSize };
}

/** Every enterprise the actor may read under the filter (the export), by name. */
export async function allEnterprises(db: Db, actor: Actor, f: Omit<EnterpriseFilter, 'page' | 'pageSize'>): Promise<EnterpriseView[]> {
  const s = await readingStanding(db, actor);
  const rows = await queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where ${sql.join([readableCondition(s), ...filterConditions(f)], sql` and `)} order by e.name, e.id`);
  return rows.map(toView);
}

/** Unscoped, for modules that follow the registry (policy matching): the records of these ids, in id order. */
export async function findEnterprisesByIds(db: Db, ids: readonly number[]): Promise<EnterpriseView[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isInteger(id)))];
  if (wanted.length === 0) return [];
  const rows = await queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where e.id = any(${`{${wanted.join(',')}}`}::int[]) order by e.id`);
  return rows.map(toView);
}

/** Unscoped: the next `limit` records after the id `afterId`, in id order (to go through the whole registry a page at a time). */
export async function registryPage(db: Db, afterId: number, limit: number): Promise<EnterpriseView[]> {
  const rows = await queryRows<Row>(db, sql`select ${SELECT} from ${FROM} where e.id > ${afterId} order by e.id limit ${limit}`);
  return rows.map(toView);
}
