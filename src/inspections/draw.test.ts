import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyRecusals, canonicalRosters, drawDocument, drawSeed, DrawError, inspectorRanking, inspectorScore, quotaFor, rosterCommitment, runDraw, sha256, targetScore,
  type DrawRosters, type Recusal, type StoredDraw,
} from './draw.js';

const SERVER_RANDOM = sha256('server random of the test');

function rosters(over: Partial<DrawRosters> = {}): DrawRosters {
  return {
    task: 'T2026-001', perDepartment: 2, departments: ['D1', 'D2'],
    strata: [{ stratum: 'good', basisPoints: 300 }, { stratum: 'normal', basisPoints: 500 }, { stratum: 'bad', basisPoints: 2000 }],
    targets: Array.from({ length: 120 }, (_, i) => ({ id: `91411700MA${String(i).padStart(8, '0')}`, stratum: i % 10 === 0 ? 'bad' : i % 3 === 0 ? 'good' : 'normal' })),
    inspectors: Array.from({ length: 12 }, (_, i) => ({ id: `ZF${String(i).padStart(4, '0')}`, department: i < 6 ? 'D1' : 'D2' })),
    conflicts: [{ inspector: 'ZF0000', target: '91411700MA00000000' }],
    ...over,
  };
}

describe('the draw', () => {
  const seed = drawSeed(SERVER_RANDOM, '  3 7 12  ');

  it('gives the same result for the same inputs, whatever order the rosters come in', () => {
    const r = rosters();
    const shuffled = { ...r, targets: [...r.targets].reverse(), inspectors: [...r.inspectors].reverse(), departments: [...r.departments].reverse() };
    expect(runDraw(shuffled, seed)).toEqual(runDraw(r, seed));
    expect(rosterCommitment(shuffled)).toBe(rosterCommitment(r));
    expect(drawSeed(SERVER_RANDOM, '3 7 12')).toBe(seed);
  });

  it('changes the commitment with any change of a roster entry', () => {
    const r = rosters();
    const base = rosterCommitment(r);
    const variants: DrawRosters[] = [
      { ...r, targets: r.targets.slice(1) },
      { ...r, targets: r.targets.map((t, i) => (i === 5 ? { ...t, stratum: 'bad' } : t)) },
      { ...r, targets: r.targets.map((t, i) => (i === 7 ? { ...t, id: '91411700MA99999999' } : t)) },
      { ...r, inspectors: r.inspectors.map((x, i) => (i === 3 ? { ...x, department: 'D2' } : x)) },
      { ...r, inspectors: r.inspectors.slice(0, -1) },
      { ...r, conflicts: [] },
      { ...r, strata: r.strata.map((s) => (s.stratum === 'good' ? { ...s, basisPoints: 301 } : s)) },
      { ...r, perDepartment: 3 },
      { ...r, task: 'T2026-002' },
    ];
    for (const v of variants) expect(rosterCommitment(v)).not.toBe(base);
    expect(new Set(variants.map(rosterCommitment)).size).toBe(variants.length);
  });

  it('takes ⌈count × ratio⌉ from each stratum, the lowest scores first', () => {
    const r = rosters();
    const { targets } = runDraw(r, seed);
    // 12 bad at 20 % → 3; 36 good at 3 % → 2 (1.08 rounded up); 72 normal at 5 % → 4 (3.6 rounded up).
    expect(targets.filter((t) => t.stratum === 'bad')).toHaveLength(3);
    expect(targets.filter((t) => t.stratum === 'good')).toHaveLength(2);
    expect(targets.filter((t) => t.stratum === 'normal')).toHaveLength(4);
    expect(quotaFor(0, 300)).toBe(0);
    expect(quotaFor(1, 1)).toBe(1);
    expect(quotaFor(100, 300)).toBe(3);
  });

  it('leaves declared conflicts out before the draw and refuses a team it cannot fill', () => {
    const r = rosters({ conflicts: rosters().inspectors.filter((i) => i.department === 'D1').slice(0, 4).map((i) => ({ inspector: i.id, target: '91411700MA00000000' })) });
    expect(inspectorRanking(r, seed, '91411700MA00000000', 'D1')).toEqual(expect.arrayContaining(['ZF0004', 'ZF0005']));
    expect(inspectorRanking(r, seed, '91411700MA00000000', 'D1')).toHaveLength(2);
    const tight = { ...r, conflicts: [...r.conflicts, { inspector: 'ZF0004', target: '91411700MA00000000' }] };
    const everyone = { ...tight, strata: tight.strata.map((s) => ({ ...s, basisPoints: 10000 })) };
    expect(() => runDraw(everyone, seed)).toThrow(expect.objectContaining({ code: 'insufficient_inspectors' }));
  });

  it('refuses a witness value that is empty, too long or holds the separator', () => {
    expect(() => drawSeed(SERVER_RANDOM, '   ')).toThrow(DrawError);
    expect(() => drawSeed(SERVER_RANDOM, 'a/b')).toThrow(DrawError);
    expect(() => drawSeed(SERVER_RANDOM, 'x'.repeat(201))).toThrow(DrawError);
    expect(() => drawSeed('not hex', '1')).toThrow(DrawError);
  });

  it('writes the canonical rosters as sorted lines', () => {
    const text = canonicalRosters({ task: 'T', perDepartment: 2, departments: ['B', 'A'], strata: [{ stratum: 's', basisPoints: 1 }], targets: [{ id: 'y', stratum: 's' }, { id: 'x', stratum: 's' }], inspectors: [{ id: 'i', department: 'A' }], conflicts: [] });
    expect(text).toBe('qinqing-draw/1\ntask:T\nper-department:2\ndepartment:A\ndepartment:B\nstratum:s:1\ntarget:x:s\ntarget:y:s\ninspector:i:A\n');
  });
});

