/** The service visit as an item type of the lifecycle kernel, and how visits are planned. */
import type { Static } from '@sinclair/typebox';
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { createItem, GENESIS_HASH, type ItemType } from '../platform/lifecycle/index.js';
import { workingCalendar } from '../calendar/store.js';
import { isValidIsoDate } from '../calendar/rules.js';
import { findOffice } from '../offices/queries.js';
import { findUser } from '../people/queries.js';
import { findEnterprise, normaliseUscc } from '../enterprises/index.js';
import { SERVICE_VISIT_LIFECYCLE, type Relation, type ServiceVisitItem } from './lifecycle.js';
import { SERVICE_VISIT_STORE } from './store.js';
import { plan, PlanBody, SERVICE_VISIT_COMMANDS, type ServiceVisitSettings } from './commands/visits.js';
import type { ServiceVisitAction, ServiceVisitStatus } from './contract.js';

export const SERVICE_VISIT_TYPE: ItemType<ServiceVisitItem, ServiceVisitStatus, Relation, ServiceVisitAction, ServiceVisitSettings> = {
  lifecycle: SERVICE_VISIT_LIFECYCLE,
  create: plan,
  commands: SERVICE_VISIT_COMMANDS,
  store: SERVICE_VISIT_STORE,
  settings: async (db) => ({ calendar: await workingCalendar(db) }),
};

export type PlanInput = Static<typeof PlanBody>;

/** For a visit the service-day schedule plans: the assignment and month it is for (one visit each). */
export interface ScheduledFor {
  assignmentId: number;
  serviceMonth: string;
}

/** The visit as it would start: the enterprise from the registry, the organising office, the leader checked. */
async function draftVisit(tx: Db, input: PlanInput, scheduled?: ScheduledFor): Promise<ServiceVisitItem> {
  if (!isValidIsoDate(input.plannedOn)) throw badRequest('invalid_date', `日期 ${input.plannedOn} 不存在`, `There is no date ${input.plannedOn}`);
  const uscc = normaliseUscc(input.uscc);
  const enterprise = await findEnterprise(tx, uscc);
  if (!enterprise) throw badRequest('unknown_enterprise', `企业库中没有统一社会信用代码为 ${uscc} 的企业`, `The enterprise registry holds no enterprise ${uscc}`);
  const office = await findOffice(tx, input.officeId);
  if (!office) throw badRequest('unknown_office', `单位 ${input.officeId} 不存在`, `Office ${input.officeId} does not exist`);
  const leaderUserId = input.leaderUserId ?? null;
  if (leaderUserId !== null) {
    const leader = await findUser(tx, leaderUserId);
    if (!leader || !leader.active || !leader.roles.includes('leader')) {
      throw badRequest('not_a_leader', `用户 ${leaderUserId} 不是在岗的领导`, `User ${leaderUserId} is not an active leader`);
    }
  }
  if (input.kind === 'leader' && leaderUserId === null) throw badRequest('leader_required', '包联领导走访须指明领导', 'An assigned leader\'s visit names the leader');
  return {
    id: 0, kind: input.kind, uscc, enterpriseName: enterprise.name, regionCode: enterprise.regionCode, officeId: office.id, leaderUserId,
    assignmentId: scheduled?.assignmentId ?? null, serviceMonth: scheduled?.serviceMonth ?? null, plannedOn: input.plannedOn, heldOn: null,
    members: [], purpose: '', matters: [], summary: null, status: 'planned', createdBy: null, createdAt: new Date(0), updatedAt: new Date(0),
    version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, officePath: office.path, unsolvedProblems: 0,
  };
}

export function planServiceVisit(db: Db, actor: Actor, input: PlanInput, scheduled?: ScheduledFor): Promise<ServiceVisitItem> {
  return createItem(db, SERVICE_VISIT_TYPE, actor, {
    under: { label: { zh: '单位', en: 'office' }, id: input.officeId },
    draft: (tx) => draftVisit(tx, input, scheduled),
    input,
  });
}
