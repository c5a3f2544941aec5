import { sql, type Db } from '../../../platform/db/engine.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, conflict, staleVersion } from '../../../platform/errors.js';
import { isValidIsoDate, toLocalDate } from '../../../calendar/rules.js';
import { workingCalendar } from '../../../calendar/store.js';
import { findOffice } from '../../../offices/queries.js';
import { officePaths } from '../../../offices/subtree.js';
import { inSubtree } from '../../../offices/rules.js';
import { appendCaseEvent } from '../../store.js';
import { mayEditPlan, PLAN_EDIT_STATUSES, type PlanStatus } from '../rules.js';
import type { PlanInput } from '../../contract.js';
import { loadPlan, RECTIFICATION, type PlanRow } from '../store.js';
import { lockVisibleCase, refuseRole, requireEnterpriseCase, requireStatus } from './guard.js';

/** Drawing up or changing a case's rectification plan (整改方案): the contract's PlanInput. */
export type SetRectificationInput = PlanInput;

export interface SetRectificationResult {
  created: boolean;
  /** False when the input matched the stored plan: nothing was written. */
  changed: boolean;
  plan: PlanRow;
}

const WHAT = { zh: '制定或修改整改方案', en: 'set the rectification plan' };
const FIELDS = ['measures', 'responsiblePerson', 'responsibleOfficeId', 'deadline', 'status'] as const;

/**
 * Creates the plan when absent (no version) or changes it (the version read; a stale one is 409),
 * by a handler of the lead office while the office has the case (dispatched … reviewed). The
 * plan row and the `rectification-plan` event on the case's timeline are written in one
 * transaction; the case's version moves with the event.
 */
export async function setRectification(db: Db, actor: Actor, caseId: number, input: SetRectificationInput): Promise<SetRectificationResult> {
  const calendar = await workingCalendar(db);
  return db.transaction(async (tx) => {
    const { row, relations } = await lockVisibleCase(tx, actor, caseId);
    if (!mayEditPlan(actor.roles, relations)) throw refuseRole(WHAT, ['handler'], { zh: '由您的单位主办', en: 'in the office leading the case' });
    requireEnterpriseCase(row);
    const existing = await loadPlan(tx, caseId, { forUpdate: true });
    if (existing && input.version === undefined) {
      throw conflict('rectification_exists', `诉求 ${row.code} 已有整改方案（版本 ${existing.version}），修改时请带上版本号`,
        `Case ${row.code} already has a rectification plan (version ${existing.version}); send its version to change it`, { currentVersion: existing.version });
    }
    if (!existing && input.version !== undefined) {
      throw conflict('rectification_absent', `诉求 ${row.code} 还没有整改方案，新建时不带版本号`, `Case ${row.code} has no rectification plan yet; create it without a version`);
    }
    if (existing && existing.version !== input.version) throw staleVersion(RECTIFICATION, existing.version);
    requireStatus(row, PLAN_EDIT_STATUSES, WHAT);

    const now = new Date();
    const today = toLocalDate(now, calendar.officeHours);
    const measures = input.measures.trim();
    const responsiblePerson = input.responsiblePerson.trim();
    if (!measures) throw badRequest('invalid_measures', '整改措施不能为空', 'The measures must not be empty');
    if (!responsiblePerson) throw badRequest('invalid_responsible_person', '责任人不能为空', 'The responsible person must not be empty');
    if (!isValidIsoDate(input.deadline)) throw badRequest('invalid_deadline', `整改时限不是有效日期：${input.deadline}`, `The deadline is not a valid date: ${input.deadline}`);
    if (input.deadline !== existing?.deadline && input.deadline < today) {
      throw badRequest('deadline_in_past', `整改时限 ${input.deadline} 早于今天（${today}）`, `The deadline ${input.deadline} is before today (${today})`);
    }

    const responsibleOfficeId = input.responsibleOfficeId ?? existing?.responsibleOfficeId ?? row.leadOfficeId!;
    if (responsibleOfficeId !== existing?.responsibleOfficeId) await checkResponsibleOffice(tx, row.leadOfficeId!, row.assistingOfficeIds, responsibleOfficeId);

    const status: PlanStatus = input.status ?? existing?.status ?? 'planned';
    const next = { measures, responsiblePerson, responsibleOfficeId, deadline: input.deadline, status };
    const changes = existing
      ? Object.fromEntries(FIELDS.filter((f) => existing[f] !== next[f]).map((f) => [f, { from: existing[f], to: next[f] }]))
      : null;
    if (existing && Object.keys(changes!).length === 0) return { created: false, changed: false, plan: existing };

    const completedAt = status === 'done' ? (existing?.status === 'done' ? existing.completedAt : now.toISOString()) : null;
    const version = existing ? existing.version + 1 : 1;
    if (existing) {
      await tx.execute(sql`update case_rectifications set measures = ${measures}, responsible_person = ${responsiblePerson},
          responsible_office_id = ${responsibleOfficeId}, deadline = ${input.deadline}::date, status = ${status},
          completed_at = ${completedAt}::timestamptz, updated_by = ${actor.userId}, updated_at = ${now.toISOString()}::timestamptz, version = ${version}
        where case_id = ${caseId}`);
    } else {
      await tx.execute(sql`insert into case_rectifications (case_id, measures, responsible_person, responsible_office_id, deadline, status, completed_at,
          created_by, created_at, updated_by, updated_at, version)
        values (${caseId}, ${measures}, ${responsiblePerson}, ${responsibleOfficeId}, ${input.deadline}::date, ${status}, ${completedAt}::timestamptz,
          ${actor.userId}, ${now.toISOString()}::timestamptz, ${actor.userId}, ${now.toISOString()}::timestamptz, 1)`);
    }
    await appendCaseEvent(tx, row, {}, {
      at: now.toISOString(), action: 'rectification-plan', actor,
      data: { op: existing ? 'update' : 'create', planVersion: version, ...next, ...(changes ? { changes } : {}) },
    });
    return { created: !existing, changed: true, plan: (await loadPlan(tx, caseId))! };
  });
}

/** The responsible office answers to the case: the lead office or an office below it, or an assisting office. */
async function checkResponsibleOffice(tx: Db, leadOfficeId: number, assistingOfficeIds: number[], id: number) {
  const office = await findOffice(tx, id);
  if (!office) throw badRequest('unknown_office', `责任单位：单位 ${id} 不存在`, `Responsible office: office ${id} does not exist`);
  const leadPath = (await officePaths(tx, [leadOfficeId])).get(leadOfficeId) ?? '\u0000';
  if (!inSubtree(office.path, leadPath) && !assistingOfficeIds.includes(id)) {
    throw badRequest('responsible_office_outside', `责任单位「${office.name}」既不是主办单位或其下属单位，也不是协办单位`,
      `The responsible office "${office.name}" is neither the lead office, an office below it, nor an assisting office`);
  }
}
