/**
 * Where a plan's subject comes from, for each kind of subject: its state as the plan reads it
 * (lifecycle.ts SubjectState) and how an actor stands to it. The case's own module says both —
 * its row and its relations (src/cases/store.ts, access.ts) — so these only translate.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { canRead } from '../platform/lifecycle/index.js';
import { loadCase, lockCase } from '../cases/store.js';
import { relationsTo } from '../cases/access.js';
import { inspectionSubject, inspectionSubjectRelations } from '../inspections/subject.js';
import type { CaseRow } from '../cases/record.js';
import { RECTIFICATION_LIFECYCLE, SUBJECT_RULES, type Relation, type SubjectState, type SubjectType } from './lifecycle.js';

export interface SubjectSource {
  /** The subject's state; `lock` holds its row for the rest of the transaction (before the plan's, always in that order). */
  load(db: Db, id: number, opts?: { lock?: boolean }): Promise<SubjectState | null>;
  relationsOf(db: Db, actor: Actor, id: number): Promise<Relation[]>;
}

/**
 * A case as its plan reads it: an enterprise's case names the enterprise by its USCC. A report's
 * or a confidential case's requester names none: the ledger shows its enterprises to every office
 * that reads it, so such a case is no entry there, for anyone.
 */
export function caseSubject(row: CaseRow): SubjectState {
  const protectedIdentity = row.type === 'report' || row.confidential;
  return {
    type: 'case', id: row.id, reference: row.code, status: row.status, uscc: row.requesterKind === 'enterprise' && !protectedIdentity ? row.requesterUscc : null,
    leadOfficeId: row.leadOfficeId, assistingOfficeIds: row.assistingOfficeIds, takenInAt: row.acceptedAt,
  };
}

export const SUBJECTS: Record<SubjectType, SubjectSource> = {
  case: {
    async load(db, id, opts = {}) {
      const row = await (opts.lock ? lockCase : loadCase)(db, id);
      return row && caseSubject(row);
    },
    async relationsOf(db, actor, id) {
      const row = await loadCase(db, id);
      return row ? relationsTo(db, actor, row) : [];
    },
  },
  inspection: { load: inspectionSubject, relationsOf: inspectionSubjectRelations },
};

/** A subject whose plan the actor may read, with how they stand to it; anything else is "not found" (404 naming the subject). */
export async function visibleSubject(db: Db, actor: Actor, type: SubjectType, id: number): Promise<{ subject: SubjectState; relations: Relation[] }> {
  const subject = await SUBJECTS[type].load(db, id);
  const relations = subject ? await SUBJECTS[type].relationsOf(db, actor, id) : [];
  if (!subject || !canRead(RECTIFICATION_LIFECYCLE, actor.roles, relations)) throw notFound(SUBJECT_RULES[type].label, id);
  return { subject, relations };
}
