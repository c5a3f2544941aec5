/** Checking a visit code (入企码): the signature first (src/signing), then the visit's own record — revoked, superseded, already scanned. */
import type { Db } from '../platform/db/engine.js';
import { checkCode, CODE_REFUSALS } from '../signing/index.js';
import { VISIT_CODE_REFUSALS, type PublicVisit, type VisitCodeCheck } from './contract.js';
import type { VisitRow } from './lifecycle.js';
import { VISITS } from './store.js';
import { findOffice } from '../offices/queries.js';

const REFUSALS: Record<string, { zh: string; en: string }> = { ...CODE_REFUSALS, ...VISIT_CODE_REFUSALS };

export type CodeOutcome = { ok: true; visit: VisitRow } | { ok: false; refusal: string };

export async function checkVisitCode(db: Db, code: string): Promise<CodeOutcome> {
  const check = await checkCode(db, code, 'visit');
  if (!check.valid) return { ok: false, refusal: check.refusal };
  const id = /^visit:([1-9][0-9]{0,9})$/.exec(check.subject)?.[1];
  const visit = id ? await VISITS.load(db, Number(id)) : null;
  if (!visit) return { ok: false, refusal: 'unknown_visit' };
  if (visit.status === 'revoked' || visit.status === 'cancelled' || visit.status === 'refused') return { ok: false, refusal: 'revoked' };
  if (visit.status === 'visited' || visit.status === 'rated') return { ok: false, refusal: 'already_scanned' };
  // A code issued again (a joint visit's new day) replaces the one before it.
  if (visit.status !== 'approved' || visit.code !== code) return { ok: false, refusal: visit.status === 'approved' ? 'superseded' : 'not_yet' };
  return { ok: true, visit };
}

export const refusalMessage = (refusal: string) => REFUSALS[refusal];

/** What the holder of a valid code sees of its visit: who comes, to whom, why, when. */
export async function publicVisit(db: Db, v: VisitRow): Promise<PublicVisit> {
  return { id: v.id, officeName: (await findOffice(db, v.officeId))?.name ?? '', enterpriseName: v.enterpriseName, uscc: v.uscc, purpose: v.purpose, kind: v.kind, plannedDate: v.plannedDate, members: v.members, status: v.status };
}

export async function codeCheckView(db: Db, outcome: CodeOutcome): Promise<VisitCodeCheck> {
  if (!outcome.ok) return { valid: false, refusal: outcome.refusal, messageZh: REFUSALS[outcome.refusal].zh, messageEn: REFUSALS[outcome.refusal].en };
  return { valid: true, visit: await publicVisit(db, outcome.visit) };
}
