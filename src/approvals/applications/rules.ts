/**
 * The rules of an application (办件), pure: completeness and the one-time notice (一次告知,
 * 行政许可法 Art. 32), deficiency acceptance (容缺受理), and the clock — statutory and committed
 * limits in working days from acceptance on the official calendar, Art. 45 pauses and the
 * Art. 42 extension. No I/O, no clock: every function takes the calendar and the moment.
 */
import type { BlockedReason } from '../../platform/contract.js';
import type { IsoDate } from '../../calendar/contract.js';
import { MAX_EXTENSION_DAYS, maxSupplementDays, NOTICE_DAYS, type ChecklistMaterial, type Clock, type PauseReason, type StoredPause } from './contract.js';

export {
  EXCLUDED_PERIODS, MAX_EXTENSION_DAYS, MAX_SUPPLEMENT_DAYS, maxSupplementDays, NOTICE_DAYS, PAUSE_REASON_NAMES, PAUSE_REASONS, SUPPLEMENT_MARGIN_DAYS,
  type ChecklistMaterial, type Clock, type PauseReason, type StoredPause,
} from './contract.js';
import { addWorkingDays, isWorkingDay, toLocalDate, workingDaysBetween, type WorkingCalendar } from '../../calendar/rules.js';
import {
  computeDue, dueState, endOfOfficeDay, officeDayMinutes, pausedOfficeMinutes, type DueSoonRule, type PauseEntry, type WorkingLimit,
} from '../../calendar/working-time.js';

export interface Completeness {
  complete: boolean;
  /** Every required material not received, in the item's order: what the one-time notice lists. */
  missing: ChecklistMaterial[];
  /** Missing main materials (required, not deficiency-allowed): these refuse deficiency acceptance. */
  missingMain: ChecklistMaterial[];
  /** Missing materials the item lets come later. */
  missingDeficiency: ChecklistMaterial[];
}

/** Checks the received materials against the version's list, naming everything missing at once. */
export function checkCompleteness(materials: readonly ChecklistMaterial[], received: readonly number[]): Completeness {
  const have = new Set(received);
  const missing = materials.filter((m) => m.required && !have.has(m.id));
  return { complete: missing.length === 0, missing, missingMain: missing.filter((m) => !m.deficiency), missingDeficiency: missing.filter((m) => m.deficiency) };
}

/** Material ids that are not on the version's list (refused as input). */
export const unknownMaterials = (materials: readonly ChecklistMaterial[], ids: readonly number[]) => ids.filter((id) => !materials.some((m) => m.id === id));


const addNaturalDays = (date: IsoDate, days: number): IsoDate => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day on which the applicant may still be told what is missing. */
export const noticeDueDate = (receivedDate: IsoDate): IsoDate => addNaturalDays(receivedDate, NOTICE_DAYS);

/** Once the notice window has passed untold, the application counts as accepted on receipt (Art. 32). */
export const deemedAcceptedOnReceipt = (receivedDate: IsoDate, today: IsoDate): boolean => today > noticeDueDate(receivedDate);


/** The applicant's credit standing and who vouched for it: the enterprise registry, or the window agent's own check. */
export interface CreditStanding {
  bad: boolean;
  source: 'window_agent' | 'registry';
}

export interface DeficiencyRequest {
  completeness: Completeness;
  /** The applicant's signed promise (告知承诺书) to supply the missing materials in time. */
  promise: string;
  credit: CreditStanding;
  supplementDays: number;
  committedLimit: number;
}

const refusal = (code: string, zh: string, en: string, details?: Record<string, unknown>): BlockedReason => ({ code, zh, en, details });