// Chi-square goodness of fit at the 0.001 significance level over a fixed list of seeds, so the
// test is deterministic: a fair draw passes it for these seeds once and always; a biased one
// (by position, by identifier order) exceeds the critical value by far.
describe('no bias in who is drawn (chi-square, α = 0.001, fixed seeds)', () => {
  const SEEDS = Array.from({ length: 2000 }, (_, i) => sha256(`chi-square seed ${i}`));
  const chiSquare = (counts: number[], expected: number) => counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);

  it('targets: 40 candidates, 4 drawn per seed — 39 degrees of freedom, critical value 72.05', () => {
    const r = rosters({ strata: [{ stratum: 'normal', basisPoints: 1000 }], targets: Array.from({ length: 40 }, (_, i) => ({ id: `E${i}`, stratum: 'normal' })), conflicts: [] });
    const counts = new Map(r.targets.map((t) => [t.id, 0]));
    for (const s of SEEDS) for (const t of runDraw(r, s).targets) counts.set(t.id, counts.get(t.id)! + 1);
    const stat = chiSquare([...counts.values()], (SEEDS.length * 4) / 40);
    expect(stat).toBeLessThan(72.05);
    // The test can fail: always drawing the first four identifiers is far outside it.
    expect(chiSquare([...counts.keys()].map((_, i) => (i < 4 ? SEEDS.length : 0)), (SEEDS.length * 4) / 40)).toBeGreaterThan(72.05);
  });

  it('inspectors: 10 in a department, 2 per target — 9 degrees of freedom, critical value 27.88', () => {
    const r = rosters({ departments: ['D1'], inspectors: Array.from({ length: 10 }, (_, i) => ({ id: `ZF${i}`, department: 'D1' })), conflicts: [] });
    const counts = new Map(r.inspectors.map((i) => [i.id, 0]));
    for (const s of SEEDS) for (const id of inspectorRanking(r, s, 'E1', 'D1').slice(0, 2)) counts.set(id, counts.get(id)! + 1);
    expect(chiSquare([...counts.values()], (SEEDS.length * 2) / 10)).toBeLessThan(27.88);
  });
});

