#!/usr/bin/env node
// Re-runs a published random-inspection draw (双随机) and says whether it matches:
//   node bin/verify-draw.mjs FILE_OR_URL
// FILE_OR_URL is the JSON of GET /api/public/inspections/:taskId/draw, saved or live. Node
// built-ins only, and nothing from the server's code: anyone can read these lines and check the
// draw on their own machine. The rules (src/inspections/draw.ts says the same):
//   commitment = SHA-256 of the canonical rosters (sorted lines, below);
//   seed       = SHA-256(serverRandom "/" witness "/"), RFC 3797 style, witness NFKC-trimmed;
//   targets    = per stratum, rank by SHA-256(seed "/" id), take ceil(count × bp / 10000);
//   teams      = per target and department, rank the department's inspectors without a declared
//                conflict by SHA-256(seed "/" target "/" inspector), take perDepartment;
//   recusals   = in order, the next in that ranking neither on the team nor recused takes the place.
// Exit 0: match; 1: mismatch (each difference printed); 2: unreadable input.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function canonical(r) {
  const lines = [
    'qinqing-draw/1', `task:${r.task}`, `per-department:${r.perDepartment}`,
    ...[...r.departments].sort(byText).map((d) => `department:${d}`),
    ...r.strata.map((s) => `stratum:${s.stratum}:${s.basisPoints}`).sort(byText),
    ...r.targets.map((t) => `target:${t.id}:${t.stratum}`).sort(byText),
    ...r.inspectors.map((i) => `inspector:${i.id}:${i.department}`).sort(byText),
    ...[...new Set(r.conflicts.map((c) => `conflict:${c.inspector}:${c.target}`))].sort(byText),
  ];
  return lines.map((l) => `${l}\n`).join('');
}

const rank = (items, score) => items.map((id) => ({ id, s: score(id) })).sort((a, b) => byText(a.s, b.s) || byText(a.id, b.id)).map((x) => x.id);

function inspectorRanking(r, seed, target, department) {
  const conflicted = new Set(r.conflicts.filter((c) => c.target === target).map((c) => c.inspector));
  const eligible = r.inspectors.filter((i) => i.department === department && !conflicted.has(i.id)).map((i) => i.id);
  return rank(eligible, (id) => sha256(`${seed}/${target}/${id}`));
}

function redraw(r, seed) {
  const targets = [];
  for (const s of [...r.strata].sort((a, b) => byText(a.stratum, b.stratum))) {
    const members = r.targets.filter((t) => t.stratum === s.stratum).map((t) => t.id);
    const quota = Math.ceil((members.length * s.basisPoints) / 10000);
    rank(members, (id) => sha256(`${seed}/${id}`)).slice(0, quota).forEach((id, i) => targets.push({ id, stratum: s.stratum, rank: i + 1 }));
  }
  const departments = [...r.departments].sort(byText);
  const teams = targets.flatMap((t) => departments.map((department) => ({
    target: t.id, department, inspectors: inspectorRanking(r, seed, t.id, department).slice(0, r.perDepartment),
  })));
  return { targets, teams };
}

function replacements(r, seed, teams, recusals) {
  const current = teams.map((t) => ({ ...t, inspectors: [...t.inspectors] }));
  const recused = new Map();
  return recusals.map((rec) => {
    const team = current.find((t) => t.target === rec.target && t.inspectors.includes(rec.inspector));
    if (!team) return null;
    const gone = recused.get(rec.target) ?? new Set();
    gone.add(rec.inspector);
    recused.set(rec.target, gone);
    const next = inspectorRanking(r, seed, rec.target, team.department).find((id) => !gone.has(id) && !team.inspectors.includes(id)) ?? null;
    if (next) team.inspectors[team.inspectors.indexOf(rec.inspector)] = next;
    return next;
  });
}

async function load(source) {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

function verify(doc) {
  const problems = [];
  if (doc.format !== 'qinqing-draw/1') problems.push(`unknown format ${doc.format}`);
  const r = doc.rosters;
  const commitment = sha256(canonical(r));
  if (commitment !== doc.commitment) problems.push(`commitment: published ${doc.commitment}, rosters hash to ${commitment}`);
  if (doc.seed === null) return { problems, drawn: false };
  if (sha256(doc.serverRandom) !== doc.serverRandomHash) problems.push('server random: it does not hash to the hash published at the commit');
  const witness = String(doc.witnessValue).normalize('NFKC').trim().replace(/\s+/gu, ' ');
  const seed = sha256(`${doc.serverRandom}/${witness}/`);
  if (seed !== doc.seed) problems.push(`seed: published ${doc.seed}, sources give ${seed}`);
  const again = redraw(r, seed);
  // Compared by value, whatever order a JSON writer put the keys in.
  const targetsText = (list) => list.map((t) => `${t.id}:${t.stratum}:${t.rank}`).join('\n');
  const teamsText = (list) => list.map((t) => `${t.target}:${t.department}:${t.inspectors.join(',')}`).join('\n');
  if (targetsText(again.targets) !== targetsText(doc.result.targets)) problems.push('targets: the published targets differ from the re-run draw');
  if (teamsText(again.teams) !== teamsText(doc.result.teams)) problems.push('inspectors: the published teams differ from the re-run draw');
  const next = replacements(r, seed, again.teams, doc.recusals);
  doc.recusals.forEach((rec, i) => {
    if (next[i] !== rec.replacement) problems.push(`recusal ${i + 1} (${rec.inspector} for ${rec.target}): published replacement ${rec.replacement}, the ranking gives ${next[i]}`);
  });
  return { problems, drawn: true, targets: again.targets.length };
}

const source = process.argv[2];
if (!source) {
  console.error('usage: node bin/verify-draw.mjs FILE_OR_URL');
  process.exit(2);
}
let doc;
try {
  doc = await load(source);
} catch (e) {
  console.error(`cannot read ${source}: ${e.message}`);
  process.exit(2);
}
const { problems, drawn, targets } = verify(doc);
if (problems.length) {
  console.log(`mismatch: task ${doc.taskCode}`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
const redraws = doc.redraws?.length ? `, ${doc.redraws.length} earlier draw(s) set aside (reasons published)` : '';
console.log(drawn ? `match: task ${doc.taskCode}, ${targets} targets, ${doc.recusals.length} recusals${redraws}` : `match: task ${doc.taskCode} commitment (not drawn yet)${redraws}`);
process.exit(0);
