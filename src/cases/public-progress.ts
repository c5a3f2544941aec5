/**
 * Reading a case at the public door: found by its code and lookup secret (the secret is the only
 * credential: a wrong one and an unknown code get the same 404), answered as the public view.
 */
import { timingSafeEqual } from 'node:crypto';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { notFound } from '../platform/errors.js';
import { workingCalendar } from '../calendar/store.js';
import { officeNames } from '../offices/subtree.js';
import type { PublicProgress } from './contract.js';
import type { CaseRow } from './record.js';
import { casePolicy } from './settings.js';
import { listCaseEvents, loadCase } from './store.js';
import { currentDeadline } from './view.js';
import { candidateHashes } from './lookup-secret.js';
import { CASE } from './commands/runAction.js';
import { officesNamedInTimeline, publicProgressView } from './public-view.js';

const NO_HASH = Buffer.alloc(32);

/**
 * The case with this code whose lookup secret matches, or the same 404 whether the code is
 * unknown, has no secret or the secret is wrong. The hashes are compared in constant time, and
 * a hash is computed and compared even when there is nothing to compare with.
 */
export async function findCaseBySecret(db: Db, code: string, secret: string): Promise<CaseRow> {
  const [found] = await queryRows<{ id: number; hash: string | null }>(db, sql`select id, lookup_secret_hash as hash from cases where code = ${code}`);
  const stored = found?.hash && /^[0-9a-f]{64}$/.test(found.hash) ? Buffer.from(found.hash, 'hex') : NO_HASH;
  // Both forms are compared every time, so the timing tells nothing of which matched.
  const [normal, asGiven] = candidateHashes(secret).map((h) => timingSafeEqual(Buffer.from(h, 'hex'), stored));
  const matches = (normal || asGiven) && stored !== NO_HASH;
  const row = matches ? await loadCase(db, found!.id) : null;
  if (!row) throw notFound(CASE, code);
  return row;
}

// ---------------------------------------------------------------------------------------------

/** The public view of a case: its events, the office names they mention and its current deadline. */
export async function publicProgress(db: Db, row: CaseRow, now = new Date()): Promise<PublicProgress> {
  const [events, cal, { policy }] = await Promise.all([listCaseEvents(db, row.id), workingCalendar(db), casePolicy(db)]);
  return publicProgressView(row, events, await officeNames(db, officesNamedInTimeline(row, events)), currentDeadline(cal, policy, row, now));
}

// ---------------------------------------------------------------------------------------------
