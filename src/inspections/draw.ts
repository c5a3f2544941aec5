/**
 * The random draw of 双随机、一公开 as pure functions (no I/O): the same rosters and seed always
 * give the same targets and the same inspectors, so anyone can re-run a published draw
 * (bin/verify-draw.mjs re-implements exactly this, with node built-ins only).
 *
 * 1. Commitment: SHA-256 of the canonical rosters (`canonicalRosters`), published before the draw.
 * 2. Seed, in the manner of RFC 3797: each source value canonicalised and followed by "/", the
 *    two concatenated — the server random (64 hex digits, its SHA-256 published with the
 *    commitment) first, then the witness value announced later — and the seed is the SHA-256 of
 *    that key. No one running the draw controls the witness value; no one announcing it knows
 *    the server random.
 * 3. Targets: in each stratum (a credit class) the candidates are ranked by SHA-256(seed "/" id)
 *    (hex, ascending) and the first `quota` are drawn, quota = ⌈count × basis points / 10000⌉:
 *    rounded up, because a published ratio (3 %) is a minimum, and any class with a candidate and
 *    a ratio above zero gets at least one.
 * 4. Inspectors: for each drawn target and each inspecting department, the department's
 *    inspectors not in declared conflict with the target are ranked by
 *    SHA-256(seed "/" target "/" inspector) and the first `perDepartment` (≥ 2) form its team.
 * 5. Recusal: a recused inspector leaves the team for that target and the next in the same
 *    ranking not on the team and not recused takes the place; recusals apply in order.
 */
import { createHash } from 'node:crypto';
import type { PublishedDraw } from './contract.js';
import { canonicalRosters, canonicalWitness, DRAW_FORMAT, seedKey } from './contract.js';

export { canonicalRosters, canonicalWitness, DRAW_FORMAT };


/** Identifiers in a draw: USCCs, certificate numbers, department and class codes (no separators, so the canonical form is unambiguous). */
export const DRAW_ID_PATTERN = '^[0-9A-Za-z_-]{1,40}$';
const ID = new RegExp(DRAW_ID_PATTERN);

export interface DrawStratum {
  stratum: string;
  /** Sampling ratio in basis points (1/10000): 300 is 3 %. */
  basisPoints: number;
}

export interface DrawTarget {
  id: string;
  stratum: string;
}

export interface DrawInspector {
  id: string;
  department: string;
}

/** A declared conflict of interest: the inspector may not inspect the target. */
export interface DrawConflict {
  inspector: string;
  target: string;
}

/** Everything the draw depends on besides the seed: what the commitment binds. */
export interface DrawRosters {
  task: string;
  /** Inspectors per target from each inspecting department (at least 2). */
  perDepartment: number;
  departments: string[];
  strata: DrawStratum[];
  targets: DrawTarget[];
  inspectors: DrawInspector[];
  conflicts: DrawConflict[];
}

export interface DrawnTarget {
  id: string;
  stratum: string;
  /** 1-based place in its stratum's ranking. */
  rank: number;
}

export interface Team {
  target: string;
  department: string;
  inspectors: string[];
}

export interface Recusal {
  target: string;
  inspector: string;
}

export interface Replacement extends Recusal {
  department: string;
  /** Who took the place: the next eligible in the ranking. */
  replacement: string;
}

export interface DrawResult {
  targets: DrawnTarget[];
  teams: Team[];
}

