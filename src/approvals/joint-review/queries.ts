/** Scheduling through the runner, and reading joint reviews: one (its report), those of an application, the events. */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { actionsFor, canRead, createItem, GENESIS_HASH, listEvents } from '../../platform/lifecycle/index.js';
import { APPLICATION_LIFECYCLE } from '../applications/lifecycle.js';
import { loadApplication, relationsOfActor } from '../applications/store.js';
import { startingWith } from '../../platform/db/like.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import { INVITED_ROLES, JOINT_REVIEW_LIFECYCLE, jointRelationsTo, type JointReviewItem } from './lifecycle.js';
import { JOINT_REVIEW_CHAIN, loadJointReview, personName } from './store.js';
import { JOINT_REVIEW_TYPE } from './type.js';
import type { ScheduleBody } from './commands.js';
import type { JointReviewView } from './contract.js';

const LABEL = JOINT_REVIEW_LIFECYCLE.label;

/** Schedules a joint review over an application the actor's window took in or its department implements: 404 for any other. */
export async function scheduleJointReview(db: Db, actor: Actor, input: (typeof ScheduleBody)['static']): Promise<JointReviewItem> {
  if (new Set(input.departmentIds).size !== input.departmentIds.length) throw badRequest('duplicate_department', '同一部门只邀请一次', 'A department is invited once');
  const at = new Date(input.scheduledAt);
  if (Number.isNaN(at.getTime())) throw badRequest('invalid_time', `不是有效时间：${input.scheduledAt}`, `Not a time: ${input.scheduledAt}`);
  const created = await createItem(db, JOINT_REVIEW_TYPE, actor, {
    under: { label: APPLICATION_LIFECYCLE.label, id: input.applicationId },
    draft: async (tx) => {
      const application = await loadApplication(tx, input.applicationId);
      if (!application || actor.officeId === null || actor.officePath === null) return null;
      const relations = await relationsOfActor(tx, actor, application);
      if (!canRead(APPLICATION_LIFECYCLE, actor.roles, relations) || !relations.some((r) => r === 'window' || r === 'department')) return null;
      const offices = await queryRows<{ id: number; name: string; path: string }>(tx, sql`select id, name, path from offices where id = any(${`{${input.departmentIds.join(',')}}`}::int[])`);
      const unknown = input.departmentIds.filter((id) => !offices.some((o) => o.id === id));
      if (unknown.length) throw badRequest('unknown_department', `部门 ${unknown.join('、')} 不存在`, `Departments ${unknown.join(', ')} do not exist`);
      const [organiser] = await queryRows<{ name: string }>(tx, sql`select name from offices where id = ${actor.officeId}`);
      const draft: JointReviewItem = {
        id: 0, applicationId: application.id, kind: input.kind, scheduledAt: at, place: input.place.trim(), organiserOfficeId: actor.officeId, organiserName: await personName(tx, actor),
        outcome: null, reportedAt: null, cancelReason: null, status: 'scheduled', version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, createdAt: new Date(0), updatedAt: new Date(0),
        organiserOfficePath: actor.officePath, organiserOfficeName: organiser.name, itemName: application.itemName, applicantName: application.applicantName,
        applicantUscc: application.applicantUscc,
        verdicts: input.departmentIds.map((id) => {
          const o = offices.find((x) => x.id === id)!;
          return { officeId: id, officeName: o.name, officePath: o.path, verdict: null, remarks: '', recordedBy: null, recordedAt: null };
        }),
      };
      return draft;
    },
    input: { ...input },
  });
  return (await loadJointReview(db, created.id))!;
}

async function readable(db: Db, actor: Actor, id: number) {
  const item = await loadJointReview(db, id);
  if (!item || !canRead(JOINT_REVIEW_LIFECYCLE, actor.roles, jointRelationsTo(actor, item))) throw notFound(LABEL, id);
  return item;
}

export function jointReviewView(actor: Actor, r: JointReviewItem): JointReviewView {
  const records = actor.roles.some((role) => INVITED_ROLES.includes(role));
  return {
    id: r.id, applicationId: r.applicationId, itemName: r.itemName, applicantName: r.applicantName, kind: r.kind, scheduledAt: r.scheduledAt.toISOString(), place: r.place,
    organiserOfficeName: r.organiserOfficeName, organiserName: r.organiserName, status: r.status, outcome: r.outcome, reportedAt: r.reportedAt?.toISOString() ?? null,
    cancelReason: r.cancelReason, version: r.version,
    verdicts: r.verdicts.map((v) => ({ officeId: v.officeId, officeName: v.officeName, verdict: v.verdict, remarks: v.remarks, recordedBy: v.recordedBy, recordedAt: v.recordedAt?.toISOString() ?? null,
      mine: records && actor.officePath !== null && canSeeOfficePath(actor, v.officePath) })),
    ...actionsFor(JOINT_REVIEW_LIFECYCLE, r, actor.roles, jointRelationsTo(actor, r)),
  };
}

export const getJointReview = async (db: Db, actor: Actor, id: number) => jointReviewView(actor, await readable(db, actor, id));

/** How many of the actor's joint reviews the list without an application answers: the latest first. */
export const LATEST_JOINT_REVIEWS = 200;

/**
 * The joint reviews of an application the actor may see; without one, the latest the actor's
 * office organised or its department was invited to (a reviewer's way to its verdicts).
 */
export async function jointReviewsOf(db: Db, actor: Actor, applicationId?: number): Promise<JointReviewView[]> {
  const path = actor.officePath;
  if (applicationId === undefined && path === null) return [];
  const ids = await queryRows<{ id: number }>(db, applicationId !== undefined
    ? sql`select id from joint_reviews where application_id = ${applicationId} order by id`
    : sql`select j.id from joint_reviews j where exists (select 1 from offices o where o.id = j.organiser_office_id and o.path like ${startingWith(path!)})
        or exists (select 1 from joint_review_verdicts v join offices o on o.id = v.office_id where v.joint_review_id = j.id and o.path like ${startingWith(path!)})
      order by j.scheduled_at desc, j.id desc limit ${LATEST_JOINT_REVIEWS}`);
  const items = await Promise.all(ids.map(async (r) => (await loadJointReview(db, Number(r.id)))!));
  return items.filter((r) => canRead(JOINT_REVIEW_LIFECYCLE, actor.roles, jointRelationsTo(actor, r))).map((r) => jointReviewView(actor, r));
}

export async function jointReviewEvents(db: Db, actor: Actor, id: number) {
  await readable(db, actor, id);
  return listEvents(db, JOINT_REVIEW_CHAIN, id);
}
