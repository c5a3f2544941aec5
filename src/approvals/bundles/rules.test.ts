import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinArrangements } from '../../calendar/builtin.js';
import { createWorkingCalendar } from '../../calendar/rules.js';
import { moveStage, openStage, stagePaused, type Stage, type StageMove } from '../applications/join.js';
import type { ClockInput } from '../applications/rules.js';
import type { ApplicationStatus } from '../applications/contract.js';
import { bundleProgress, criticalPath, materialsOfItem, mergeChecklist, missingOverParts, parallelAndSerial, type PartState } from './rules.js';

/** The official calendar the calendar module ships (chinese-days), Beijing office hours 9:00–12:00, 13:30–17:30. */
const cal = createWorkingCalendar(builtinArrangements());
const beijing = (local: string) => new Date(`${local}+08:00`);
const close = (date: string) => beijing(`${date}T17:30:00`).getTime();
const RULE = { fraction: 0.2, minMinutes: 120 };
const part = (position: number, committedLimit: number, over: Partial<ClockInput> = {}) => ({
  position, clock: { acceptedAt: beijing('2025-09-30T10:00:00'), statutoryLimit: 20, committedLimit, extensionDays: 0, pauses: [], stoppedAt: null, ...over },
});

describe('the merged checklist of a bundle', () => {
  const items = [
    { serviceItemId: 1, itemName: '企业设立登记', materials: [
      { id: 11, name: '申请书', required: true, deficiency: false }, { id: 12, name: '经营场所使用证明', required: true, deficiency: false },
      { id: 13, name: '法定代表人身份证件', required: true, deficiency: false }] },
    { serviceItemId: 2, itemName: '食品经营许可', materials: [
      { id: 21, name: '申请书', required: true, deficiency: false }, { id: 22, name: '营业执照', required: true, deficiency: false },
      { id: 23, name: '经营场所使用证明', required: true, deficiency: true }, { id: 24, name: '平面图', required: true, deficiency: true }] },
    { serviceItemId: 3, itemName: '户外招牌设置', materials: [
      { id: 31, name: '营业执照', required: true, deficiency: false }, { id: 32, name: '法定代表人身份证件', required: false, deficiency: false }] },
  ];
  const merged = mergeChecklist(items, ['经营场所使用证明', '法定代表人身份证件'], ['营业执照']);

  it('asks a shared material once, keeps same-named unshared ones apart, and never asks what another part supplies', () => {
    expect(merged.map((m) => m.key)).toEqual(['m:11', 's:经营场所使用证明', 's:法定代表人身份证件', 'm:21', 'i:营业执照', 'm:24']);
    expect(merged.find((m) => m.key === 's:经营场所使用证明')!.items.map((i) => i.materialId)).toEqual([12, 23]);
    expect(merged.find((m) => m.key === 'i:营业执照')).toMatchObject({ internal: true, items: [{ materialId: 22 }, { materialId: 31 }] });
  });

  it('requires a merged material when any item does, and lets it come later only when every item that requires it says so', () => {
    expect(merged.find((m) => m.key === 's:经营场所使用证明')).toMatchObject({ required: true, deficiency: false });
    expect(merged.find((m) => m.key === 's:法定代表人身份证件')).toMatchObject({ required: true, deficiency: false });
    expect(merged.find((m) => m.key === 'm:24')).toMatchObject({ required: true, deficiency: true });
    expect(mergeChecklist([items[2]], [], [])[1]).toMatchObject({ required: false, deficiency: false });
  });

  it('gives each item the ids its ticks stand for, and names each missing material once over every part', () => {
    const ticked = ['m:11', 's:经营场所使用证明'];
    expect(materialsOfItem(merged, ticked, 1)).toEqual([11, 12]);
    expect(materialsOfItem(merged, ticked, 2)).toEqual([23, 22]);
    expect(materialsOfItem(merged, ticked, 3)).toEqual([31]);
    expect(missingOverParts(merged, [13, 21, 24]).map((m) => m.key)).toEqual(['s:法定代表人身份证件', 'm:21', 'm:24']);
  });
});

