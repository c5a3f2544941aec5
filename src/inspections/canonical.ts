/**
 * The canonical texts of a draw, with no imports: the server hashes them (draw.ts) and the web
 * app's draw page hashes them in the browser (SubtleCrypto) to check a published commitment and
 * seed, so both read the same lines.
 */

export const DRAW_FORMAT = 'qinqing-draw/1';

/** What the canonical rosters are made of (draw.ts DrawRosters). */
export interface CanonicalRosters {
  task: string;
  perDepartment: number;
  departments: readonly string[];
  strata: readonly { stratum: string; basisPoints: number }[];
  targets: readonly { id: string; stratum: string }[];
  inspectors: readonly { id: string; department: string }[];
  conflicts: readonly { inspector: string; target: string }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rosters as one text, one line each, every list sorted by its identifier (code-unit order),
 * so the same rosters in any order give the same text:
 * `qinqing-draw/1`, `task:T`, `per-department:N`, `department:D`…, `stratum:S:BP`…,
 * `target:ID:S`…, `inspector:ID:D`…, `conflict:INSPECTOR:TARGET`…, each line ending in "\n".
 */
export function canonicalRosters(r: CanonicalRosters): string {
  const lines = [
    DRAW_FORMAT, `task:${r.task}`, `per-department:${r.perDepartment}`,
    ...[...r.departments].sort(byText).map((d) => `department:${d}`),
    ...r.strata.map((s) => `stratum:${s.stratum}:${s.basisPoints}`).sort(byText),
    ...r.targets.map((t) => `target:${t.id}:${t.stratum}`).sort(byText),
    ...r.inspectors.map((i) => `inspector:${i.id}:${i.department}`).sort(byText),
    ...[...new Set(r.conflicts.map((c) => `conflict:${c.inspector}:${c.target}`))].sort(byText),
  ];
  return lines.map((l) => `${l}\n`).join('');
}

/** The witness value as it enters the seed: Unicode NFKC, trimmed, each run of white space one space. */
export function canonicalWitness(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/** RFC 3797's key of the two sources, each followed by "/": its SHA-256 is the seed. */
export const seedKey = (serverRandom: string, witness: string) => `${serverRandom}/${canonicalWitness(witness)}/`;