/** Why deficiency acceptance is refused, or null when it may go ahead. */
export function deficiencyRefusal(r: DeficiencyRequest): BlockedReason | null {
  const { completeness: c } = r;
  if (r.credit.bad) return refusal('bad_credit', '申请人存在失信记录，不适用容缺受理', 'The applicant has a bad credit record; deficiency acceptance does not apply');
  if (c.missingMain.length) {
    return refusal('main_materials_missing', `主要材料不齐，不能容缺受理：${c.missingMain.map((m) => m.name).join('、')}`,
      `Main materials are missing, so deficiency acceptance does not apply: ${c.missingMain.map((m) => m.name).join(', ')}`, { missing: c.missingMain.map((m) => m.id) });
  }
  if (!c.missingDeficiency.length) return refusal('nothing_deficient', '材料齐全，直接受理即可', 'Nothing is missing; accept the application as it is');
  if (!r.promise.trim()) return refusal('promise_missing', '容缺受理须有申请人签署的承诺书', 'Deficiency acceptance needs the applicant\'s signed promise');
  const most = maxSupplementDays(r.committedLimit);
  if (most < 1) {
    return refusal('committed_limit_too_short', `承诺时限 ${r.committedLimit} 个工作日，不足以设定补正期限`, `The committed limit of ${r.committedLimit} working days leaves no room for a supplement deadline`);
  }
  if (!(Number.isInteger(r.supplementDays) && r.supplementDays >= 1 && r.supplementDays <= most)) {
    return refusal('supplement_deadline_too_long', `补正期限须为 1–${most} 个工作日（不超过 20 个工作日，且比承诺时限至少短 2 个工作日）`,
      `The supplement deadline must be 1–${most} working days (at most 20, and at least 2 shorter than the committed limit)`, { maxDays: most });
  }
  return null;
}

/** The supplement deadline: the close of office on the Nth working day after acceptance. */
export function supplementDueAt(cal: WorkingCalendar, acceptedAt: Date, days: number): Date {
  return endOfOfficeDay(cal, addWorkingDays(cal, toLocalDate(acceptedAt, cal.officeHours), days).date);
}



/**
 * Art. 42, second paragraph: an application handled jointly by several departments (联合办理,
 * 统一办理, 集中办理) has 45 working days, extendable once by 15 with the head's approval. The
 * catalogue has no field for it: an application is handled jointly once a stage sends it to two
 * or more departments at once.
 */
export const JOINT_STATUTORY_DAYS = 45;
export const JOINT_MAX_EXTENSION_DAYS = 15;

export const isJointHandling = (stages: readonly { branches: readonly unknown[] }[]) => stages.some((s) => s.branches.length >= 2);

/** The statutory limit that binds: the item's own, or the joint 45 days when that is longer. */
export const statutoryLimitOf = (itemLimit: number, joint: boolean) => (joint ? Math.max(itemLimit, JOINT_STATUTORY_DAYS) : itemLimit);

export const maxExtensionDays = (joint: boolean) => (joint ? JOINT_MAX_EXTENSION_DAYS : MAX_EXTENSION_DAYS);

/**
 * The green channel's target (绿色通道, same-day issue): the close of office on the day the
 * application is accepted — or put in the green channel, when that comes later — if it is a
 * working day and office has not closed yet; else the close of the next working day.
 */
export function sameDayDueAt(cal: WorkingCalendar, from: Date): Date {
  const day = toLocalDate(from, cal.officeHours);
  const close = endOfOfficeDay(cal, day);
  if (isWorkingDay(cal, day) && from < close) return close;
  return endOfOfficeDay(cal, addWorkingDays(cal, day, 1).date);
}

/**
 * A limit in working days as the calendar counts it: whole days end at the close of office on
 * the Nth working day; a limit with a half day (0.5 day: 当日办结 in the morning) is counted in
 * office hours instead.
 */
export function limitInWorkingTime(cal: WorkingCalendar, days: number): WorkingLimit {
  return Number.isInteger(days) ? { amount: days, unit: 'working_days' } : { amount: (days * officeDayMinutes(cal)) / 60, unit: 'working_hours' };
}

export interface ClockInput {
  acceptedAt: Date;
  statutoryLimit: number;
  committedLimit: number;
  extensionDays: number;
  pauses: readonly StoredPause[];
  /** The clock stops when the decision is made. */
  stoppedAt: Date | null;
  /** In the green channel since then: the committed target is the same day (sameDayDueAt). */
  greenChannelAt?: Date | null;
}

