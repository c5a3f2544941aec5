/**
 * What every registry command shares: refusing invalid fields with every problem named, and
 * writing a row with its audit event (before and after) in the caller's transaction. The
 * registry is master data, not a work item: it has no statuses or actions for the lifecycle
 * kernel to run, so its history is the audit trail (`entity_type` 'enterprise'). Each write
 * also tells the modules that follow the registry (platform/enterprise-changes.ts) in the same
 * transaction — at once, or, given a list to collect into (an import), when the caller publishes it.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { publishEnterpriseChanges, type EnterpriseChange } from '../../platform/enterprise-changes.js';
import { regionsWithAncestors } from '../../regions/queries.js';
import { editsRegion, type RegistryStanding } from '../access.js';
import { fieldsOf, findEnterprise } from '../queries.js';
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

const contactsJson = (f: EnterpriseFields) => JSON.stringify(f.contacts);

/** Tells the registry's followers now, or adds the change to the caller's list. */
async function told(tx: Db, change: EnterpriseChange, collect?: EnterpriseChange[]): Promise<void> {
  if (collect) collect.push(change);
  else await publishEnterpriseChanges(tx, [change]);
}

export async function insertEnterprise(tx: Db, actor: Actor, f: EnterpriseFields, via: 'form' | 'import', collect?: EnterpriseChange[]): Promise<EnterpriseView> {
  const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into enterprises
      (uscc, uscc_override_reason, name, kind, legal_representative, address, region_code, industry_division, size, established_on, registered_capital, key_enterprise, credit, contacts)
    values (${f.uscc}, ${f.usccOverrideReason}, ${f.name}, ${f.kind}, ${f.legalRepresentative}, ${f.address}, ${f.regionCode}, ${f.industryDivision}, ${f.size},
      ${f.establishedOn}::date, ${f.registeredCapital}, ${f.keyEnterprise}, ${f.credit}, ${contactsJson(f)}::jsonb)
    returning id`);
  const created = (await findEnterprise(tx, id))!;
  await recordAudit(tx, actor, { action: 'enterprise.create', entityType: 'enterprise', entityId: id, after: { ...created, via } });
  await auditOverride(tx, actor, null, created);
  await told(tx, { enterpriseId: id, uscc: created.uscc, action: 'create', changed: Object.keys(f) }, collect);
  return created;
}

/** Writes the fields over the row read (and locked) as `before`; the caller checked its version. */
export async function rewriteEnterprise(tx: Db, actor: Actor, before: EnterpriseView, f: EnterpriseFields, via: 'form' | 'import' | 'contacts', collect?: EnterpriseChange[]): Promise<EnterpriseView> {
  await tx.execute(sql`update enterprises set uscc_override_reason = ${f.usccOverrideReason}, name = ${f.name}, kind = ${f.kind},
      legal_representative = ${f.legalRepresentative}, address = ${f.address}, region_code = ${f.regionCode}, industry_division = ${f.industryDivision},
      size = ${f.size}, established_on = ${f.establishedOn}::date, registered_capital = ${f.registeredCapital}, key_enterprise = ${f.keyEnterprise},
      credit = ${f.credit}, contacts = ${contactsJson(f)}::jsonb, version = version + 1, updated_at = now()
    where id = ${before.id}`);
  const after = (await findEnterprise(tx, before.id))!;
  await recordAudit(tx, actor, { action: via === 'contacts' ? 'enterprise.contacts' : 'enterprise.update', entityType: 'enterprise', entityId: before.id, before, after: { ...after, via } });
  await auditOverride(tx, actor, before, after);
  await told(tx, { enterpriseId: before.id, uscc: before.uscc, action: via === 'contacts' ? 'contacts' : 'update', changed: changedFields(fieldsOf(before), f) }, collect);
  return after;
}

/** Accepting a code that fails its check is an administrator's decision of its own, findable in the trail. */
async function auditOverride(tx: Db, actor: Actor, before: EnterpriseView | null, after: EnterpriseView): Promise<void> {
  if (!after.usccOverrideReason || after.usccOverrideReason === before?.usccOverrideReason) return;
  await recordAudit(tx, actor, {
    action: 'enterprise.uscc_override', entityType: 'enterprise', entityId: after.id,
    before: before ? { usccOverrideReason: before.usccOverrideReason } : null, after: { uscc: after.uscc, usccOverrideReason: after.usccOverrideReason },
  });
}
