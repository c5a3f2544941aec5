/**
 * The yearly plan (年初备案) and the visit (入企) as item types of the lifecycle kernel, as pure
 * rules: statuses, who reads them, who takes each action. Roles:
 * - a department's `handler` (its staff) files the plan and visits, cancels them and files an
 *   escalated visit with the business-environment office;
 * - its `leader` (the department's head: a leader of an office whose subtree holds the department)
 *   approves, refuses, revokes;
 * - the escalated approval (提级审批: the party secretary or the mayor) is given by a holder of one
 *   of the configured escalation roles (`VISIT_ESCALATION_ROLES`, default `leader`) in an office
 *   above the department;
 * - staff of the business-environment office (`business_environment_office`) of the department's
 *   region read every visit of that region;
 * - the enterprise visited scans the code and rates the visit; the public page scans with the code.
 */
import type { Role } from '../platform/actor.js';
import type { ItemRow, Lifecycle, Permit } from '../platform/lifecycle/index.js';
import { VISIT_STATUS_NAMES, type EscalationReason, type VisitException, type VisitKind, type VisitPolicy, type VisitStatus } from './contract.js';

/**
 * How an actor stands to a visit or a plan:
 * - `department`: its department is in the actor's office subtree;
 * - `above`: the actor's office is above the department's (the escalated approval needs a role of the policy besides);
 * - `business_office`: the actor works in a business-environment office whose region holds the department's;
 * - `enterprise`: the actor is the enterprise visited;
 * - `code`: the caller showed the visit's valid code (the public page).
 */
export type VisitRelation = 'department' | 'above' | 'business_office' | 'enterprise' | 'code';

export type VisitAction = 'approve' | 'approve-escalated' | 'refuse' | 'report-filing' | 'scan' | 'rate' | 'revoke' | 'cancel' | 'join';

export interface VisitRow extends ItemRow<VisitStatus> {
  officeId: number;
  regionCode: string;
  uscc: string;
  enterpriseName: string;
  purpose: string;
  kind: VisitKind;
  plannedDate: string;
  serviceWeek: string | null;
  members: string[];
  escalation: EscalationReason[];
  exception: VisitException | null;
  exceptionReason: string | null;
  emergency: boolean;
  emergencyReason: string | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  escalatedApprovedAt: Date | null;
  escalatedApprovedBy: string | null;
  filingDueOn: string | null;
  filedAt: Date | null;
  code: string | null;
  scannedAt: Date | null;
  unscannedAt: Date | null;
  jointVisitId: number | null;
  decisionNote: string | null;
  filedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const STAFF: readonly Role[] = ['handler', 'supervisor', 'leader'];
const pairs = (roles: readonly string[], relation: VisitRelation): Permit<VisitRelation>[] => roles.map((role) => ({ role: role as Role, relation }));

const DEPARTMENT_STAFF = pairs(['handler', 'leader'], 'department');
const HEAD = pairs(['leader'], 'department');

/** The visit's lifecycle under a policy: the escalated approval's roles are configuration. */
export function visitLifecycle(policy: Pick<VisitPolicy, 'escalationRoles'>): Lifecycle<VisitRow, VisitStatus, VisitRelation, VisitAction> {
  const escalators = pairs(policy.escalationRoles, 'above');
  const notEscalated = (v: VisitRow) => (v.escalation.length === 0
    ? { code: 'not_escalated', zh: '该入企无需提级审批，也无需到优化办备案', en: 'This visit needed no escalated approval, so it is not filed with the business-environment office' } : null);
  return {
    type: 'visit',
    label: { zh: '入企', en: 'visit' },
    statuses: VISIT_STATUS_NAMES,
    readers: [...pairs(STAFF, 'department'), ...escalators, ...pairs(STAFF, 'business_office'), { role: 'enterprise', relation: 'enterprise' }, { role: 'public', relation: 'code' }],
    scope: { zh: '（限入企部门在您的管辖范围内）', en: 'for a visit by a department in your scope' },
    create: { label: { zh: '报备', en: 'file' }, to: 'filed', permits: DEPARTMENT_STAFF },
    actions: {
      approve: { label: { zh: '审批', en: 'approve' }, from: ['filed'], permits: HEAD },
      'approve-escalated': { label: { zh: '提级审批', en: 'give the escalated approval for' }, from: ['escalating'], permits: escalators },
      refuse: { label: { zh: '不予批准', en: 'refuse' }, from: ['filed', 'escalating'], to: 'refused', permits: [...HEAD, ...escalators] },
      'report-filing': {
        label: { zh: '报优化办备案', en: 'file with the business-environment office' }, from: ['approved', 'visited', 'rated'], permits: DEPARTMENT_STAFF, unversioned: true,
        blockedBy: (v) => notEscalated(v) ?? (v.filedAt ? { code: 'already_filed', zh: '已备案', en: 'Already filed' } : null),
      },
      scan: { label: { zh: '扫码登记', en: 'scan the code of' }, from: ['approved'], to: 'visited', permits: [{ role: 'enterprise', relation: 'enterprise' }, { role: 'public', relation: 'code' }], unversioned: true },
      rate: { label: { zh: '评价', en: 'rate' }, from: ['visited'], to: 'rated', permits: [{ role: 'enterprise', relation: 'enterprise' }] },
      revoke: { label: { zh: '撤销', en: 'revoke' }, from: ['approved'], to: 'revoked', permits: HEAD },
      cancel: { label: { zh: '取消', en: 'cancel' }, from: ['filed', 'escalating', 'approved'], to: 'cancelled', permits: DEPARTMENT_STAFF },
      join: {
        label: { zh: '合并为联合入企', en: 'merge into a joint visit' }, from: ['filed', 'escalating', 'approved'], permits: [...HEAD, ...escalators, ...pairs(['leader', 'supervisor'], 'business_office')],
        blockedBy: (v) => (v.jointVisitId ? { code: 'already_joint', zh: '已是联合入企', en: 'Already part of a joint visit' } : null),
      },
    },
  };
}

/** Where a visit goes once approved as far as it needs: an emergency visit has already happened. */
export const approvedStatus = (v: Pick<VisitRow, 'emergency'>): VisitStatus => (v.emergency ? 'visited' : 'approved');

export type PlanRelation = 'department' | 'above' | 'business_office';
export type PlanAction = 'revise';

export interface PlanRow extends ItemRow<'filed'> {
  officeId: number;
  year: number;
  plannedVisits: number;
  targets: string;
  reason: string;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const PLAN_LIFECYCLE: Lifecycle<PlanRow, 'filed', PlanRelation, PlanAction> = {
  type: 'visit_plan',
  label: { zh: '年度入企计划', en: 'yearly visit plan' },
  statuses: { filed: { zh: '已备案', en: 'filed' } },
  readers: [...STAFF.map((role) => ({ role, relation: 'department' as const })), ...STAFF.map((role) => ({ role, relation: 'above' as const })), ...STAFF.map((role) => ({ role, relation: 'business_office' as const }))],
  scope: { zh: '（限本部门）', en: 'in the department' },
  create: { label: { zh: '备案', en: 'file' }, to: 'filed', permits: [{ role: 'handler', relation: 'department' }, { role: 'leader', relation: 'department' }] },
  actions: {
    revise: { label: { zh: '修改', en: 'change' }, from: ['filed'], permits: [{ role: 'handler', relation: 'department' }, { role: 'leader', relation: 'department' }] },
  },
};
