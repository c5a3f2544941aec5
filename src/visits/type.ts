/**
 * The visit and the yearly plan as item types of the lifecycle kernel, under the policy in force,
 * and the doors people create them through.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { requireRole } from '../auth/permissions.js';
import { createItem, GENESIS_HASH, runAction, type Bilingual, type ItemType } from '../platform/lifecycle/index.js';
import { findOffice, OFFICE } from '../offices/queries.js';
import type { VisitPolicy } from './contract.js';
import { PLAN_LIFECYCLE, visitLifecycle, type PlanAction, type PlanRelation, type PlanRow, type VisitAction, type VisitRelation, type VisitRow } from './lifecycle.js';
import { PLAN_STORE, VISIT_STORE } from './store.js';
import { visitSettings, type VisitSettings } from './settings.js';
import { DEFAULT_VISIT_POLICY } from './rules.js';
import { fileVisit } from './commands/fileVisit.js';
import { approve, approveEscalated } from './commands/approve.js';
import { cancel, refuse, revoke } from './commands/decide.js';
import { reportFiling } from './commands/reportFiling.js';
import { scan } from './commands/scan.js';
import { rate } from './commands/rate.js';
import { join } from './commands/join.js';
import { filePlan, revisePlan } from './commands/plan.js';

export type VisitType = ItemType<VisitRow, VisitRow['status'], VisitRelation, VisitAction, VisitSettings>;
export type PlanType = ItemType<PlanRow, 'filed', PlanRelation, PlanAction, VisitSettings>;

export function visitType(policy: VisitPolicy): VisitType {
  return {
    lifecycle: visitLifecycle(policy),
    create: fileVisit,
    commands: { approve, 'approve-escalated': approveEscalated, refuse, 'report-filing': reportFiling, scan, rate, revoke, cancel, join },
    store: VISIT_STORE,
    settings: (db) => visitSettings(db, policy),
  };
}

export function planType(policy: VisitPolicy): PlanType {
  return { lifecycle: PLAN_LIFECYCLE, create: filePlan, commands: { revise: revisePlan }, store: PLAN_STORE, settings: (db) => visitSettings(db, policy) };
}

/** What the kernel's registry holds (audit verify walks the chains; the policy does not change them). */
export const VISIT_TYPE = visitType(DEFAULT_VISIT_POLICY);
export const PLAN_TYPE = planType(DEFAULT_VISIT_POLICY);

/** The department a filing is for: the one named, else the filer's own office. Only its staff file (the runner checks which office). */
function departmentOf(actor: Actor, officeId: number | undefined, what: Bilingual): number {
  requireRole(actor, ['handler', 'leader'], what);
  const id = officeId ?? actor.officeId;
  if (id === null || id === undefined) throw badRequest('no_department', '请指明入企部门（您不隶属任何单位）', 'Name the visiting department (you belong to no office)');
  return id;
}

const head = { version: 0, eventCount: 0, lastEventHash: GENESIS_HASH };

export async function createVisit(db: Db, type: VisitType, actor: Actor, input: Record<string, unknown> & { officeId?: number }, at?: Date): Promise<VisitRow> {
  const officeId = departmentOf(actor, input.officeId, { zh: '报备入企', en: 'file a visit' });
  return createItem(db, type, actor, {
    under: { label: OFFICE, id: officeId },
    draft: async (tx) => {
      const office = await findOffice(tx, officeId);
      const draft: VisitRow | null = office && {
        id: 0, officeId, regionCode: office.regionCode, uscc: '', enterpriseName: '', purpose: '', kind: 'other', plannedDate: '', serviceWeek: null, members: [], status: 'filed',
        escalation: [], exception: null, exceptionReason: null, emergency: false, emergencyReason: null, approvedAt: null, approvedBy: null, escalatedApprovedAt: null,
        escalatedApprovedBy: null, filingDueOn: null, filedAt: null, code: null, scannedAt: null, unscannedAt: null, jointVisitId: null, decisionNote: null,
        filedBy: null, createdAt: new Date(0), updatedAt: new Date(0), ...head,
      };
      return draft;
    },
    input, at,
  });
}

export async function createPlan(db: Db, type: PlanType, actor: Actor, input: Record<string, unknown> & { officeId?: number; year: number }): Promise<PlanRow> {
  const officeId = departmentOf(actor, input.officeId, { zh: '备案年度入企计划', en: 'file a yearly visit plan' });
  return createItem(db, type, actor, {
    under: { label: OFFICE, id: officeId },
    draft: async (tx) => (await findOffice(tx, officeId)) && {
      id: 0, officeId, year: input.year, plannedVisits: 0, targets: '', reason: '', status: 'filed', createdBy: null, createdAt: new Date(0), updatedAt: new Date(0), ...head,
    },
    input,
  });
}

/**
 * The enterprise as the runner sees its rating: the enterprise, and no person — the event of a
 * rating then names nobody (no user id, no username), and neither does anything the department reads.
 */
export const anonymousRater = (actor: Actor): Actor => (actor.roles.includes('enterprise') && actor.enterpriseUscc
  ? { userId: null, name: 'enterprise:anonymous', roles: ['enterprise'], officeId: null, officePath: null, enterpriseUscc: actor.enterpriseUscc }
  : actor);

/** The public page: whoever holds the code, proving nothing else. */
export const CODE_HOLDER: Actor = { userId: null, name: 'public:visit-code', roles: [], officeId: null, officePath: null };

export async function rateVisit(db: Db, type: VisitType, actor: Actor, id: number, version: number, input: Record<string, unknown>): Promise<VisitRow> {
  return runAction(db, type, anonymousRater(actor), { id, action: 'rate', version, input });
}