describe('the critical path of a bundle on the official calendar', () => {
  it('is the latest part across National Day 2025 (1–8 October off, Saturday 11 October a make-up working day)', () => {
    const path = criticalPath(cal, RULE, [part(1, 1), part(2, 5), part(3, 3)], beijing('2025-10-09T10:00:00'));
    expect(path.committedDueAt.getTime()).toBe(close('2025-10-14'));
    expect(path.criticalPosition).toBe(2);
    expect(path.workingDaysTaken).toBe(1);
  });

  it('moves with one part\'s pause only: the part that waited on the applicant becomes the critical one', () => {
    const waited = [{ reason: 'applicant' as const, note: '补充平面图', from: beijing('2025-10-09T09:00:00').toISOString(), to: beijing('2025-10-11T17:30:00').toISOString() }];
    const path = criticalPath(cal, RULE, [part(1, 1), part(2, 5), part(3, 3, { pauses: waited })], beijing('2025-10-13T10:00:00'));
    expect(path.criticalPosition).toBe(3);
    expect(path.committedDueAt.getTime()).toBe(close('2025-10-15'));
  });

  it('counts the longest part\'s working days across the Spring Festival 2026 (15–23 February off, 14 and 28 February make-up days)', () => {
    const acceptedAt = beijing('2026-02-13T15:00:00');
    const path = criticalPath(cal, RULE, [
      { position: 1, clock: { ...part(1, 1).clock, acceptedAt, stoppedAt: beijing('2026-02-14T16:00:00') } },
      { position: 2, clock: { ...part(2, 5).clock, acceptedAt } },
    ], beijing('2026-02-27T12:00:00'));
    expect(path.committedDueAt.getTime()).toBe(close('2026-02-27'));
    expect(path.workingDaysTaken).toBe(5);
  });

  it('says what running at once saves against one after the other', () => {
    expect(parallelAndSerial([1, 5, 3])).toEqual({ parallel: 5, serial: 9 });
  });
});

/** A part's application status as its one-department stage leaves it, and whether its certificate was issued. */
const statusOf = (stage: Stage, issued: boolean): ApplicationStatus => (stage.status === 'open' ? 'in_review' : stage.status === 'approved' ? (issued ? 'issued' : 'approved') : stage.status === 'refused' ? 'refused' : 'withdrawn');

type PartMove = { part: number; move: StageMove['action'] | 'issue' };

describe('the join over a bundle\'s parts', () => {
  const anyRun = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({
    parts: fc.constant(n),
    moves: fc.array(fc.record({
      part: fc.integer({ min: 0, max: n - 1 }),
      move: fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom('sign' as const, 'approve' as const, 'supply' as const, 'send-back' as const, 'issue' as const) },
        { weight: 3, arbitrary: fc.constant('ask-more' as const) },
        { weight: 1, arbitrary: fc.constantFrom('refuse' as const, 'withdraw' as const) },
      ),
    }), { maxLength: 60 }),
  }));

  it('moves only the part it is made on: a refusal ends that part alone, a request for more pauses that part alone, no part is ever duplicated', () => {
    fc.assert(fc.property(anyRun, ({ parts, moves }: { parts: number; moves: PartMove[] }) => {
      // Each part is its own item's application, reviewed by its own department in a stage of one branch.
      let stages: Stage[] = Array.from({ length: parts }, (_, i) => openStage([i + 1])!);
      let issued: boolean[] = stages.map(() => false);
      for (const { part: p, move } of moves) {
        const before = stages;
        if (move === 'issue') {
          if (before[p].status === 'approved') issued = issued.map((v, i) => v || i === p);
          continue;
        }
        const step: StageMove = move === 'withdraw' ? { action: 'withdraw' } : move === 'refuse' || move === 'ask-more' ? { action: move, departmentId: p + 1, reason: '理由' } : { action: move, departmentId: p + 1 };
        const result = moveStage(before[p], step);
        if (!result.ok) continue;
        stages = before.map((s, i) => (i === p ? result.stage : s));
        expect(stages.map((s) => s.branches.map((b) => b.departmentId))).toEqual(before.map((s) => s.branches.map((b) => b.departmentId)));
        before.forEach((s, i) => { if (i !== p) expect(stages[i]).toBe(s); });
        if (move === 'refuse') expect(stages[p].status).toBe('refused');
        expect(stages.map(stagePaused)).toEqual(before.map((s, i) => (i === p ? stagePaused(result.stage) : stagePaused(s))));
      }
      const states: PartState[] = stages.map((s, i) => ({ status: statusOf(s, issued[i]), branchStatus: s.branches[0].status }));
      const progress = bundleProgress('accepted', states);
      const done = states.every((s) => ['issued', 'refused', 'withdrawn'].includes(s.status));
      expect(progress === 'completed' || progress === 'withdrawn').toBe(done);
      if (!done) expect(progress).toBe(stages.some(stagePaused) ? 'waiting_applicant' : 'in_review');
    }), { numRuns: 300 });
  });

  it('shows the bundle\'s own status before acceptance', () => {
    expect(bundleProgress('incomplete', [{ status: 'incomplete', branchStatus: null }])).toBe('incomplete');
    expect(bundleProgress('withdrawn', [{ status: 'withdrawn', branchStatus: null }])).toBe('withdrawn');
  });
});