/** A draw the rosters or a recusal cannot make (too few inspectors, an unknown stratum…): the message names what. */
export class DrawError extends Error {
  constructor(readonly code: string, readonly zh: string, readonly en: string) {
    super(en);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every identifier well-formed and unique, strata and departments known: what a draw can run on. */
export function checkRosters(r: DrawRosters): void {
  const bad = (what: string, id: string) => new DrawError('invalid_roster', `${what}标识不合规：${id}`, `Malformed ${what} identifier: ${id}`);
  if (!ID.test(r.task)) throw bad('任务', r.task);
  if (!Number.isInteger(r.perDepartment) || r.perDepartment < 2) {
    throw new DrawError('invalid_roster', '每个部门每户至少抽取 2 名执法人员', 'At least 2 inspectors per department and target');
  }
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (!ID.test(id)) throw bad(what, id);
      if (seen.has(id)) throw new DrawError('invalid_roster', `${what}重复：${id}`, `Duplicate ${what}: ${id}`);
      seen.add(id);
    }
    return seen;
  };
  const departments = unique('部门', r.departments);
  if (!departments.size) throw new DrawError('invalid_roster', '至少一个检查部门', 'At least one inspecting department');
  const strata = unique('分类', r.strata.map((s) => s.stratum));
  for (const s of r.strata) {
    if (!Number.isInteger(s.basisPoints) || s.basisPoints < 0 || s.basisPoints > 10000) {
      throw new DrawError('invalid_roster', `抽查比例须在 0–10000 基点之间：${s.stratum}`, `Ratio must be 0–10000 basis points: ${s.stratum}`);
    }
  }
  const targets = unique('检查对象', r.targets.map((t) => t.id));
  for (const t of r.targets) if (!strata.has(t.stratum)) throw new DrawError('invalid_roster', `检查对象 ${t.id} 的分类 ${t.stratum} 未设比例`, `Target ${t.id}: class ${t.stratum} has no ratio`);
  const inspectors = unique('执法人员', r.inspectors.map((i) => i.id));
  for (const i of r.inspectors) if (!departments.has(i.department)) throw new DrawError('invalid_roster', `执法人员 ${i.id} 不属于检查部门`, `Inspector ${i.id} is not of an inspecting department`);
  for (const c of r.conflicts) {
    if (!inspectors.has(c.inspector) || !targets.has(c.target)) throw new DrawError('invalid_roster', `利害关系申报指向名录外：${c.inspector}/${c.target}`, `Declared conflict outside the rosters: ${c.inspector}/${c.target}`);
  }
}

/**
 * What stops a commit of these rosters, in the order the commit meets them: an empty target
 * roster, a malformed roster, a department with fewer active inspectors than a team needs. None
 * when the commit can go ahead; the roster preview lists them all.
 */
export function commitProblems(r: DrawRosters, departmentName = (d: string) => ({ zh: `部门 ${d} `, en: `Department ${d}` })): DrawError[] {
  const problems: DrawError[] = [];
  if (!r.targets.length) problems.push(new DrawError('empty_roster', '按筛选条件没有可抽取的检查对象', 'No enterprise matches the task\'s filters'));
  try {
    checkRosters(r);
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
    problems.push(e);
  }
  for (const d of r.departments) {
    if (r.inspectors.filter((i) => i.department === d).length < r.perDepartment) {
      const name = departmentName(d);
      problems.push(new DrawError('insufficient_inspectors', `${name.zh}的在岗执法人员少于 ${r.perDepartment} 名`, `${name.en} has fewer than ${r.perDepartment} active inspectors`));
    }
  }
  return problems;
}

/** The commitment published before the draw. */
export const rosterCommitment = (r: DrawRosters) => sha256(canonicalRosters(r));

export function checkWitness(value: string): string {
  const v = canonicalWitness(value);
  if (!v || v.length > 200 || v.includes('/')) {
    throw new DrawError('invalid_witness_value', '见证值须为 1–200 个字符且不含「/」', 'The witness value must be 1–200 characters without "/"');
  }
  return v;
}

export const SERVER_RANDOM_PATTERN = /^[0-9a-f]{64}$/;

/** RFC 3797's key: each source followed by "/"; the seed is its SHA-256. */
export function drawSeed(serverRandom: string, witness: string): string {
  if (!SERVER_RANDOM_PATTERN.test(serverRandom)) throw new DrawError('invalid_server_random', '服务器随机数格式错误', 'Malformed server random');
  checkWitness(witness);
  return sha256(seedKey(serverRandom, witness));
}

/** ⌈count × basisPoints / 10000⌉ in integers. */
export const quotaFor = (count: number, basisPoints: number) => Math.ceil((count * basisPoints) / 10000);

