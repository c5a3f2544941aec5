/**
 * What every registry command shares: refusing invalid fields with every problem named, and
 * writing a row with its audit event (before and after) in the caller's transaction. The
 * registry is master data, not a work item: it has no statuses or actions for the lifecycle
 * kernel to run, so its history is the audit trail (`entity_type` 'enterprise'). Each write
 * also tells the modules that follow the registry (platform/enterprise-changes.ts) in the same
 * transaction — at once, or, given a list to collect into (an import), when the caller publishes it.
 * Writes are set-based (a chunk of rows, their audit events and their changes a few statements):
 * an import of ten thousand rows is a few dozen round trips, not tens of thousands.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { recordAudits, type AuditEntry } from '../../audit/record.js';
import { publishEnterpriseChanges, type EnterpriseChange } from '../../platform/enterprise-changes.js';
import { regionsWithAncestors } from '../../regions/queries.js';
import { editsRegion, type RegistryStanding } from '../access.js';
import { fieldsOf, findEnterprisesByIds } from '../queries.js';
import { changedFields, type FieldProblem, type EnterpriseFields } from '../rules.js';
import type { EnterpriseView } from '../contract.js';

export function refuseProblems(problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  throw badRequest('invalid_enterprise', problems.map((p) => p.messageZh).join('；'), problems.map((p) => p.messageEn).join('; '), { problems });
}

/** The codes among these that the region list does not hold (through the regions module). */
export async function unknownRegions(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(codes.filter((c) => /^[0-9]{6}$/.test(c)))];
  const known = new Set((await regionsWithAncestors(db, wanted)).map((r) => r.code));
  return new Set(codes.filter((c) => !known.has(c)));
}

export const unknownRegionProblem = (code: string): FieldProblem => ({
  field: 'regionCode', messageZh: `行政区划代码：${code} 不存在`, messageEn: `region code: ${code} does not exist`,
});

export const outsideScopeProblem = (code: string): FieldProblem => ({
  field: 'regionCode', messageZh: `行政区划代码：${code} 不在您的管辖范围内`, messageEn: `region code: ${code} is outside your scope`,
});

export function requireEditsRegion(s: RegistryStanding, regionCode: string, name: string): void {
  if (editsRegion(s, regionCode)) return;
  throw forbidden(`企业「${name}」所在区划 ${regionCode} 不在您的管辖范围内`, `The enterprise "${name}" (region ${regionCode}) is outside your scope`);
}

/** Tells the registry's followers now, or adds the changes to the caller's list. */
async function told(tx: Db, changes: EnterpriseChange[], collect?: EnterpriseChange[]): Promise<void> {
  if (collect) collect.push(...changes);
  else await publishEnterpriseChanges(tx, changes);
}

/** Rows per statement: an import's rows are written a chunk at a time, a form's as a chunk of one. */
const CHUNK = 1000;

const recordset = (rows: readonly { id?: number; f: EnterpriseFields }[]) => sql`json_to_recordset(${JSON.stringify(rows.map(({ id, f }) => ({ id, ...f })))}::json)
  as r(id int, uscc text, "usccOverrideReason" text, name text, kind text, "legalRepresentative" text, address text, "regionCode" text,
    "industryDivision" text, size text, "establishedOn" date, "registeredCapital" numeric, "keyEnterprise" boolean, credit text, contacts jsonb)`;

