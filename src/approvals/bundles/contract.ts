/** What the bundles API answers (types and status names; the web app reads them too). */
import type { BlockedAction } from '../../platform/contract.js';
import type { ApplicationStatus, BranchStatus, Clock } from '../applications/contract.js';

/** The bundle application's own statuses (its acts: the notice, acceptance, withdrawal). */
export const BUNDLE_APPLICATION_STATUSES = {
  received: { zh: '已收件', en: 'received' },
  incomplete: { zh: '待补正', en: 'waiting for missing materials' },
  accepted: { zh: '已受理', en: 'accepted' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const;
export type BundleApplicationStatus = keyof typeof BUNDLE_APPLICATION_STATUSES;

export const BUNDLE_ACTIONS = ['notify-missing', 'supplement', 'accept', 'withdraw'] as const;
export type BundleAction = (typeof BUNDLE_ACTIONS)[number];

/** The one status the applicant sees: the bundle's own until it is accepted, then what its parts say together. */
export const BUNDLE_PROGRESS = {
  received: { zh: '已收件', en: 'received' },
  incomplete: { zh: '待补正', en: 'waiting for missing materials' },
  in_review: { zh: '各部门审查中', en: 'in review by the departments' },
  waiting_applicant: { zh: '待申请人补充', en: 'waiting for the applicant' },
  completed: { zh: '已办结', en: 'completed' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const;
export type BundleProgress = keyof typeof BUNDLE_PROGRESS;

/** One entry of the merged checklist: a material asked once however many items list it. */
export interface MergedMaterial {
  /** `s:<name>` for a shared material, `i:<name>` for one another part's result supplies, `m:<material id>` for one item's own. */
  key: string;
  name: string;
  required: boolean;
  /** May come later under deficiency acceptance: only when every item that requires it says so. */
  deficiency: boolean;
  /** Supplied by another part's result (信息共享): never asked of the applicant. */
  internal: boolean;
  /** The items that list it, with their own material ids. */
  items: { serviceItemId: number; itemName: string; materialId: number }[];
}

export interface BundleItemView {
  serviceItemId: number;
  name: string;
  officeId: number;
  officeName: string;
  statutoryLimit: number;
  committedLimit: number;
  legalBasis: string;
}

/** A bundle (一件事) as the catalogue and the public guide show it. */
export interface BundleView {
  id: number;
  code: string;
  status: 'published' | 'retired';
  revision: number;
  version: number;
  name: string;
  description: string;
  items: BundleItemView[];
  sharedMaterials: string[];
  internalMaterials: string[];
  checklist: MergedMaterial[];
  /** The critical path of the committed limits (the longest part) against their sum one after the other, in working days. */
  committedDays: { parallel: number; serial: number };
  statutoryDays: { parallel: number; serial: number };
}

/** One part of a bundle application: its item's application as the bundle shows it. */
export interface BundlePartView {
  position: number;
  applicationId: number;
  serviceItemId: number;
  itemName: string;
  officeId: number;
  officeName: string;
  status: ApplicationStatus;
  /** Its department's branch in the open (or last) stage. */
  branchStatus: BranchStatus | null;
  /** What the department asked for, or why it refused. */
  branchReason: string | null;
  clock: Clock | null;
  certificateCode: string | null;
  resultNumber: string | null;
}

export interface CriticalPathView {
  committedDueAt: string;
  statutoryDueAt: string;
  /** The part whose committed deadline is last. */
  criticalPosition: number;
  workingDaysTaken: number;
  committedDays: { parallel: number; serial: number };
}

export interface BundleApplicationView {
  id: number;
  bundleId: number;
  bundleRevision: number;
  bundleName: string;
  applicantKind: 'enterprise' | 'person';
  applicantName: string;
  applicantUscc: string | null;
  channel: 'window' | 'online';
  ownerName: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  status: BundleApplicationStatus;
  progress: BundleProgress;
  version: number;
  checklist: (MergedMaterial & { received: boolean })[];
  /** Everything missing over the union of the parts, once each (一次告知). */
  missing: MergedMaterial[];
  parts: BundlePartView[];
  /** Null until accepted. */
  criticalPath: CriticalPathView | null;
  actions: BundleAction[];
  blockedActions: BlockedAction<BundleAction>[];
}
