/**
 * Seed 000's case: the construction-permit stage (施工许可阶段) of one project through four
 * departments — 自然资源和规划 (建设工程规划许可), 人防, 水利 (水土保持), 住建 (施工许可) — run
 * through the real commands on the official calendar, either serially (one stage per department,
 * each after the last) or in parallel (one stage, all four at once). Each department decides at
 * the close of its item's committed limit, so the stage takes, in working days, the sum of the
 * limits serially and their maximum in parallel. The test and `npm run bench -- approvals` run it.
 */
import { randomBytes } from 'node:crypto';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import { operatorActor, type Actor, type Role } from '../../platform/actor.js';
import { runAction } from '../../platform/lifecycle/index.js';
import { createUser } from '../../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { addWorkingDays, toLocalDate, workingDaysBetween } from '../../calendar/rules.js';
import { endOfOfficeDay } from '../../calendar/working-time.js';
import { workingCalendar } from '../../calendar/store.js';
import { takeIn } from './doors.js';
import { APPLICATION_TYPE } from './type.js';
import { loadApplication } from './store.js';
import type { ApplicationAction } from './contract.js';

export const PERMIT_STAGE = [
  { department: 'planning', item: '建设工程规划许可证核发' },
  { department: 'civil-defence', item: '结合民用建筑修建防空地下室审批' },
  { department: 'water', item: '生产建设项目水土保持方案审批' },
  { department: 'housing', item: '建筑工程施工许可证核发' },
] as const;
export type PermitDepartment = (typeof PERMIT_STAGE)[number]['department'];

export interface PermitCast {
  window: Actor;
  reviewers: Record<PermitDepartment, Actor>;
  offices: Record<PermitDepartment, number>;
  /** Each department's committed limit for its item, in working days. */
  limits: Record<PermitDepartment, number>;
  permitItemId: number;
}

/** A member of staff of the office in one role, as the runner sees them. */
export async function staff(db: Db, username: string, role: Role, officeId: number): Promise<Actor> {
  await createUser(db, operatorActor(), { username, password: `Pp-${randomBytes(9).toString('base64url')}`, name: username, roles: [role], officeId });
  const [u] = await queryRows<{ id: number; path: string }>(db, sql`select u.id, o.path from users u join offices o on o.id = u.office_id where u.username = ${username}`);
  return { userId: u.id, name: username, roles: [role], officeId, officePath: u.path };
}

/** A window agent of the county (`county-410122`) and a reviewer per department, with the departments' items and limits from the demo catalogue. */
export async function permitStageCast(db: Db, demoOffices: Record<string, number>, prefix = 'permit'): Promise<PermitCast> {
  const offices = Object.fromEntries(PERMIT_STAGE.map((s) => [s.department, demoOffices[`county-410122-${s.department}`]])) as Record<PermitDepartment, number>;
  const reviewers = {} as Record<PermitDepartment, Actor>;
  const limits = {} as Record<PermitDepartment, number>;
  let permitItemId = 0;
  for (const s of PERMIT_STAGE) {
    reviewers[s.department] = await staff(db, `${prefix}-${s.department}`, 'reviewer', offices[s.department]);
    const [v] = await queryRows<{ itemId: number; limit: number }>(db, sql`select s.id as "itemId", v.committed_limit::float8 as "limit"
      from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision where v.name = ${s.item} and v.office_id = ${offices[s.department]}`);
    limits[s.department] = v.limit;
    if (s.department === 'housing') permitItemId = v.itemId;
  }
  return { window: await staff(db, `${prefix}-window`, 'window_agent', demoOffices['county-410122']), reviewers, offices, limits, permitItemId };
}

export interface PermitRun {
  applicationId: number;
  /** Working days from acceptance to the last approval, the acceptance day not counted. */
  workingDays: number;
  stages: number;
  /** The day of the last approval (office-local). */
  endedOn: string;
}

/** Runs the permit stage for one project from `acceptedAt`, serially or in parallel. */
export async function runPermitStage(db: Db, cast: PermitCast, mode: 'serial' | 'parallel', acceptedAt: Date): Promise<PermitRun> {
  const cal = await workingCalendar(db);
  const all = await queryRows<{ id: number }>(db, sql`select m.id from service_item_materials m join service_items s on s.id = ${cast.permitItemId}
    join service_item_versions v on v.id = m.version_id and v.item_id = s.id and v.revision = s.revision`);
  const app = await takeIn(db, cast.window, {
    serviceItemId: cast.permitItemId, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialIds: all.map((m) => m.id),
  }, acceptedAt);
  const act = async (actor: Actor, action: ApplicationAction, input: Record<string, unknown>, at: Date) => {
    const row = (await loadApplication(db, app.id))!;
    return runAction(db, APPLICATION_TYPE, actor, { id: app.id, action, version: row.version, input, at });
  };
  await act(cast.window, 'accept', {}, acceptedAt);
  // A department decides half an hour before the close of office on the last day of its committed limit.
  const decisionAt = (from: Date, days: number) => new Date(endOfOfficeDay(cal, addWorkingDays(cal, toLocalDate(from, cal.officeHours), days).date).getTime() - 30 * 60_000);
  const stages: PermitDepartment[][] = mode === 'parallel' ? [PERMIT_STAGE.map((s) => s.department)] : PERMIT_STAGE.map((s) => [s.department]);
  let startAt = acceptedAt;
  for (const [i, departments] of stages.entries()) {
    await act(cast.window, 'start-stage', { name: `施工许可阶段${mode === 'parallel' ? '并联审批' : `第 ${i + 1} 步`}`, departmentIds: departments.map((d) => cast.offices[d]) }, startAt);
    for (const d of departments) await act(cast.reviewers[d], 'sign', { departmentId: cast.offices[d] }, startAt);
    const decisions = departments.map((d) => ({ d, at: decisionAt(startAt, cast.limits[d]) })).sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { d, at } of decisions) await act(cast.reviewers[d], 'approve', { departmentId: cast.offices[d] }, at);
    startAt = decisions.at(-1)!.at;
  }
  const done = (await loadApplication(db, app.id))!;
  if (done.stages.some((s) => s.status !== 'approved')) throw new Error('permit stage: a stage did not complete');
  const last = done.stages.at(-1)!.endedAt!;
  const endedOn = toLocalDate(last, cal.officeHours);
  return { applicationId: app.id, stages: done.stages.length, endedOn, workingDays: workingDaysBetween(cal, toLocalDate(acceptedAt, cal.officeHours), endedOn).days };
}
