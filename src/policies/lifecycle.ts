/**
 * Policies and their pushes to enterprises as work items on the lifecycle kernel (pure: no I/O).
 *
 * A policy (惠企政策), of the kernel's publication shape (src/platform/lifecycle/publication.ts, as
 * catalogue items are): created as a draft for an issuing office; `update` edits a draft in place
 * and gives a published policy a new revision (pushed again to whom it then fits); `publish`
 * (draft or retired → published) matches it against the registry; `retire` (draft or published →
 * retired) stops it. Its editors are the administrators and leaders whose office subtree holds
 * the issuing office; every staff member reads published and retired policies, drafts only
 * their editors.
 *
 * A match (推送): one policy revision pushed to one enterprise, going pushed → read → applied →
 * granted or declined. The enterprise's own users read and apply; the policy's editors grant
 * (with the amount) or decline (with the reason); staff who read the enterprise in the registry
 * see it. A 免申即享 grant is the matching's own step, taken without an application.
 */
import type { Role } from '../platform/actor.js';
import { publicationLifecycle, type ItemRow, type Lifecycle, type Permit, type PublicationRow } from '../platform/lifecycle/index.js';
import { MATCH_STATUS_NAMES, POLICY_STATUS_NAMES, type MatchAction, type MatchStatus } from './contract.js';
import type { Benefit, Clause, Condition, Evaluation } from './contract.js';
import { beijingDate } from './eligibility.js';

export const STAFF_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
/** The issuing office's administrators and leaders (and those of the offices above it). */
export const EDIT_ROLES: readonly Role[] = ['admin', 'leader'];

export interface PolicyRow extends PublicationRow {
  officeId: number;
  title: string;
  issuingBody: string;
  documentNumber: string;
  validFrom: string;
  validTo: string | null;
  clauses: Clause[];
  benefit: Benefit;
  automaticGrant: boolean;
  conditions: Condition[];
}

const pairs = <R extends string>(roles: readonly Role[], relation: R): Permit<R>[] => roles.map((role) => ({ role, relation }));

export const POLICY_LIFECYCLE = publicationLifecycle<PolicyRow>({
  type: 'policy',
  label: { zh: '惠企政策', en: 'policy' },
  statuses: POLICY_STATUS_NAMES,
  readRoles: STAFF_ROLES,
  editRoles: EDIT_ROLES,
  scope: { zh: '（限发文单位在您的管辖范围内）', en: 'with the issuing office in your scope' },
  retireLabel: { zh: '废止', en: 'retire' },
  publishBlockedBy: (row) => (row.validTo !== null && row.validTo < beijingDate(new Date())
    ? { code: 'policy_expired', zh: `政策已于 ${row.validTo} 到期，请先修改有效期`, en: `The policy expired on ${row.validTo}; change its validity first`, httpStatus: 400 }
    : null),
});

/** `own`: the actor acts for the enterprise; `issuer`: edits the policy; `registry`: reads the enterprise in the registry. */
export type MatchRelation = 'own' | 'issuer' | 'registry';

export interface MatchRow extends ItemRow<MatchStatus> {
  policyId: number;
  revision: number;
  policyTitle: string;
  enterpriseId: number;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  industryDivision: string | null;
  evaluation: Evaluation;
  automatic: boolean;
  grantedAmount: number | null;
  declineReason: string | null;
  pushedAt: Date;
  readAt: Date | null;
  appliedAt: Date | null;
  decidedAt: Date | null;
}

const OWN: Permit<MatchRelation>[] = [{ role: 'enterprise', relation: 'own' }];
const DECIDERS = pairs(EDIT_ROLES, 'issuer' as const);

export const MATCH_LIFECYCLE: Lifecycle<MatchRow, MatchStatus, MatchRelation, MatchAction> = {
  type: 'policy_match',
  label: { zh: '政策推送', en: 'policy push' },
  statuses: MATCH_STATUS_NAMES,
  readers: [...OWN, ...DECIDERS, ...pairs(STAFF_ROLES, 'registry' as const)],
  scope: { zh: '（限本企业，或政策发文单位在您的管辖范围内）', en: 'for its own enterprise, or with the issuing office in your scope' },
  actions: {
    read: { label: { zh: '标记已读', en: 'mark read' }, from: ['pushed'], to: 'read', permits: OWN },
    apply: { label: { zh: '申请兑现', en: 'apply for' }, from: ['pushed', 'read'], to: 'applied', permits: OWN },
    grant: { label: { zh: '兑现', en: 'grant' }, from: ['applied'], to: 'granted', permits: DECIDERS },
    decline: { label: { zh: '不予兑现', en: 'decline' }, from: ['applied'], to: 'declined', permits: DECIDERS },
  },
};
