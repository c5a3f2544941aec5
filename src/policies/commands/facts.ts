/**
 * Facts about an enterprise beyond the registry's fields (高新技术企业, 研发费用占比…), which policy
 * conditions read. An administrator of the enterprise's region records what an authoritative
 * register says (source `registry`) or their own finding (`admin`); the enterprise's own users
 * declare facts (`declared`), which never grant 免申即享. Each fact is one row per (enterprise,
 * name, source), versioned; every change is audited and queues the enterprise for matching.
 */
import { type SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { editsRegion, getEnterprise, registryStanding, type EnterpriseView } from '../../enterprises/index.js';
import { REGISTRY_FACTS, type EnterpriseFacts, type FactSource, type FactType, type StoredFact } from '../contract.js';
import { isDate } from '../rules.js';
import { queueRematch } from '../store.js';

export interface FactInput {
  type: FactType;
  value: number | boolean | string;
  source: FactSource;
  asOf: string;
  /** The version last read when replacing a fact; none when recording a new one. */
  version?: number;
}

const FACT = { zh: '企业事实', en: 'enterprise fact' };

/** The sources of fact the actor may record for the enterprise: its own users declare, its region's administrators record the rest. */
async function recordableSources(db: Db, actor: Actor, e: EnterpriseView): Promise<FactSource[]> {
  const standing = await registryStanding(db, actor);
  if (standing.ownUscc === e.uscc) return ['declared'];
  if (actor.roles.includes('admin') && editsRegion(standing, e.regionCode)) return ['registry', 'admin'];
  return [];
}

/** 403 unless the actor may record a fact of this source for the enterprise. */
async function requireRecorder(db: Db, actor: Actor, e: EnterpriseView, source: FactSource): Promise<void> {
  if ((await recordableSources(db, actor, e)).includes(source)) return;
  if (source === 'declared') throw forbidden('企业自行申报的信息只能由该企业的企业用户填报', 'Only the enterprise\'s own users declare facts for it');
  throw forbidden('录入企业事实需要该企业所在区划的管理员', "Recording a fact needs an administrator of the enterprise's region");
}

function valueProblem(name: string, f: FactInput): [zh: string, en: string] | null {
  if ((REGISTRY_FACTS as readonly string[]).includes(name)) return [`「${name}」是企业库字段，请在企业库中修改`, `"${name}" is a registry field: change it in the registry`];
  if (!/\S/.test(name) || name.length > 40) return ['事实名称须为 1–40 个字符', 'the fact name must be 1–40 characters'];
  if (typeof f.value !== (f.type === 'text' ? 'string' : f.type)) return [`值的类型须为 ${f.type}`, `the value must be of type ${f.type}`];
  if (f.type === 'number' && !Number.isFinite(f.value)) return ['数值无效', 'the number is not finite'];
  if (!isDate(f.asOf)) return [`「${f.asOf}」不是有效日期`, `"${f.asOf}" is not a date`];
  return null;
}

/** The enterprise's facts matching `where`, as stored. */
async function factsWhere(db: Db, enterpriseId: number, where: SQL): Promise<StoredFact[]> {
  const rows = await queryRows<Omit<StoredFact, 'value'> & { value: string }>(db, sql`select name, type, value::text as value, source, to_char(as_of, 'YYYY-MM-DD') as "asOf",
      recorded_by_name as "recordedByName", to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt", version
    from enterprise_facts where enterprise_id = ${enterpriseId} and ${where}`);
  return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as StoredFact['value'] }));
}

async function lockFact(tx: Db, enterpriseId: number, name: string, source: FactSource): Promise<StoredFact | null> {
  const [row] = await factsWhere(tx, enterpriseId, sql`name = ${name} and source = ${source} for update`);
  return row ?? null;
}

/** Records or replaces a fact of an enterprise (PUT: a new fact without a version, a known one quoting its version). */
export async function recordFact(db: Db, actor: Actor, uscc: string, name: string, input: FactInput): Promise<StoredFact> {
  const e = await getEnterprise(db, actor, uscc);
  await requireRecorder(db, actor, e, input.source);
  const trimmed = name.trim();
  const problem = valueProblem(trimmed, input);
  if (problem) throw badRequest('invalid_fact', problem[0], problem[1]);
  const value = typeof input.value === 'string' ? input.value.trim() : input.value;
  return db.transaction(async (tx) => {
    const before = await lockFact(tx, e.id, trimmed, input.source);
    if (before && before.version !== input.version) {
      throw conflict('stale_version', `该事实已被他人修改（当前版本 ${before.version}），请刷新后重试`, `The fact was changed by someone else (current version ${before.version}); reload and try again`, { currentVersion: before.version });
    }
    if (!before && input.version !== undefined) throw notFound(FACT, `${uscc}/${trimmed}/${input.source}`);
    if (before && before.type === input.type && before.value === value && before.asOf === input.asOf) return before;
    await tx.execute(sql`insert into enterprise_facts (enterprise_id, name, type, value, source, as_of, recorded_by_name)
      values (${e.id}, ${trimmed}, ${input.type}, ${JSON.stringify(value)}::jsonb, ${input.source}, ${input.asOf}::date, ${actor.name})
      on conflict (enterprise_id, name, source) do update set type = excluded.type, value = excluded.value, as_of = excluded.as_of,
        recorded_by_name = excluded.recorded_by_name, recorded_at = now(), version = enterprise_facts.version + 1`);
    const after = (await lockFact(tx, e.id, trimmed, input.source))!;
    await recordAudit(tx, actor, { action: before ? 'enterprise_fact.update' : 'enterprise_fact.create', entityType: 'enterprise_fact', entityId: `${e.uscc}/${trimmed}/${input.source}`, before, after });
    await queueRematch(tx, [e.id]);
    return after;
  });
}

/** Removes a fact, quoting its version. */
export async function removeFact(db: Db, actor: Actor, uscc: string, name: string, source: FactSource, version: number): Promise<void> {
  const e = await getEnterprise(db, actor, uscc);
  await requireRecorder(db, actor, e, source);
  await db.transaction(async (tx) => {
    const before = await lockFact(tx, e.id, name, source);
    if (!before) throw notFound(FACT, `${uscc}/${name}/${source}`);
    if (before.version !== version) {
      throw conflict('stale_version', `该事实已被他人修改（当前版本 ${before.version}），请刷新后重试`, `The fact was changed by someone else (current version ${before.version}); reload and try again`, { currentVersion: before.version });
    }
    await tx.execute(sql`delete from enterprise_facts where enterprise_id = ${e.id} and name = ${name} and source = ${source}`);
    await recordAudit(tx, actor, { action: 'enterprise_fact.delete', entityType: 'enterprise_fact', entityId: `${e.uscc}/${name}/${source}`, before });
    await queueRematch(tx, [e.id]);
  });
}

/** The recorded facts of an enterprise the actor may read, and the sources the actor may record for it. */
export async function listFacts(db: Db, actor: Actor, uscc: string): Promise<EnterpriseFacts> {
  const e = await getEnterprise(db, actor, uscc);
  return { items: await factsWhere(db, e.id, sql`true order by name, source`), recordableSources: await recordableSources(db, actor, e) };
}
