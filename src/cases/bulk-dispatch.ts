/**
 * Dispatching several accepted cases at once (批量派单): each case goes through the one dispatch
 * action with the version its sender read, in its own transaction, so one case changed meanwhile
 * (409) or refused (4xx) leaves the others dispatched; the answer says what happened to each.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { requireRole } from '../auth/permissions.js';
import type { BulkDispatchResult } from './contract.js';
import { runCaseAction } from './commands/runAction.js';
import { actionResult } from './queries.js';

export const MAX_BULK_DISPATCH = 100;

export interface BulkDispatchItem {
  id: number;
  version: number;
  leadOfficeId: number;
  assistingOfficeIds?: number[];
  note?: string;
}

export async function bulkDispatch(db: Db, actor: Actor, items: readonly BulkDispatchItem[]): Promise<BulkDispatchResult[]> {
  // Refused as a whole to those who may dispatch nothing; each case is then checked on its own (scope, status, version).
  requireRole(actor, ['dispatcher'], { zh: '批量派单', en: 'dispatch cases in bulk' });
  const results: BulkDispatchResult[] = [];
  for (const { id, version, ...input } of items) {
    try {
      const row = await runCaseAction(db, actor, { caseId: id, action: 'dispatch', version, input });
      results.push({ id, ok: true, status: 200, case: await actionResult(db, actor, row) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ id, ok: false, status: e.status, code: e.code, messageZh: e.messageZh, messageEn: e.messageEn });
    }
  }
  return results;
}
