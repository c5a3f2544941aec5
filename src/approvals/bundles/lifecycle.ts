/**
 * A bundle application (一件事办件) as an item type of the lifecycle kernel, as pure rules. Its
 * own acts are the window's and the applicant's on the whole: the one-time notice over the union
 * of the parts, the supplement, acceptance (each part accepted under its own item's rules and sent
 * to its department at once) and withdrawal. Each part's decision is its own application's
 * (sign, approve, refuse, ask for more, supply; conclude, issue, deliver, review).
 *
 * received → (notify-missing → incomplete → supplement → received) → accept → accepted; withdraw → withdrawn.
 *
 * Relations: `window` (the window that took it in is in the actor's subtree; an online one: any
 * part's department is), `applicant` (the enterprise that applied), `part` (a part's department
 * is in the actor's subtree: its reviewers see the bundle and their own parts).
 */
import type { Actor } from '../../platform/actor.js';
import type { BlockedReason, ItemRow, Lifecycle, Permit } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import type { ApplicationItem } from '../applications/lifecycle.js';
import { BUNDLE_APPLICATION_STATUSES, type BundleAction, type BundleApplicationStatus, type MergedMaterial } from './contract.js';

export type BundleRelation = 'window' | 'applicant' | 'part';

export interface BundleApplicationRecord extends ItemRow<BundleApplicationStatus> {
  bundleId: number;
  bundleRevision: number;
  applicantKind: 'enterprise' | 'person';
  applicantName: string;
  applicantUscc: string | null;
  channel: 'window' | 'online';
  windowOfficeId: number | null;
  ownerName: string | null;
  receivedAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the runner holds: the row, its definition's name and merged checklist, and its parts in order. */
export interface BundleApplicationItem extends BundleApplicationRecord {
  bundleName: string;
  /** The revision's items, in order: one part each. */
  itemIds: number[];
  windowOfficePath: string | null;
  checklist: MergedMaterial[];
  parts: ApplicationItem[];
}

const WINDOW: Permit<BundleRelation> = { role: 'window_agent', relation: 'window' };
const APPLICANT: Permit<BundleRelation> = { role: 'enterprise', relation: 'applicant' };

const none = (a: BundleApplicationItem, statuses: readonly string[]) => a.parts.every((p) => !statuses.includes(p.status));

export const BUNDLE_APPLICATION_LIFECYCLE: Lifecycle<BundleApplicationItem, BundleApplicationStatus, BundleRelation, BundleAction> = {
  type: 'bundle-application',
  label: { zh: '一件事办件', en: 'bundle application' },
  statuses: BUNDLE_APPLICATION_STATUSES,
  readers: [WINDOW, APPLICANT, { role: 'reviewer', relation: 'part' }, { role: 'leader', relation: 'window' }, { role: 'leader', relation: 'part' }],
  scope: {
    zh: '（限本窗口受理或有事项由本部门审查的一件事办件，企业限本企业的）',
    en: 'for bundle applications your window took in or with a part your department decides (an enterprise: its own)',
  },
  create: { label: { zh: '受理一件事申请', en: 'take in' }, to: 'received', permits: [WINDOW, APPLICANT] },
  actions: {
    'notify-missing': { label: { zh: '一次告知补正材料', en: 'tell the applicant what is missing' }, from: ['received'], to: 'incomplete', permits: [WINDOW] },
    supplement: { label: { zh: '补正材料', en: 'supplement materials' }, from: ['incomplete'], to: 'received', permits: [WINDOW, APPLICANT] },
    accept: { label: { zh: '受理并分送各部门并联审批', en: 'accept and send each part to its department' }, from: ['received', 'incomplete'], to: 'accepted', permits: [WINDOW] },
    withdraw: {
      label: { zh: '撤回申请', en: 'withdraw' }, from: ['received', 'incomplete', 'accepted'], to: 'withdrawn', permits: [WINDOW, APPLICANT],
      blockedBy: (a): BlockedReason | null => (none(a, ['received', 'incomplete', 'accepted', 'in_review'])
        ? { code: 'nothing_to_withdraw', zh: '各事项均已作出决定，不能撤回', en: 'Every part has been decided; there is nothing left to withdraw' } : null),
    },
  },
};

export function bundleRelationsTo(actor: Actor, a: BundleApplicationItem): BundleRelation[] {
  const relations: BundleRelation[] = [];
  const sees = (path: string | null) => path !== null && actor.officePath !== null && canSeeOfficePath(actor, path);
  const window = a.windowOfficePath ? sees(a.windowOfficePath) : a.channel === 'online' && a.parts.some((p) => sees(p.officePath));
  if (window) relations.push('window');
  if (actor.roles.includes('enterprise') && a.applicantUscc !== null && actor.enterpriseUscc === a.applicantUscc) relations.push('applicant');
  if (a.parts.some((p) => sees(p.officePath))) relations.push('part');
  return relations;
}