export const targetScore = (seed: string, id: string) => sha256(`${seed}/${id}`);
export const inspectorScore = (seed: string, target: string, inspector: string) => sha256(`${seed}/${target}/${inspector}`);

/** Items ranked by score, ascending; the identifier breaks a tie no hash will ever make. */
function ranked<T extends { id: string }>(items: readonly T[], score: (item: T) => string): T[] {
  return lowest(items, items.length, score);
}

type Scored<T> = { item: T; s: string };
const before = <T extends { id: string }>(a: Scored<T>, b: Scored<T>) => a.s < b.s || (a.s === b.s && a.item.id < b.item.id);

/**
 * The `k` items of lowest score in ranking order, holding only `k` of them at a time (a max-heap
 * of the best so far): a draw of 3 % of a million ranks 30,000, not a million.
 */
function lowest<T extends { id: string }>(items: readonly T[], k: number, score: (item: T) => string): T[] {
  const heap: Scored<T>[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[p], heap[i])) return;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[m], heap[l])) m = l;
      if (r < heap.length && before(heap[m], heap[r])) m = r;
      if (m === i) return;
      [heap[m], heap[i]] = [heap[i], heap[m]];
      i = m;
    }
  };
  if (k <= 0) return [];
  for (const item of items) {
    const x = { item, s: score(item) };
    if (heap.length < k) {
      heap.push(x);
      up(heap.length - 1);
    } else if (before(x, heap[0])) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1)).map((x) => x.item);
}

/** The rosters grouped once for a draw: each department's inspectors and each target's declared conflicts. */
interface RosterIndex {
  byDepartment: Map<string, DrawInspector[]>;
  conflictsOf: Map<string, Set<string>>;
}

function indexRosters(r: DrawRosters): RosterIndex {
  const byDepartment = new Map<string, DrawInspector[]>(r.departments.map((d) => [d, []]));
  for (const i of r.inspectors) byDepartment.get(i.department)?.push(i);
  const conflictsOf = new Map<string, Set<string>>();
  for (const c of r.conflicts) conflictsOf.set(c.target, (conflictsOf.get(c.target) ?? new Set()).add(c.inspector));
  return { byDepartment, conflictsOf };
}

function eligibleFor(index: RosterIndex, target: string, department: string): DrawInspector[] {
  const conflicted = index.conflictsOf.get(target);
  const all = index.byDepartment.get(department) ?? [];
  return conflicted ? all.filter((i) => !conflicted.has(i.id)) : all;
}

/** The drawn targets, stratum by stratum (strata in code order), each in its ranking's order. */
export function drawTargets(r: DrawRosters, seed: string): DrawnTarget[] {
  const byStratum = new Map<string, DrawTarget[]>(r.strata.map((s) => [s.stratum, []]));
  for (const t of r.targets) byStratum.get(t.stratum)!.push(t);
  const drawn: DrawnTarget[] = [];
  for (const s of [...r.strata].sort((a, b) => byText(a.stratum, b.stratum))) {
    const members = byStratum.get(s.stratum)!;
    const quota = quotaFor(members.length, s.basisPoints);
    lowest(members, quota, (t) => targetScore(seed, t.id)).forEach((t, i) => drawn.push({ id: t.id, stratum: s.stratum, rank: i + 1 }));
  }
  return drawn;
}

/** The department's inspectors eligible for the target (no declared conflict), in ranking order. */
export function inspectorRanking(r: DrawRosters, seed: string, target: string, department: string): string[] {
  return ranked(eligibleFor(indexRosters(r), target, department), (i) => inspectorScore(seed, target, i.id)).map((i) => i.id);
}

const tooFew = (target: string, department: string, n: number) => new DrawError('insufficient_inspectors',
  `部门 ${department} 对检查对象 ${target} 可抽取的执法人员不足 ${n} 名`, `Department ${department} has fewer than ${n} eligible inspectors for target ${target}`);