/** The records as stored, in the order of `ids`. */
async function storedInOrder(tx: Db, ids: readonly number[]): Promise<EnterpriseView[]> {
  const byId = new Map((await findEnterprisesByIds(tx, ids)).map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * Adds the records, a chunk a statement, each with its audit event (one append for them all)
 * and its change for the followers; returns them as stored, in the order given.
 */
export async function insertEnterprises(tx: Db, actor: Actor, fields: readonly EnterpriseFields[], via: 'form' | 'import', collect?: EnterpriseChange[], progress?: (done: number) => void): Promise<EnterpriseView[]> {
  const created: EnterpriseView[] = [];
  for (let i = 0; i < fields.length; i += CHUNK) {
    const chunk = fields.slice(i, i + CHUNK);
    const inserted = await queryRows<{ id: number; uscc: string }>(tx, sql`insert into enterprises
        (uscc, uscc_override_reason, name, kind, legal_representative, address, region_code, industry_division, size, established_on, registered_capital, key_enterprise, credit, contacts)
      select r.uscc, r."usccOverrideReason", r.name, r.kind, r."legalRepresentative", r.address, r."regionCode", r."industryDivision", r.size, r."establishedOn",
        r."registeredCapital", r."keyEnterprise", r.credit, r.contacts
      from ${recordset(chunk.map((f) => ({ f })))}
      returning id, uscc`);
    const idOf = new Map(inserted.map((r) => [r.uscc, Number(r.id)]));
    const stored = await storedInOrder(tx, chunk.map((f) => idOf.get(f.uscc)!));
    created.push(...stored);
    await recordAudits(tx, actor, [
      ...stored.map((e) => ({ action: 'enterprise.create', entityType: 'enterprise', entityId: e.id, after: { ...e, via } })),
      ...overrideAudits(stored.map((after) => ({ before: null, after }))),
    ]);
    await told(tx, stored.map((e, j) => ({ enterpriseId: e.id, uscc: e.uscc, action: 'create', changed: Object.keys(chunk[j]) })), collect);
    progress?.(created.length);
  }
  return created;
}

export async function insertEnterprise(tx: Db, actor: Actor, f: EnterpriseFields, via: 'form' | 'import'): Promise<EnterpriseView> {
  return (await insertEnterprises(tx, actor, [f], via))[0];
}

/**
 * Writes each record's fields over the row read (and locked) as its `before` (the caller checked
 * versions), a chunk a statement, with their audit events and changes; returns them as stored.
 */
export async function rewriteEnterprises(tx: Db, actor: Actor, rewrites: readonly { before: EnterpriseView; fields: EnterpriseFields }[], via: 'form' | 'import' | 'contacts', collect?: EnterpriseChange[], progress?: (done: number) => void): Promise<EnterpriseView[]> {
  const rewritten: EnterpriseView[] = [];
  for (let i = 0; i < rewrites.length; i += CHUNK) {
    const chunk = rewrites.slice(i, i + CHUNK);
    await tx.execute(sql`update enterprises e set uscc_override_reason = r."usccOverrideReason", name = r.name, kind = r.kind,
        legal_representative = r."legalRepresentative", address = r.address, region_code = r."regionCode", industry_division = r."industryDivision",
        size = r.size, established_on = r."establishedOn", registered_capital = r."registeredCapital", key_enterprise = r."keyEnterprise",
        credit = r.credit, contacts = r.contacts, version = e.version + 1, updated_at = now()
      from ${recordset(chunk.map(({ before, fields }) => ({ id: before.id, f: fields })))}
      where e.id = r.id`);
    const stored = await storedInOrder(tx, chunk.map((w) => w.before.id));
    rewritten.push(...stored);
    await recordAudits(tx, actor, [
      ...chunk.map(({ before }, j) => ({ action: via === 'contacts' ? 'enterprise.contacts' : 'enterprise.update', entityType: 'enterprise', entityId: before.id, before, after: { ...stored[j], via } })),
      ...overrideAudits(chunk.map(({ before }, j) => ({ before, after: stored[j] }))),
    ]);
    await told(tx, chunk.map(({ before, fields }) => ({ enterpriseId: before.id, uscc: before.uscc, action: via === 'contacts' ? 'contacts' : 'update', changed: changedFields(fieldsOf(before), fields) })), collect);
    progress?.(rewritten.length);
  }
  return rewritten;
}

export async function rewriteEnterprise(tx: Db, actor: Actor, before: EnterpriseView, f: EnterpriseFields, via: 'form' | 'contacts'): Promise<EnterpriseView> {
  return (await rewriteEnterprises(tx, actor, [{ before, fields: f }], via))[0];
}

/** Accepting a code that fails its check is an administrator's decision of its own, findable in the trail. */
function overrideAudits(writes: readonly { before: EnterpriseView | null; after: EnterpriseView }[]): AuditEntry[] {
  return writes.flatMap(({ before, after }) => (!after.usccOverrideReason || after.usccOverrideReason === before?.usccOverrideReason ? [] : [{
    action: 'enterprise.uscc_override', entityType: 'enterprise', entityId: after.id,
    before: before ? { usccOverrideReason: before.usccOverrideReason } : null, after: { uscc: after.uscc, usccOverrideReason: after.usccOverrideReason },
  }]));
}
