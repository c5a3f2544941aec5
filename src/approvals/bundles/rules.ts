/**
 * The rules of a bundle (高效办成一件事), pure: the merged checklist (a shared material asked
 * once), which of each item's materials the applicant's ticks stand for, the one status the
 * applicant sees, and the bundle's time as its critical path. No I/O, no clock.
 *
 * Each part is an application of its own item, decided by its department through its own stage
 * (the parallel join, applications/join.ts): so a refusal ends only that part — the other
 * licences of the "one thing" stand on their own legal basis — and a department's request for
 * more pauses only its part's clock.
 */
import type { WorkingCalendar } from '../../calendar/rules.js';
import type { DueSoonRule } from '../../calendar/working-time.js';
import { applicationClock, type ChecklistMaterial, type ClockInput } from '../applications/rules.js';
import type { ApplicationStatus, BranchStatus } from '../applications/contract.js';
import type { BundleApplicationStatus, BundleProgress, MergedMaterial } from './contract.js';

export interface BundleItemChecklist {
  serviceItemId: number;
  itemName: string;
  materials: readonly ChecklistMaterial[];
}

/**
 * The union of the items' checklists in the items' order: a material whose name the bundle
 * shares (or supplies from another part) appears once, required when any item requires it, and
 * deficiency-allowed only when every item that requires it allows it.
 */
export function mergeChecklist(items: readonly BundleItemChecklist[], shared: readonly string[], internal: readonly string[]): MergedMaterial[] {
  const listed = new Map<string, { name: string; refs: { ref: MergedMaterial['items'][number]; m: ChecklistMaterial }[] }>();
  for (const item of items) {
    for (const m of item.materials) {
      const key = internal.includes(m.name) ? `i:${m.name}` : shared.includes(m.name) ? `s:${m.name}` : `m:${m.id}`;
      const entry = listed.get(key) ?? listed.set(key, { name: m.name, refs: [] }).get(key)!;
      entry.refs.push({ ref: { serviceItemId: item.serviceItemId, itemName: item.itemName, materialId: m.id }, m });
    }
  }
  return [...listed].map(([key, { name, refs }]) => {
    const requiring = refs.filter((r) => r.m.required);
    return {
      key, name, required: requiring.length > 0, deficiency: requiring.length > 0 && requiring.every((r) => r.m.deficiency),
      internal: key.startsWith('i:'), items: refs.map((r) => r.ref),
    };
  });
}

/** Keys the applicant ticked that are not on the merged checklist (refused as input). */
export const unknownKeys = (checklist: readonly MergedMaterial[], keys: readonly string[]) => keys.filter((k) => !checklist.some((m) => m.key === k));

/** One item's material ids the ticked entries stand for; what another part supplies counts as received. */
export function materialsOfItem(checklist: readonly MergedMaterial[], ticked: readonly string[], serviceItemId: number): number[] {
  return checklist.filter((m) => m.internal || ticked.includes(m.key)).flatMap((m) => m.items.filter((i) => i.serviceItemId === serviceItemId).map((i) => i.materialId));
}

/** The merged entries an item's missing materials belong to, each once over every part: the bundle's one-time notice. */
export function missingOverParts(checklist: readonly MergedMaterial[], missingIds: readonly number[]): MergedMaterial[] {
  const missing = new Set(missingIds);
  return checklist.filter((m) => m.items.some((i) => missing.has(i.materialId)));
}

/** What the bundle reads of a part. */
export interface PartState {
  status: ApplicationStatus;
  branchStatus: BranchStatus | null;
}

const ENDED: readonly ApplicationStatus[] = ['issued', 'delivered', 'refused', 'withdrawn', 'ended'];

/** The one status the applicant sees: the bundle's own before acceptance, then what its parts say together. */
export function bundleProgress(own: BundleApplicationStatus, parts: readonly PartState[]): BundleProgress {
  if (own !== 'accepted') return own;
  if (parts.every((p) => ENDED.includes(p.status))) return parts.every((p) => p.status === 'withdrawn') ? 'withdrawn' : 'completed';
  if (parts.some((p) => p.branchStatus === 'waiting' && p.status === 'in_review')) return 'waiting_applicant';
  return 'in_review';
}

/** A part's clock as its application reads it, with its position in the bundle. */
export interface PartClock {
  position: number;
  clock: ClockInput;
}

export interface CriticalPath {
  committedDueAt: Date;
  statutoryDueAt: Date;
  criticalPosition: number;
  /** The longest part's working days so far (each part less its own pauses, stopped at its decision). */
  workingDaysTaken: number;
}

/**
 * The bundle's time is its critical path: the parts run at once, so its deadline is the latest
 * of theirs (each with its own pauses: a request for more moves only its part) and the time it
 * took is the longest part's.
 */
export function criticalPath(cal: WorkingCalendar, rule: DueSoonRule, parts: readonly PartClock[], now: Date): CriticalPath {
  if (!parts.length) throw new Error('a bundle has parts');
  const clocks = parts.map((p) => ({ position: p.position, clock: applicationClock(cal, rule, p.clock, now) }));
  const last = clocks.reduce((a, b) => (Date.parse(b.clock.committedDueAt) > Date.parse(a.clock.committedDueAt) ? b : a));
  return {
    committedDueAt: new Date(last.clock.committedDueAt),
    statutoryDueAt: new Date(Math.max(...clocks.map((c) => Date.parse(c.clock.statutoryDueAt)))),
    criticalPosition: last.position,
    workingDaysTaken: Math.max(...clocks.map((c) => c.clock.workingDaysTaken)),
  };
}

/** Limits in working days run at once (the longest) and one after the other (the sum): what the bundle saves. */
export const parallelAndSerial = (limits: readonly number[]) => ({ parallel: Math.max(0, ...limits), serial: limits.reduce((a, b) => a + b, 0) });
