import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpenBranch, moveStage, openStage, stagePaused, type Stage, type StageMove } from './join.js';

const anyMove = (departments: number): fc.Arbitrary<StageMove> => {
  const department = fc.integer({ min: 1, max: departments });
  // Refusal and withdrawal end the stage, so they come rarer than the other moves: most runs get far into it.
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ action: fc.constantFrom('sign' as const, 'approve' as const, 'supply' as const, 'send-back' as const), departmentId: department }) },
    { weight: 3, arbitrary: fc.record({ action: fc.constant('ask-more' as const), departmentId: department, reason: fc.string({ minLength: 1, maxLength: 8 }) }) },
    { weight: 1, arbitrary: fc.record({ action: fc.constant('refuse' as const), departmentId: department, reason: fc.string({ minLength: 1, maxLength: 8 }) }) },
    { weight: 1, arbitrary: fc.constant({ action: 'withdraw' as const }) },
  );
};

/** A stage of 1–8 departments and up to 80 moves in any order. */
const anyRun = fc.integer({ min: 1, max: 8 }).chain((n) => fc.record({ departments: fc.constant(n), moves: fc.array(anyMove(n), { maxLength: 80 }) }));

describe('the join of a parallel stage', () => {
  it('opens one branch per department and refuses a department named twice or none', () => {
    expect(openStage([3, 5])!.branches.map((b) => [b.departmentId, b.status])).toEqual([[3, 'pending'], [5, 'pending']]);
    expect(openStage([3, 3])).toBeNull();
    expect(openStage([])).toBeNull();
  });

  it('holds its invariants over random orders of approve, refuse, ask-for-more, supply, withdraw and send-back', () => {
    const outcomes = { open: 0, approved: 0, refused: 0, withdrawn: 0 };
    fc.assert(fc.property(anyRun, ({ departments, moves }) => {
      let stage: Stage = openStage(Array.from({ length: departments }, (_, i) => i + 1))!;
      let endings = 0;
      for (const move of moves) {
        const before = stage;
        const result = moveStage(before, move);
        if (!result.ok) {
          // A refused move changes nothing; an ended stage refuses every move.
          if (before.status !== 'open') expect(result.refusal.code).toBe('stage_ended');
          continue;
        }
        stage = result.stage;
        // Never a branch more or less, never a department twice.
        expect(stage.branches.map((b) => b.departmentId)).toEqual(before.branches.map((b) => b.departmentId));
        if (result.ended) endings++;
        if (move.action === 'withdraw') {
          expect(stage.status).toBe('withdrawn');
          expect(stage.branches.some(isOpenBranch)).toBe(false);
          before.branches.forEach((b, i) => { if (!isOpenBranch(b)) expect(stage.branches[i]).toEqual(b); });
          continue;
        }
        const i = before.branches.findIndex((b) => b.departmentId === move.departmentId);
        const others = (s: Stage) => s.branches.filter((_, j) => j !== i);
        if (move.action === 'refuse') {
          // One refusal ends the stage: every other open branch closed, decided ones kept, the reason kept.
          expect(stage.status).toBe('refused');
          expect(result.ended).toBe('refused');
          expect(stage.branches[i]).toEqual({ departmentId: move.departmentId, status: 'refused', reason: move.reason });
          others(stage).forEach((b, j) => expect(b.status).toBe(isOpenBranch(others(before)[j]) ? 'closed' : others(before)[j].status));
          continue;
        }
        // Any other move touches its own branch only: asking for more never cancels the others, a send-back reopens only itself.
        expect(others(stage)).toEqual(others(before));
        if (move.action === 'send-back') expect(stage.branches[i].status).toBe('reviewing');
        if (move.action === 'ask-more') expect(stage.branches[i]).toMatchObject({ status: 'waiting', reason: move.reason });
        // The stage completes exactly when every department has approved.
        expect(stage.status === 'approved').toBe(stage.branches.every((b) => b.status === 'approved'));
        if (stage.status !== 'approved') expect(stage.status).toBe('open');
        // The stage clock stands still exactly while a department waits on the applicant.
        expect(stagePaused(stage)).toBe(stage.status === 'open' && stage.branches.some((b) => b.status === 'waiting'));
      }
      // The stage ends at most once, and it has ended exactly when it is no longer open.
      expect(endings).toBe(stage.status === 'open' ? 0 : 1);
      outcomes[stage.status]++;
    }), { numRuns: 2000 });
    // The runs reach every ending, so each invariant above was put to the test.
    for (const n of Object.values(outcomes)) expect(n).toBeGreaterThan(20);
  });

  it('completes a stage of eight departments in any order of their approvals, and only with the last', () => {
    fc.assert(fc.property(fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7, 8], { minLength: 8, maxLength: 8 }), (order) => {
      let stage = openStage([1, 2, 3, 4, 5, 6, 7, 8])!;
      for (const departmentId of order) stage = (moveStage(stage, { action: 'sign', departmentId }) as { stage: Stage }).stage;
      order.forEach((departmentId, k) => {
        const r = moveStage(stage, { action: 'approve', departmentId });
        if (!r.ok) throw new Error(r.refusal.en);
        stage = r.stage;
        expect(r.ended).toBe(k === order.length - 1 ? 'approved' : null);
      });
    }));
  });

  it('keeps an asked department waiting while the others go on, and pauses the stage until it is supplied', () => {
    let stage = openStage([1, 2])!;
    const step = (m: StageMove) => { const r = moveStage(stage, m); if (!r.ok) throw new Error(r.refusal.en); stage = r.stage; return r; };
    step({ action: 'sign', departmentId: 1 });
    step({ action: 'sign', departmentId: 2 });
    step({ action: 'ask-more', departmentId: 1, reason: '补充消防设计说明' });
    expect(stagePaused(stage)).toBe(true);
    expect(step({ action: 'approve', departmentId: 2 }).ended).toBeNull();
    expect(moveStage(stage, { action: 'approve', departmentId: 1 })).toMatchObject({ ok: false, refusal: { code: 'wrong_branch_status' } });
    step({ action: 'supply', departmentId: 1 });
    expect(stagePaused(stage)).toBe(false);
    expect(step({ action: 'approve', departmentId: 1 }).ended).toBe('approved');
    expect(moveStage(stage, { action: 'send-back', departmentId: 1 })).toMatchObject({ ok: false, refusal: { code: 'stage_ended' } });
  });
});