const ident = fc.stringMatching(/^[0-9A-Z]{4,10}$/);

/** Rosters of 1–3 departments, each with enough inspectors for its teams after the conflicts. */
const rostersArb = fc.record({
  perDepartment: fc.integer({ min: 2, max: 4 }),
  departments: fc.uniqueArray(fc.constantFrom('D1', 'D2', 'D3'), { minLength: 1, maxLength: 3 }),
  bp: fc.record({ good: fc.integer({ min: 0, max: 10000 }), normal: fc.integer({ min: 0, max: 10000 }), bad: fc.integer({ min: 0, max: 10000 }) }),
  targets: fc.uniqueArray(fc.record({ id: ident, stratum: fc.constantFrom('good', 'normal', 'bad') }), { selector: (t) => t.id, maxLength: 40 }),
  extra: fc.integer({ min: 0, max: 4 }),
  seed: fc.string(),
  conflictPicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
}).map(({ perDepartment, departments, bp, targets, extra, seed, conflictPicks }): { r: DrawRosters; seed: string } => {
  const inspectors = departments.flatMap((d) => Array.from({ length: perDepartment + extra + 2 }, (_, i) => ({ id: `${d}I${i}`, department: d })));
  // At most two conflicts per target and department, so every team can still be filled.
  const conflicts = targets.length ? conflictPicks.map(([t, i]) => ({ target: targets[t % targets.length].id, inspector: inspectors[i % inspectors.length].id }))
    .filter((c, k, all) => all.filter((o, j) => j <= k && o.target === c.target && o.inspector.slice(0, 2) === c.inspector.slice(0, 2)).length <= 2) : [];
  return {
    r: { task: 'TASK', perDepartment, departments, strata: (['good', 'normal', 'bad'] as const).map((s) => ({ stratum: s, basisPoints: bp[s] })), targets, inspectors, conflicts },
    seed: sha256(seed),
  };
});

describe('properties', () => {
  it('strata: each class gives exactly its quota, the lowest-scored members, and nothing else', () => {
    fc.assert(fc.property(rostersArb, ({ r, seed }) => {
      const { targets } = runDraw(r, seed);
      for (const s of r.strata) {
        const members = r.targets.filter((t) => t.stratum === s.stratum);
        const drawn = targets.filter((t) => t.stratum === s.stratum);
        expect(drawn).toHaveLength(quotaFor(members.length, s.basisPoints));
        const ids = new Set(drawn.map((t) => t.id));
        const worstDrawn = drawn.map((t) => targetScore(seed, t.id)).sort().at(-1);
        for (const m of members) if (!ids.has(m.id) && worstDrawn) expect(targetScore(seed, m.id) > worstDrawn).toBe(true);
      }
      expect(new Set(targets.map((t) => t.id)).size).toBe(targets.length);
    }));
  });

  it('two inspectors or more per target from each inspecting department, none with a declared conflict', () => {
    fc.assert(fc.property(rostersArb, ({ r, seed }) => {
      const { targets, teams } = runDraw(r, seed);
      const departmentOf = new Map(r.inspectors.map((i) => [i.id, i.department]));
      for (const t of targets) {
        const own = teams.filter((team) => team.target === t.id);
        expect(own.map((team) => team.department).sort()).toEqual([...r.departments].sort());
        for (const team of own) {
          expect(new Set(team.inspectors).size).toBe(r.perDepartment);
          for (const id of team.inspectors) {
            expect(departmentOf.get(id)).toBe(team.department);
            expect(r.conflicts.some((c) => c.target === t.id && c.inspector === id)).toBe(false);
          }
        }
        expect(own.flatMap((team) => team.inspectors).length).toBeGreaterThanOrEqual(2);
      }
    }));
  });

  it('recusal: the next eligible in the ranking takes the place, the team keeps its size, a recused inspector never returns', () => {
    fc.assert(fc.property(rostersArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), ({ r, seed }, picks) => {
      const { teams } = runDraw(r, seed);
      fc.pre(teams.length > 0);
      let current = teams;
      const done: Recusal[] = [];
      for (const [t, i] of picks) {
        const team = current[t % current.length];
        const rec = { target: team.target, inspector: team.inspectors[i % team.inspectors.length] };
        const ranking = inspectorRanking(r, seed, rec.target, team.department);
        const gone = new Set([...done.filter((d) => d.target === rec.target).map((d) => d.inspector), rec.inspector]);
        const expected = ranking.find((id) => !gone.has(id) && !team.inspectors.includes(id));
        let next;
        try {
          next = applyRecusals(r, seed, teams, [...done, rec]);
        } catch (e) {
          expect(e).toBeInstanceOf(DrawError);
          expect(expected).toBeUndefined();
          return;
        }
        done.push(rec);
        expect(next.replacements.at(-1)!.replacement).toBe(expected);
        current = next.teams;
        for (const after of current) {
          expect(after.inspectors).toHaveLength(r.perDepartment);
          expect(new Set(after.inspectors).size).toBe(r.perDepartment);
          for (const d of done) if (d.target === after.target) expect(after.inspectors).not.toContain(d.inspector);
        }
      }
    }));
  });
});

