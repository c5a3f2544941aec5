/** What drawing up and changing a plan share: the fields' schema and their checks. */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { IsoDate, Version } from '../../platform/http/schemas.js';
import { isValidIsoDate } from '../../calendar/rules.js';
import { findOffice } from '../../offices/queries.js';
import { officePaths } from '../../offices/subtree.js';
import { inSubtree } from '../../offices/rules.js';
import { PLAN_STATUSES } from '../contract.js';
import type { PlanRow, SubjectState } from '../lifecycle.js';
import type { PlanFields } from '../rules.js';

const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });

/** The plan's fields as a handler sends them (the contract's PlanInput without its version). */
export const PlanFieldsInput = Type.Object({
  measures: Type.String({ minLength: 1, maxLength: 5000, description: '整改措施' }),
  responsiblePerson: Type.String({ minLength: 1, maxLength: 100, description: '责任人' }),
  responsibleOfficeId: Type.Optional(OfficeId),
  deadline: Type.String({ ...IsoDate, description: '整改时限 (YYYY-MM-DD)' }),
  status: Type.Optional(Type.Union(PLAN_STATUSES.map((s) => Type.Literal(s)))),
}, { additionalProperties: false });

/** `PUT …/rectification`: the fields, and the plan's version when changing it (the contract's PlanInput). */
export const PlanBody = Type.Object({ version: Type.Optional(Version), ...PlanFieldsInput.properties }, { additionalProperties: false });

type FieldsInput = { measures: string; responsiblePerson: string; responsibleOfficeId?: number; deadline: string; status?: PlanRow['status'] };

/**
 * The fields as they will be stored, or 400 naming what is wrong: text not blank, a real
 * deadline that — when new or moved — is not before today, and a responsible office that answers
 * to the subject. What is not given stays as it was (`before`), or starts as the subject's lead
 * office and `planned`.
 */
export async function checkedPlan(tx: Db, input: FieldsInput, before: PlanRow | null, subject: SubjectState, today: string): Promise<PlanFields> {
  const measures = input.measures.trim();
  const responsiblePerson = input.responsiblePerson.trim();
  if (!measures) throw badRequest('invalid_measures', '整改措施不能为空', 'The measures must not be empty');
  if (!responsiblePerson) throw badRequest('invalid_responsible_person', '责任人不能为空', 'The responsible person must not be empty');
  if (!isValidIsoDate(input.deadline)) throw badRequest('invalid_deadline', `整改时限不是有效日期：${input.deadline}`, `The deadline is not a valid date: ${input.deadline}`);
  if (input.deadline !== before?.deadline && input.deadline < today) {
    throw badRequest('deadline_in_past', `整改时限 ${input.deadline} 早于今天（${today}）`, `The deadline ${input.deadline} is before today (${today})`);
  }
  const responsibleOfficeId = input.responsibleOfficeId ?? before?.responsibleOfficeId ?? subject.leadOfficeId!;
  if (responsibleOfficeId !== before?.responsibleOfficeId) await checkResponsibleOffice(tx, subject, responsibleOfficeId);
  return { measures, responsiblePerson, responsibleOfficeId, deadline: input.deadline, status: input.status ?? before?.status ?? 'planned' };
}

/** The responsible office answers to the subject: the lead office or an office below it, or an assisting office. */
async function checkResponsibleOffice(tx: Db, subject: SubjectState, id: number) {
  const office = await findOffice(tx, id);
  if (!office) throw badRequest('unknown_office', `责任单位：单位 ${id} 不存在`, `Responsible office: office ${id} does not exist`);
  const leadPath = subject.leadOfficeId === null ? '\u0000' : (await officePaths(tx, [subject.leadOfficeId])).get(subject.leadOfficeId) ?? '\u0000';
  if (!inSubtree(office.path, leadPath) && !subject.assistingOfficeIds.includes(id)) {
    throw badRequest('responsible_office_outside', `责任单位「${office.name}」既不是主办单位或其下属单位，也不是协办单位`,
      `The responsible office "${office.name}" is neither the lead office, an office below it, nor an assisting office`);
  }
}

/** When a plan was marked done: kept while it stays done, now when it becomes done, none otherwise. */
export const completedAtFor = (status: PlanRow['status'], before: Pick<PlanRow, 'status' | 'completedAt'> | null, now: Date): Date | null =>
  status === 'done' ? (before?.status === 'done' ? before.completedAt : now) : null;
