/** Checks every case's event chain: the kernel's verifier over the case chain, in the case's terms. */
import type { Db } from '../platform/db/engine.js';
import { verifyChains } from '../platform/lifecycle/index.js';
import { CASE_STORE } from './store.js';

export async function verifyCaseChains(db: Db, onProgress?: (done: number, total: number) => void) {
  const { ok, items, events, uncovered, problems } = await verifyChains(db, CASE_STORE, 'case', onProgress);
  return { ok, cases: items, events, uncovered, problems: problems.map(({ itemId, ...p }) => ({ caseId: itemId, ...p })) };
}
