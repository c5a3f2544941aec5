/** The checks every ledger command makes first, in the order the case actions make them. */
import type { Db } from '../../../platform/db/engine.js';
import type { Actor } from '../../../platform/actor.js';
import { ROLE_NAMES, type Role } from '../../../platform/actor.js';
import { conflict, forbidden, notFound } from '../../../platform/errors.js';
import { canRead, STATUS_NAMES, type CaseStatus, type Relation } from '../../lifecycle.js';
import { relationsTo } from '../../access.js';
import { lockCase } from '../../store.js';
import type { CaseRow } from '../../record.js';
import { CASE } from '../../commands/runAction.js';

export interface LockedCase {
  row: CaseRow;
  relations: Relation[];
}

/** Locks the case for the rest of the transaction; a case the actor may not see is "not found" (404). */
export async function lockVisibleCase(tx: Db, actor: Actor, caseId: number): Promise<LockedCase> {
  const row = await lockCase(tx, caseId);
  if (!row) throw notFound(CASE, caseId);
  const relations = await relationsTo(tx, actor, row);
  if (!canRead(actor.roles, relations)) throw notFound(CASE, caseId);
  return { row, relations };
}

/** 403 naming the roles needed, as the case actions do. */
export function refuseRole(what: { zh: string; en: string }, roles: readonly Role[], relation: { zh: string; en: string }) {
  return forbidden(
    `您无权${what.zh}：需要 ${roles.map((r) => ROLE_NAMES[r].zh).join('、')} 且诉求${relation.zh}`,
    `You may not ${what.en}: it needs the role ${roles.map((r) => ROLE_NAMES[r].en).join(' or ')} ${relation.en}`,
  );
}

/** Only a case raised by or about an enterprise has a rectification ledger entry. */
export function requireEnterpriseCase(row: CaseRow) {
  if (row.requesterKind !== 'enterprise' || !row.requesterUscc) {
    throw conflict('not_enterprise_case', `诉求 ${row.code} 不是企业诉求，没有整改台账`, `Case ${row.code} was not raised by or about an enterprise; it has no rectification ledger entry`);
  }
}

/** 409 naming the case's status and the statuses that allow the change. */
export function requireStatus(row: CaseRow, allowed: readonly CaseStatus[], what: { zh: string; en: string }) {
  if (allowed.includes(row.status)) return;
  throw conflict('wrong_status',
    `诉求当前状态为「${STATUS_NAMES[row.status].zh}」，不能${what.zh}（仅限：${allowed.map((s) => STATUS_NAMES[s].zh).join('、')}）`,
    `The case is ${STATUS_NAMES[row.status].en}; you cannot ${what.en} now (only when ${allowed.map((s) => STATUS_NAMES[s].en).join(', ')})`,
    { status: row.status, allowedFrom: allowed });
}
