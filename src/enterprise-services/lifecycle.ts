/**
 * A service visit (政务服务进企业 / 企业服务日 / 包联领导走访) as an item type of the lifecycle
 * kernel, as pure rules: its statuses, who reads it, who plans, records, closes and cancels it.
 * The visit is planned, held (what the enterprise raised recorded as three lists, more added
 * while it is open), and closed by a leader once every problem's case has its answer.
 */
import { type BlockedReason, type ItemRow, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import type { Actor } from '../platform/actor.js';
import { seesEverything } from '../auth/permissions.js';
import { SERVICE_VISIT_STATUS_NAMES, type RaisedKind, type ServiceVisitAction, type ServiceVisitKind, type ServiceVisitStatus } from './contract.js';

/**
 * How the actor stands to a visit:
 * - `organiser`: the organising office is in the actor's subtree;
 * - `assigned`: the actor is the visit's leader;
 * - `visited`: the actor is the enterprise visited.
 */
export type Relation = 'organiser' | 'assigned' | 'visited';

export interface StoredMatter {
  key: string;
  kind: RaisedKind;
  text: string;
  recordedAt: string;
}

export interface ServiceVisitRow extends ItemRow<ServiceVisitStatus> {
  kind: ServiceVisitKind;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  officeId: number;
  leaderUserId: number | null;
  assignmentId: number | null;
  serviceMonth: string | null;
  plannedOn: string;
  heldOn: string | null;
  members: string[];
  purpose: string;
  matters: StoredMatter[];
  summary: string | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The row as the runner holds it, with where its office sits and how many problems still wait for their answer. */
export interface ServiceVisitItem extends ServiceVisitRow {
  officePath: string;
  unsolvedProblems: number;
}

export function relationsTo(actor: Actor, v: Pick<ServiceVisitItem, 'officePath' | 'leaderUserId' | 'uscc'>): Relation[] {
  const out: Relation[] = [];
  if (actor.officePath ? v.officePath.startsWith(actor.officePath) : seesEverything(actor)) out.push('organiser');
  if (actor.userId !== null && actor.userId === v.leaderUserId) out.push('assigned');
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc === v.uscc) out.push('visited');
  return out;
}

const ORGANISERS: readonly Permit<Relation>[] = (['leader', 'handler', 'admin'] as const).map((role) => ({ role, relation: 'organiser' }));
const HOLDERS: readonly Permit<Relation>[] = [{ role: 'leader', relation: 'organiser' }, { role: 'handler', relation: 'organiser' }, { role: 'leader', relation: 'assigned' }];
const CLOSERS: readonly Permit<Relation>[] = [{ role: 'leader', relation: 'organiser' }, { role: 'leader', relation: 'assigned' }];

function problemsOpen(v: ServiceVisitItem): BlockedReason | null {
  return v.unsolvedProblems > 0
    ? { code: 'problems_open', zh: `还有 ${v.unsolvedProblems} 个问题的诉求尚未办结`, en: `${v.unsolvedProblems} problem(s) still wait for their case to be answered`, details: { unsolved: v.unsolvedProblems } }
    : null;
}

export const SERVICE_VISIT_LIFECYCLE: Lifecycle<ServiceVisitItem, ServiceVisitStatus, Relation, ServiceVisitAction> = {
  type: 'service_visit',
  label: { zh: '走访', en: 'service visit' },
  statuses: SERVICE_VISIT_STATUS_NAMES,
  readers: [
    ...(['leader', 'handler', 'supervisor', 'admin', 'agent', 'dispatcher'] as const).map((role) => ({ role, relation: 'organiser' as const })),
    { role: 'leader', relation: 'assigned' }, { role: 'enterprise', relation: 'visited' },
  ],
  scope: { zh: '（限本单位及下级单位组织的走访，或由您包联走访的）', en: 'for visits your office or one under it organises, or that you lead' },
  create: { label: { zh: '安排', en: 'plan' }, to: 'planned', permits: ORGANISERS },
  actions: {
    record: { label: { zh: '记录走访情况', en: 'record what the enterprise raised' }, from: ['planned', 'held'], to: 'held', permits: HOLDERS },
    close: { label: { zh: '办结', en: 'close' }, from: ['held'], to: 'closed', permits: CLOSERS, blockedBy: problemsOpen },
    cancel: { label: { zh: '取消', en: 'cancel' }, from: ['planned'], to: 'cancelled', permits: ORGANISERS },
  },
};
