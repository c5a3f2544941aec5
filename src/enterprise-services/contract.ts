/**
 * What the enterprise-services API answers (政务服务进企业, 企业服务日, 包联, 领导坐班): reference
 * lists and view types, shared with the web app. Constants and types only.
 */
import type { Bilingual, BlockedAction } from '../platform/contract.js';

/** The three lists a service visit records of what the enterprise raised. */
export const RAISED_KINDS = ['problem', 'need', 'suggestion'] as const;
export type RaisedKind = (typeof RAISED_KINDS)[number];
export const RAISED_KIND_NAMES: Record<RaisedKind, Bilingual> = {
  problem: { zh: '问题', en: 'problem' }, need: { zh: '需求', en: 'need' }, suggestion: { zh: '建议', en: 'suggestion' },
};

export const SERVICE_VISIT_KINDS = ['service_team', 'service_day', 'leader'] as const;
export type ServiceVisitKind = (typeof SERVICE_VISIT_KINDS)[number];
export const SERVICE_VISIT_KIND_NAMES: Record<ServiceVisitKind, Bilingual> = {
  service_team: { zh: '服务专班走访', en: 'service team visit' },
  service_day: { zh: '企业服务日', en: 'enterprise service day' },
  leader: { zh: '包联领导走访', en: 'assigned leader\'s visit' },
};

export const SERVICE_VISIT_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type ServiceVisitStatus = (typeof SERVICE_VISIT_STATUSES)[number];
export const SERVICE_VISIT_STATUS_NAMES: Record<ServiceVisitStatus, Bilingual> = {
  planned: { zh: '已安排', en: 'planned' }, held: { zh: '已走访', en: 'held' }, closed: { zh: '已办结', en: 'closed' }, cancelled: { zh: '已取消', en: 'cancelled' },
};

export const SERVICE_VISIT_ACTIONS = ['record', 'close', 'cancel'] as const;
export type ServiceVisitAction = (typeof SERVICE_VISIT_ACTIONS)[number];

export type DutyHalf = 'am' | 'pm';
export const DUTY_HALF_NAMES: Record<DutyHalf, Bilingual> = { am: { zh: '上午', en: 'morning' }, pm: { zh: '下午', en: 'afternoon' } };

/** One thing the enterprise raised; a problem is an appeal case of its own, whose progress shows here. */
export interface RaisedMatterView {
  key: string;
  kind: RaisedKind;
  text: string;
  recordedAt: string;
  case: { id: number; code: string; status: string; statusName: Bilingual; solved: boolean } | null;
}

export interface ServiceVisitView {
  id: number;
  status: ServiceVisitStatus;
  version: number;
  kind: ServiceVisitKind;
  uscc: string;
  enterpriseName: string;
  officeId: number;
  officeName: string;
  leaderUserId: number | null;
  leaderName: string | null;
  plannedOn: string;
  heldOn: string | null;
  members: string[];
  purpose: string;
  summary: string | null;
  matters: RaisedMatterView[];
  /** The seed's count: problems raised (线索) and how many of their cases have their answer. */
  problems: number;
  solved: number;
  createdAt: string;
  actions: string[];
  blockedActions: BlockedAction[];
}

export type ServiceVisitSummary = Omit<ServiceVisitView, 'matters' | 'members' | 'purpose' | 'summary' | 'actions' | 'blockedActions'>;

export interface ServiceVisitInput {
  kind: ServiceVisitKind;
  uscc: string;
  officeId: number;
  leaderUserId?: number | null;
  plannedOn: string;
  members?: string[];
  purpose: string;
}

/** 包联: a leader answers for a key enterprise over a period. */
export interface LeaderAssignmentView {
  id: number;
  version: number;
  leaderUserId: number;
  leaderName: string;
  leaderOfficeId: number;
  uscc: string;
  enterpriseName: string;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
}

export interface DutySlotView {
  id: number;
  date: string;
  half: DutyHalf;
  leaderUserId: number;
  leaderName: string;
  /** The calls the leader took on the hotline in the half day (cases of the leader-hotline channel). */
  calls: { id: number; code: string; title: string; acceptedAt: string }[];
}

/** A year's service visits by organising office: the seed's visits, leads and leads solved. */
export interface ServiceVisitFigures {
  year: number;
  rows: { officeId: number; officeName: string; visits: number; held: number; problems: number; solved: number; needs: number; suggestions: number }[];
}