describe('bin/verify-draw.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
  const r = rosters();
  const seed = drawSeed(SERVER_RANDOM, '8 15 23');
  const result = runDraw(r, seed);
  const recusals = applyRecusals(r, seed, result.teams, [{ target: result.teams[0].target, inspector: result.teams[0].inspectors[1] }]).replacements;
  const stored: StoredDraw = {
    taskId: 1, taskCode: 'T2026-001', title: 'test', rosters: r, commitment: rosterCommitment(r), committedAt: '2026-12-01T00:00:00.000Z',
    serverRandomHash: sha256(SERVER_RANDOM), seedSource: { zh: '见证人', en: 'witness' },
    drawn: { serverRandom: SERVER_RANDOM, witnessValue: '8 15 23', seed, at: '2026-12-02T00:00:00.000Z', result }, recusals, redraws: [],
  };
  const verify = (doc: unknown) => {
    const file = join(dir, `${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(doc));
    return spawnSync(process.execPath, ['bin/verify-draw.mjs', file], { encoding: 'utf8' });
  };

  it('agrees with the server on an honest draw, recusal included', () => {
    const out = verify(drawDocument(stored));
    expect(out.stdout).toMatch(/^match/);
    expect(out.status).toBe(0);
  });

  it('says mismatch for a changed roster, witness value, result or replacement', () => {
    const doc = drawDocument(stored);
    const tampered = [
      { ...doc, rosters: { ...doc.rosters, targets: doc.rosters.targets.slice(1) } },
      { ...doc, witnessValue: '8 15 24' },
      { ...doc, result: { ...doc.result!, targets: doc.result!.targets.slice(1) } },
      { ...doc, recusals: doc.recusals.map((x) => ({ ...x, replacement: x.inspector })) },
      { ...doc, serverRandom: sha256('another') },
    ];
    for (const t of tampered) {
      const out = verify(t);
      expect(out.stdout).toMatch(/^mismatch/);
      expect(out.status).toBe(1);
    }
  });

  it('answers 2 for input it cannot read', () => {
    expect(spawnSync(process.execPath, ['bin/verify-draw.mjs', join(dir, 'missing.json')]).status).toBe(2);
  });

  it('scores inspectors per target, so a recusal for one target leaves the others alone', () => {
    expect(inspectorScore(seed, 'A', 'I')).not.toBe(inspectorScore(seed, 'B', 'I'));
    expect(recusals[0].replacement).not.toBe(recusals[0].inspector);
  });
});