const toLedger = (pauses: readonly StoredPause[]): PauseEntry[] =>
  pauses.map((p) => ({ reason: p.reason, from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** Where an application's clock stands at `now`. */
export function applicationClock(cal: WorkingCalendar, rule: DueSoonRule, c: ClockInput, now: Date): Clock {
  const at = c.stoppedAt && c.stoppedAt < now ? c.stoppedAt : now;
  const paused = pausedOfficeMinutes(cal, toLedger(c.pauses), at);
  const open = c.stoppedAt ? undefined : c.pauses.find((p) => p.to === null);
  // While a pause runs, the deadline moves by the pauses that ended; the running one is added when it ends (the clock is judged where it stopped).
  const counted = open ? pausedOfficeMinutes(cal, toLedger(c.pauses.filter((p) => p.to !== null)), at).minutes : paused.minutes;
  const due = (limit: number) => computeDue(cal, { start: c.acceptedAt, limit: limitInWorkingTime(cal, limit), extensionDays: c.extensionDays, pausedMinutes: counted });
  const green = c.greenChannelAt ? sameDayDueAt(cal, c.greenChannelAt > c.acceptedAt ? c.greenChannelAt : c.acceptedAt) : null;
  // The same-day target is in office time: paused office minutes push it out as they push any limit.
  const committed = green ? computeDue(cal, { start: green, limit: { amount: 0, unit: 'working_hours' }, pausedMinutes: counted }) : due(c.committedLimit);
  const statutory = due(c.statutoryLimit);
  const state = dueState(cal, rule, { startedAt: c.acceptedAt, dueAt: committed.at, pausedAt: open ? new Date(open.from) : null }, at);
  const acceptedOn = toLocalDate(c.acceptedAt, cal.officeHours);
  const days = workingDaysBetween(cal, acceptedOn, toLocalDate(at, cal.officeHours)).days - Math.floor(paused.minutes / officeDayMinutes(cal));
  return {
    acceptedOn, committedDueAt: committed.at.toISOString(), statutoryDueAt: statutory.at.toISOString(), pausedMinutes: paused.minutes,
    paused: !!open, state: state.state, minutesLeft: state.minutesLeft, statutoryOverdue: at > statutory.at, workingDaysTaken: Math.max(0, days),
    fallbackYears: [...new Set([...paused.fallbackYears, ...committed.fallbackYears, ...statutory.fallbackYears])].sort(),
  };
}

/** Closes the open pause of this reason at `at`, or opens one: the ledger after a pause or resume. */
export function togglePause(pauses: readonly StoredPause[], reason: PauseReason, note: string, at: Date): StoredPause[] {
  const open = pauses.findIndex((p) => p.reason === reason && p.to === null);
  if (open >= 0) return pauses.map((p, i) => (i === open ? { ...p, to: at.toISOString() } : p));
  return [...pauses, { reason, note, from: at.toISOString(), to: null }];
}

export const openPause = (pauses: readonly StoredPause[], reasons: readonly PauseReason[]) => pauses.find((p) => p.to === null && reasons.includes(p.reason)) ?? null;

/** What an application's clock reads of it: the limits that bind it (joint handling, the green channel) and its pauses. */
export function clockInputOf(a: {
  acceptedAt: Date; statutoryLimit: number; committedLimit: number; extensionDays: number; pauses: readonly StoredPause[];
  stages: readonly { branches: readonly unknown[] }[]; greenChannelAt: Date | null;
}, stoppedAt: Date | null): ClockInput {
  return {
    acceptedAt: a.acceptedAt, statutoryLimit: statutoryLimitOf(a.statutoryLimit, isJointHandling(a.stages)), committedLimit: a.committedLimit,
    extensionDays: a.extensionDays, pauses: a.pauses, stoppedAt, greenChannelAt: a.greenChannelAt,
  };
}

/** The clock's judgement of a decided application, final once it is decided: what the figures count of it. */
export interface ClockJudgement {
  workingDaysTaken: number;
  withinCommitted: boolean;
  withinStatutory: boolean;
  /** The statutory limit that bound it (joint handling's 45 days where it applied). */
  statutoryLimit: number;
}

/**
 * Judges a decided application where its clock stopped, at the decision: within the committed
 * limit unless overdue against it then (the green channel's same day where that applied), within
 * the statutory limit unless past it.
 */
export function judgeDecided(cal: WorkingCalendar, rule: DueSoonRule, a: Parameters<typeof clockInputOf>[0] & { decidedAt: Date }): ClockJudgement {
  const input = clockInputOf(a, a.decidedAt);
  const clock = applicationClock(cal, rule, input, a.decidedAt);
  return { workingDaysTaken: clock.workingDaysTaken, withinCommitted: clock.state !== 'overdue', withinStatutory: !clock.statutoryOverdue, statutoryLimit: input.statutoryLimit };
}
