/**
 * What the appeals API (诉求) speaks, shared by the server and the web app: the codes of statuses,
 * actions, timeline events, types, priorities, channels and the rest, with their names; and the
 * shapes of the JSON — a case as shown, its events, intake and action inputs, the public door.
 * Types and constants only — no imports — so the browser bundle can take it as it is. The rules
 * that use this vocabulary (who may do what, deadlines, masking) stay in the server modules that
 * apply them (lifecycle.ts, deadlines.ts, record.ts). The rectification ledger speaks its own
 * (src/rectification/contract.ts).
 */

export type Bilingual = { zh: string; en: string };

// ---------------------------------------------------------------------------------------------
// Statuses, actions and timeline events (rules: lifecycle.ts)

export const CASE_STATUSES = ['accepted', 'answered', 'dispatched', 'handling', 'replied', 'reviewed', 'closed', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_NAMES: Record<CaseStatus, Bilingual> = {
  accepted: { zh: '已受理', en: 'accepted' },
  answered: { zh: '已直接答复', en: 'answered directly' },
  dispatched: { zh: '已派单待签收', en: 'dispatched, awaiting signing' },
  handling: { zh: '办理中', en: 'being handled' },
  replied: { zh: '已答复待审核', en: 'replied, awaiting review' },
  reviewed: { zh: '已审核待回访', en: 'reviewed, awaiting return visit' },
  closed: { zh: '已办结', en: 'closed' },
  merged: { zh: '已合并', en: 'merged' },
};

/** A case still being worked on: not answered directly, closed or merged away. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['accepted', 'dispatched', 'handling', 'replied', 'reviewed'];

export const CASE_ACTIONS = [
  'answer', 'dispatch', 'sign', 'return', 'transfer', 'reply', 'review', 'request-extension', 'decide-extension',
  'return-visit', 'close', 'reopen', 'merge', 'supervise', 'escalate', 'instruct', 'comment', 'pause-clock', 'resume-clock', 'evaluate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_NAMES: Record<CaseAction | 'create', Bilingual> = {
  create: { zh: '受理', en: 'take in' },
  answer: { zh: '直接答复', en: 'answer directly' },
  dispatch: { zh: '派单', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign for' },
  return: { zh: '退单', en: 'return' },
  transfer: { zh: '转办', en: 'transfer' },
  reply: { zh: '答复', en: 'reply' },
  review: { zh: '审核', en: 'review' },
  'request-extension': { zh: '申请延期', en: 'request an extension' },
  'decide-extension': { zh: '审批延期', en: 'decide an extension' },
  'return-visit': { zh: '回访', en: 'record a return visit' },
  close: { zh: '办结', en: 'close' },
  reopen: { zh: '重办', en: 'reopen' },
  merge: { zh: '合并重复件', en: 'merge as a duplicate' },
  supervise: { zh: '督办', en: 'supervise' },
  escalate: { zh: '上报', en: 'escalate' },
  instruct: { zh: '批示', en: 'instruct' },
  comment: { zh: '备注', en: 'comment' },
  'pause-clock': { zh: '暂停计时', en: 'pause the clock' },
  'resume-clock': { zh: '恢复计时', en: 'resume the clock' },
  evaluate: { zh: '评价', en: 'evaluate' },
};

/** Everything that can appear on a case's timeline: intake, the actions, and the system's own entries. */
export const EVENT_ACTIONS = ['create', ...CASE_ACTIONS, 'merged-in', 'attach', 'deadline', 'rectification-plan', 'rectification-progress'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const EVENT_NAMES: Record<EventAction, Bilingual> = {
  ...ACTION_NAMES,
  'merged-in': { zh: '并入重复件', en: 'duplicate merged in' },
  attach: { zh: '上传附件', en: 'attachment added' },
  deadline: { zh: '时限预警', en: 'deadline warning' },
  'rectification-plan': { zh: '整改计划', en: 'rectification plan' },
  'rectification-progress': { zh: '整改进展', en: 'rectification progress' },
};

// ---------------------------------------------------------------------------------------------
// What a case is: type, priority, channel, requester (rules: deadlines.ts, record.ts)

export const CASE_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const TYPE_NAMES: Record<CaseType, Bilingual> = {
  consultation: { zh: '咨询', en: 'consultation' },
  help: { zh: '求助', en: 'request for help' },
  complaint: { zh: '投诉', en: 'complaint' },
  report: { zh: '举报', en: 'report' },
  suggestion: { zh: '建议', en: 'suggestion' },
  praise: { zh: '表扬', en: 'praise' },
};

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline', 'visit_rating', 'approval_review'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_NAMES: Record<Channel, Bilingual> = {
  hotline: { zh: '12345热线', en: '12345 hotline' },
  web: { zh: '网站/移动端', en: 'web or mobile form' },
  enterprise_portal: { zh: '企业服务平台', en: 'enterprise portal' },
  mailbox: { zh: '局长信箱', en: "director's mailbox" },
  wechat_group: { zh: '政企微信群', en: 'government–enterprise group' },
  onsite_visit: { zh: '入企走访', en: 'on-site visit' },
  supervisor_report: { zh: '监督员报送', en: 'supervisor report' },
  leader_hotline: { zh: '领导坐班接听', en: 'leader hotline duty' },
  visit_rating: { zh: '入企评价投诉', en: 'complaint in a visit rating' },
  approval_review: { zh: '政务服务差评', en: 'bad review of a government service' },
};

/** Doors only an enterprise uses: for a requester hidden from the viewer the channel is not shown (null) either. */
export const CHANNELS_NAMING_REQUESTER: readonly Channel[] = ['enterprise_portal', 'wechat_group', 'visit_rating'];

/** Channels no person takes in: the system opens the case from another module's event (a complaint in a visit's rating, a bad review of an application). */
export const SYSTEM_CHANNELS: readonly Channel[] = ['visit_rating', 'approval_review'];

/** The roles that take appeals in (role codes as in src/platform/actor.ts), and the public web form. */
export type IntakeDoor = 'agent' | 'dispatcher' | 'supervisor' | 'leader' | 'handler' | 'enterprise' | 'public';

/** Which channels each role takes in; the public web form and the enterprise portal are their own doors. */
export const CHANNELS_BY_ROLE: Readonly<Record<IntakeDoor, readonly Channel[]>> = {
  agent: ['hotline', 'web', 'mailbox', 'wechat_group', 'onsite_visit'],
  dispatcher: ['hotline', 'web', 'mailbox', 'wechat_group', 'onsite_visit'],
  supervisor: ['supervisor_report', 'onsite_visit'],
  leader: ['leader_hotline', 'onsite_visit'],
  handler: ['onsite_visit'],
  enterprise: ['enterprise_portal'],
  public: ['web'],
  // Opened by the appeals loop itself when an application is reviewed badly (好差评), never by a person.
};

export const REQUESTER_KINDS = ['person', 'enterprise', 'anonymous'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Deadlines, visits, supervision and closing

export const DUE_STATES = ['on_time', 'due_soon', 'overdue'] as const;

/**
 * The orders of the case list (`GET /api/cases?sort=`): received (the default, newest first as
 * `-received`), the running deadline (soonest first; cases without a running clock last), status
 * in the lifecycle's order, code; a leading `-` reverses.
 */
export const CASE_SORT_KEYS = ['received', 'deadline', 'status', 'code'] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
export type CaseSort = CaseSortKey | `-${CaseSortKey}`;
export const CASE_SORTS: readonly CaseSort[] = CASE_SORT_KEYS.flatMap((k) => [k, `-${k}`] as const);

/** One case's answer in a bulk dispatch (POST /api/cases/bulk-dispatch): dispatched, or the refusal it met (409 stale, 4xx). */
export type BulkDispatchResult =
  | { id: number; ok: true; status: 200; case: ActionResult }
  | { id: number; ok: false; status: number; code: string; messageZh: string; messageEn: string };
export type DueState = (typeof DUE_STATES)[number];

export const DUE_STATE_NAMES: Record<DueState, Bilingual> = {
  on_time: { zh: '正常', en: 'on time' },
  due_soon: { zh: '临期', en: 'due soon' },
  overdue: { zh: '超期', en: 'overdue' },
};

/** The step a running clock times: signing for the case, or replying. */
export type DeadlineStep = 'sign' | 'reply';

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const SATISFACTION_NAMES: Record<Satisfaction, Bilingual> = {
  satisfied: { zh: '满意', en: 'satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'unsatisfied' },
};

/** How a return visit went: the requester reached, not reachable, or refusing the visit. */
export const VISIT_CONTACTS = ['reached', 'unreachable', 'refused'] as const;
export type VisitContact = (typeof VISIT_CONTACTS)[number];

/** Supervision notices (督办), in rising order: normal, yellow card, red card. */
export const SUPERVISION_LEVELS = ['normal', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

/** Why a handler stops the clock: waiting on the requester, or a step that does not count (testing, appraisal). */
export const PAUSE_REASONS = ['awaiting_requester', 'excluded_step'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const REVIEW_DECISIONS = ['accept', 'send_back'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where a matter outside the hotline's scope belongs (国办函〔2025〕66号): closing an undispatched case. */
export const OUT_OF_SCOPE_ROUTES = [
  'emergency_110', 'emergency_119', 'emergency_120', 'emergency_122', 'court', 'arbitration', 'discipline',
  'administrative_review', 'information_disclosure', 'petition',
] as const;
export type OutOfScopeRoute = (typeof OUT_OF_SCOPE_ROUTES)[number];

export const OUT_OF_SCOPE_ROUTE_NAMES: Record<OutOfScopeRoute, Bilingual> = {
  emergency_110: { zh: '110 报警', en: 'police (110)' },
  emergency_119: { zh: '119 火警', en: 'fire service (119)' },
  emergency_120: { zh: '120 急救', en: 'ambulance (120)' },
  emergency_122: { zh: '122 交通事故报警', en: 'traffic accidents (122)' },
  court: { zh: '人民法院诉讼', en: 'the courts' },
  arbitration: { zh: '仲裁', en: 'arbitration' },
  discipline: { zh: '纪检监察机关', en: 'discipline inspection and supervision bodies' },
  administrative_review: { zh: '行政复议', en: 'administrative review' },
  information_disclosure: { zh: '政府信息公开申请', en: 'a government information disclosure request' },
  petition: { zh: '信访', en: 'the petition (letters and visits) route' },
};

// ---------------------------------------------------------------------------------------------
// A case as shown (`GET /api/cases/:id`, `GET /api/cases`; built by view.ts)

/** The running step's deadline. */
export interface Deadline {
  step: DeadlineStep;
  dueAt: string;
  state: DueState;
  /** Office minutes left; negative once overdue. */
  minutesLeft: number;
  paused: boolean;
}

/** The requester as the server shows them to this viewer: masked phone, or hidden (保密), kind and all. */
export interface RequesterView {
  /** Null when hidden: that a protected requester is an enterprise already narrows who they are. */
  kind: RequesterKind | null;
  name: string | null;
  phone: string | null;
  uscc: string | null;
  hidden: boolean;
}

export interface PendingExtension {
  days: number;
  reason: string;
  requestedBy: string;
  at: string;
}

/** The return visit as recorded; the codes are stored JSON, so they are read as any string too. */
export interface CaseVisit {
  contact: VisitContact | string;
  resolved: boolean | null;
  satisfaction: Satisfaction | string | null;
  note?: string;
  at: string;
}

/** The requester's own evaluation (stored JSON, as the visit). */
export interface CaseEvaluation {
  satisfaction: Satisfaction | string;
  comment?: string;
  at: string;
}

export interface CaseView {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  /** Null when it would name a requester hidden from this viewer (CHANNELS_NAMING_REQUESTER). */
  channel: Channel | null;
  type: CaseType;
  priority: Priority;
  title: string;
  content: string;
  address: string | null;
  /** Where the matter is as coordinates, when the requester gave them (a phone's position, an Open311 lat/long); read for one case (`GET /api/cases/:id`, action answers), not in lists. */
  location?: GeoPoint | null;
  regionCode: string | null;
  categoryId: number | null;
  requester: RequesterView;
  confidential: boolean;
  intakeOfficeId: number;
  intakeOfficeName: string | null;
  leadOfficeId: number | null;
  leadOfficeName: string | null;
  assistingOfficeIds: number[];
  assistingOfficeNames: string[];
  acceptedAt: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  reviewedAt: string | null;
  closedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  /** The running step's deadline, or null when no clock runs (not dispatched, or replied). */
  deadline: Deadline | null;
  /**
   * Once replied, how long the reply took against its limit, in office minutes from the reply
   * clock's start (pauses and extensions count on both sides, as the deadline moved with them);
   * a case finished without a reply deadline (answered at once, closed as out of scope) from its
   * acceptance against its type's reply limit; null before then, and for the requester (an internal mark).
   */
  replyTime: { minutes: number; limitMinutes: number; late: boolean } | null;
  dueState: DueState;
  wasOverdue: boolean;
  clockPaused: boolean;
  pendingExtension: PendingExtension | null;
  extensionsGranted: number;
  reply: string | null;
  outcome: string | null;
  visit: CaseVisit | null;
  evaluation: CaseEvaluation | null;
  supervisionLevel: SupervisionLevel | string | null;
  /** How often offices returned, transferred or escalated it; null for its requester (the offices' business). */
  returnCount: number | null;
  transferCount: number | null;
  reopenCount: number;
  escalationLevel: number | null;
  mergedIntoId: number | null;
  /** The actions open to the viewer now, for the web client's buttons. */
  actions: CaseAction[];
  /** Actions the viewer's role allows in this status but the case's own state blocks, with the reason (disabled buttons); the kernel's BlockedAction. */
  blockedActions: { action: CaseAction; code: string; messageZh: string; messageEn: string }[];
}

/** What an action answers when the case left the actor's sight (a return, a transfer down, an escalation). */
export interface HiddenCase {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  visible: false;
}

/** `POST /api/cases/:id/:action` */
export type ActionResult = CaseView | HiddenCase;

/** `GET /api/cases` */
export interface CasePage {
  items: CaseView[];
  total: number;
  page: number;
  pageSize: number;
}

/** What an event of a case's timeline records (its hash covers all of it): the kernel's EventRecord (platform/contract.ts) spelled out, as this file imports nothing. */
export interface CaseEventContent {
  caseId: number;
  seq: number;
  at: string;
  /** An EventAction; read as any string, so an entry added later still shows. */
  action: string;
  actorUserId: number | null;
  actorName: string;
  actorOfficeId: number | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  data: Record<string, unknown>;
}

/** One entry of a case's hash-chained timeline (`GET /api/cases/:id/events`, in `items`). */
export interface CaseEvent extends CaseEventContent {
  prevHash: string;
  hash: string;
}

/**
 * `GET /api/cases/:id/events`: staff get every event, hash-chained; a viewer who reads the case
 * only as its requester gets the steps the public door shows (PublicStep), the same projection
 * whether they log in or look it up by code and secret.
 */
/**
 * The timeline as its reader may see it. Staff also get the names of every office the events name
 * (who acted, where the case went), also offices outside their own tree, so that no page shows an id.
 */
export type CaseTimelineView = { audience: 'staff'; items: CaseEvent[]; officeNames: Record<string, string> } | { audience: 'requester'; items: PublicStep[] };

/** A point on the earth in WGS 84 degrees, as browsers and Open311 (lat/long) give it. */
export interface GeoPoint {
  lat: number;
  long: number;
}

// ---------------------------------------------------------------------------------------------
// Attachments (`/api/cases/:id/attachments`, `POST /api/public/appeals/:code/attachments`)

/**
 * The part of a case a file belongs to, which decides who sees it: `appeal` — the requester's
 * material, or what the hotline took in with the appeal (the requester sees it); `reply` — sent
 * with the reply (the requester sees it once they see the reply); `internal` — the offices'
 * working files (never shown to the requester).
 */
export const ATTACHMENT_PARTS = ['appeal', 'reply', 'internal'] as const;
/** How many files one case holds. */
export const MAX_ATTACHMENTS_PER_CASE = 20;
export type AttachmentPart = (typeof ATTACHMENT_PARTS)[number];

export interface CaseAttachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  part: AttachmentPart;
}

// ---------------------------------------------------------------------------------------------
// Intake (`POST /api/cases`, `GET /api/cases/intake-hints`)

export interface IntakeInput {
  channel: Channel;
  type: CaseType;
  priority?: Priority;
  title: string;
  content: string;
  address?: string | null;
  /** Where the matter is as coordinates (WGS 84). */
  location?: GeoPoint | null;
  /** GB/T 2260 code of where the matter is; decides the hotline centre for online appeals. */
  regionCode?: string | null;
  categoryId?: number | null;
  requester: { kind: RequesterKind; name?: string | null; phone?: string | null; uscc?: string | null };
  /** The requester asked that their identity be kept from those handling the case (reports always are). */
  confidential?: boolean;
  /** Also send the lookup secret to the requester's phone by text message (the SMS channel, NOTIFY_SMS_WEBHOOK_URL). */
  sendSecretBySms?: boolean;
}

export interface CreatedCase {
  id: number;
  code: string;
  version: number;
  status: 'accepted';
  /** Issued at the public door and for a named requester: shown once; with the code it lets them follow the case on the public page. */
  lookupSecret?: string;
  /** The secret was queued as a text message to the requester's phone. */
  secretSentBySms?: boolean;
}

/** An earlier case of the caller on the phone (same number), as intake shows it before anything else is typed. */
export interface CallerCase {
  id: number;
  code: string;
  type: CaseType;
  title: string;
  status: CaseStatus;
  acceptedAt: string;
  /** The office's reply, once there is one. */
  reply: string | null;
  repliedAt: string | null;
}

/** A likely duplicate (重复件) of an appeal being taken in: same requester or address, similar text, recent. */
export interface DuplicateHint {
  id: number;
  code: string;
  title: string;
  status: CaseStatus;
  acceptedAt: string;
  sameRequester: boolean;
  sameAddress: boolean;
  /** Share of the new text's terms found in this case, 0–1. */
  similarity: number;
}

// ---------------------------------------------------------------------------------------------
// The category tree (诉求分类) and the dispatch catalogue (派单目录) (catalogue.ts)

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  /** Ids from the root, e.g. `/1/7/`. */
  path: string;
  /** Words callers use for it that the name does not hold (油烟 for 大气污染), for search and suggestion. */
  keywords: string[];
  active: boolean;
  version: number;
}

/** A category suggested at intake from the appeal's text, and why. */
export interface CategorySuggestion {
  categoryId: number;
  /** "生态环境 / 大气污染". */
  path: string;
  /** `keyword`: the text holds its name or a keyword (`word`); `similar_cases`: similar past cases were filed under it (`cases` of them). */
  reason: 'keyword' | 'similar_cases';
  word?: string;
  cases?: number;
}

/** Which office owns a category in a region (`GET /api/dispatch-catalogue`, `GET /api/cases/:id/dispatch-suggestions`). */
export interface DispatchRule {
  id: number;
  categoryId: number;
  categoryName: string;
  regionCode: string;
  regionName: string;
  officeId: number;
  officeName: string;
  note: string | null;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// The input of each action (the schemas: commands/actions.ts); `version` goes along with it.

export interface ActionInputs {
  answer: { answer: string; knowledgeArticleId?: number };
  dispatch: { leadOfficeId: number; assistingOfficeIds?: number[]; note?: string };
  sign: Record<string, never>;
  return: { reason: string };
  transfer: { toOfficeId: number; reason: string };
  reply: { reply: string };
  review: { decision: ReviewDecision; note?: string };
  'request-extension': { days: number; reason: string };
  'decide-extension': { approve: boolean; note?: string };
  'return-visit': { contact: VisitContact; resolved?: boolean; satisfaction?: Satisfaction; note?: string };
  close: { outOfScopeRoute?: OutOfScopeRoute; explanation?: string };
  reopen: { reason: string };
  merge: { intoCaseId: number; note?: string };
  supervise: { level: SupervisionLevel; note: string };
  escalate: { reason: string };
  instruct: { instruction: string };
  comment: { text: string };
  'pause-clock': { reason: PauseReason; note: string };
  'resume-clock': { note?: string };
  evaluate: { satisfaction: Satisfaction; comment?: string };
}

// ---------------------------------------------------------------------------------------------
// The public door (群众, no account: public-routes.ts)

/** `POST /api/public/appeals`: the staff intake without what staff decide (channel — always `web` —, priority, category) and without enterprise requesters. */
export interface PublicAppealInput {
  type: CaseType;
  title: string;
  content: string;
  address?: string | null;
  /** Where the matter is: the phone's position or a point picked on the form (WGS 84). */
  location?: GeoPoint | null;
  regionCode?: string | null;
  requester: { kind: 'person' | 'anonymous'; name?: string | null; phone?: string | null };
  /** Keep my identity from the offices handling the case (reports always are). */
  confidential?: boolean;
}

export interface PublicAppealReceipt {
  code: string;
  /** Shown this once; only its hash is stored. */
  secret: string;
  /** The public web page that follows the case; the secret travels in the fragment, which browsers never send to a server. */
  lookupUrl: string;
  notice: Bilingual;
}

/** One step of the timeline as the requester may see it: never a staff note, an actor's name or an internal id. */
export interface PublicStep {
  at: string;
  /** The action's code (`create`, `dispatch`, …); `name` says it in both languages. */
  step: string;
  name: Bilingual;
  /** The office the case went to (dispatch, transfer, escalation). */
  office?: string | null;
  /** Public details of the step: never a staff note. */
  detail?: Record<string, unknown>;
}

/** `GET /api/public/appeals/:code` (and what the requester's evaluation and comment answer). */
export interface PublicProgress {
  code: string;
  type: CaseType;
  typeName: Bilingual;
  title: string;
  content: string;
  address: string | null;
  status: CaseStatus;
  statusName: Bilingual;
  acceptedAt: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  /** The hotline centre that took the case in. */
  intakeOffice: string | null;
  /** The office leading the handling (主办单位), once dispatched. */
  handlingOffice: string | null;
  replyDueAt: string | null;
  deadline: { step: DeadlineStep; stepName: Bilingual; dueAt: string; state: DueState; stateName: Bilingual; paused: boolean } | null;
  reply: string | null;
  outcome: { code: string; name: Bilingual; route?: string; routeName?: Bilingual | null; explanation?: string | null } | null;
  evaluation: CaseEvaluation | null;
  canComment: boolean;
  canEvaluate: boolean;
  timeline: PublicStep[];
}