/** For each drawn target and department (departments in code order), the first `perDepartment` of its ranking. */
export function drawTeams(r: DrawRosters, seed: string, targets: readonly DrawnTarget[]): Team[] {
  const departments = [...r.departments].sort(byText);
  const index = indexRosters(r);
  return targets.flatMap((t) => departments.map((department) => {
    const eligible = eligibleFor(index, t.id, department);
    if (eligible.length < r.perDepartment) throw tooFew(t.id, department, r.perDepartment);
    return { target: t.id, department, inspectors: lowest(eligible, r.perDepartment, (i) => inspectorScore(seed, t.id, i.id)).map((i) => i.id) };
  }));
}

/**
 * Applies recusals in order: the recused inspector leaves the target's team and the next in the
 * ranking, neither on the team nor recused for the target before, takes the place.
 */
export function applyRecusals(r: DrawRosters, seed: string, teams: readonly Team[], recusals: readonly Recusal[]): { teams: Team[]; replacements: Replacement[] } {
  const out = teams.map((t) => ({ ...t, inspectors: [...t.inspectors] }));
  const recused = new Map<string, Set<string>>();
  const replacements: Replacement[] = [];
  for (const rec of recusals) {
    const team = out.find((t) => t.target === rec.target && t.inspectors.includes(rec.inspector));
    if (!team) {
      throw new DrawError('not_on_team', `执法人员 ${rec.inspector} 不在检查对象 ${rec.target} 的检查组中`, `Inspector ${rec.inspector} is not on the team for target ${rec.target}`);
    }
    const gone = recused.get(rec.target) ?? new Set<string>();
    gone.add(rec.inspector);
    recused.set(rec.target, gone);
    const next = inspectorRanking(r, seed, rec.target, team.department).find((id) => !gone.has(id) && !team.inspectors.includes(id));
    if (!next) throw tooFew(rec.target, team.department, r.perDepartment);
    team.inspectors[team.inspectors.indexOf(rec.inspector)] = next;
    replacements.push({ ...rec, department: team.department, replacement: next });
  }
  return { teams: out, replacements };
}

/** The whole draw: checks the rosters, draws the targets and their teams. */
export function runDraw(r: DrawRosters, seed: string): DrawResult {
  checkRosters(r);
  const targets = drawTargets(r, seed);
  return { targets, teams: drawTeams(r, seed, targets) };
}

/** What a task stores of its draw, as the published document is built from it. */
export interface StoredDraw {
  taskId: number;
  taskCode: string;
  title: string;
  rosters: DrawRosters;
  commitment: string;
  committedAt: string;
  serverRandomHash: string;
  seedSource: { zh: string; en: string };
  /** Null until drawn. */
  drawn: { serverRandom: string; witnessValue: string; seed: string; at: string; result: DrawResult } | null;
  recusals: readonly Replacement[];
  redraws: PublishedDraw['redraws'];
}

/** The public draw document (`GET /api/public/inspections/:taskId/draw`): everything `bin/verify-draw.mjs` re-runs. */
export function drawDocument(d: StoredDraw): PublishedDraw {
  return {
    format: DRAW_FORMAT, taskId: d.taskId, taskCode: d.taskCode, title: d.title, rosters: d.rosters,
    commitment: d.commitment, committedAt: d.committedAt, serverRandomHash: d.serverRandomHash, seedSource: d.seedSource,
    serverRandom: d.drawn?.serverRandom ?? null, witnessValue: d.drawn?.witnessValue ?? null, seed: d.drawn?.seed ?? null, drawnAt: d.drawn?.at ?? null,
    // In a fixed key order (stored as jsonb, the keys come back reordered).
    result: d.drawn ? {
      targets: d.drawn.result.targets.map(({ id, stratum, rank }) => ({ id, stratum, rank })),
      teams: d.drawn.result.teams.map(({ target, department, inspectors }) => ({ target, department, inspectors })),
    } : null,
    recusals: d.recusals.map(({ target, inspector, department, replacement }) => ({ target, inspector, department, replacement })),
    redraws: d.redraws,
  };
}
