import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { ROLE_NAMES } from '../../platform/actor.js';
import { AppError, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { workingCalendar } from '../../calendar/store.js';
import type { WorkingCalendar } from '../../calendar/rules.js';
import { ACTION_NAMES, ACTION_RULES, canRead, checkAction, STATUS_NAMES, type CaseAction, type CaseStatus, type Relation } from '../lifecycle.js';
import type { DeadlinePolicy } from '../deadlines.js';
import type { CaseRow } from '../record.js';
import { relationsTo } from '../access.js';
import { casePolicy } from '../settings.js';
import { lockCase, writeCaseChange } from '../store.js';
import { notificationsFor } from '../notify.js';
import { enqueueMany } from '../../notifications/index.js';

export const CASE = { zh: '诉求', en: 'case' };

export interface ActionContext {
  tx: Db;
  actor: Actor;
  row: CaseRow;
  relations: Relation[];
  now: Date;
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
}

export interface ActionOutcome {
  /** Fields to change; `status` defaults to where the action leads. */
  changes?: Partial<CaseRow>;
  /** What the event records beyond the status change. */
  event?: Record<string, unknown>;
  /** Work to do in the same transaction after the change (notifications, links). */
  after?: (tx: Db, updated: CaseRow) => Promise<void>;
}

export interface ActionRequest {
  caseId: number;
  action: CaseAction;
  /** The version the caller last read. */
  version: number;
  /** Set by the public endpoint once the lookup secret matched. */
  asRequester?: boolean;
  /** When the action happened: now, unless the demo history generator replays the past (never from a request). */
  at?: Date;
}

/**
 * Every case action runs here: lock the case, check the actor may see it (else 404), may do this
 * (403 naming the roles), read the current version (409) and that the status allows it (409
 * naming the status); then apply the change and append its event in the same transaction.
 */
export async function runCaseAction(db: Db, actor: Actor, req: ActionRequest, apply: (ctx: ActionContext) => Promise<ActionOutcome> | ActionOutcome): Promise<CaseRow> {
  const calendar = await workingCalendar(db);
  const { policy } = await casePolicy(db);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, req.caseId);
    if (!row) throw notFound(CASE, req.caseId);
    const relations = await relationsTo(tx, actor, row);
    if (req.asRequester) relations.push('requester');
    const roles = req.asRequester ? [...actor.roles, 'public' as const] : actor.roles;
    if (!canRead(roles, relations)) throw notFound(CASE, req.caseId);
    const refusal = checkAction(req.action, row.status, roles, relations);
    const name = ACTION_NAMES[req.action];
    if (refusal?.kind === 'role') {
      const roleList = [...new Set(refusal.needs.map((n) => n.role))].filter((r) => r !== 'public') as (keyof typeof ROLE_NAMES)[];
      throw forbidden(
        `您无权对此诉求${name.zh}：需要 ${roleList.map((r) => ROLE_NAMES[r].zh).join('、')} 且诉求属于您的单位`,
        `You may not ${name.en} this case: it needs the role ${roleList.map((r) => ROLE_NAMES[r].en).join(' or ')} in an office the case belongs to`,
      );
    }
    if (row.version !== req.version) throw staleVersion(CASE, row.version);
    if (refusal?.kind === 'status') {
      throw conflict('wrong_status',
        `诉求当前状态为「${STATUS_NAMES[row.status].zh}」，不能${name.zh}（仅限：${refusal.allowedFrom.map((s) => STATUS_NAMES[s].zh).join('、')}）`,
        `The case is ${STATUS_NAMES[row.status].en}; it cannot ${name.en} now (only when ${refusal.allowedFrom.map((s) => STATUS_NAMES[s].en).join(', ')})`,
        { status: row.status, allowedFrom: refusal.allowedFrom });
    }
    const now = req.at ?? new Date();
    const outcome = await apply({ tx, actor, row, relations, now, calendar, policy });
    const to: CaseStatus = outcome.changes?.status ?? ACTION_RULES[req.action].to ?? row.status;
    const changes: Partial<CaseRow> = { ...outcome.changes, status: to };
    const lastEventHash = await writeCaseChange(tx, row, changes, {
      at: now.toISOString(), action: req.action, actorUserId: actor.userId, actorName: actor.name, actorOfficeId: actor.officeId,
      data: outcome.event ?? {},
    });
    const updated: CaseRow = { ...row, ...changes, version: row.version + 1, eventCount: row.eventCount + 1, lastEventHash, updatedAt: now };
    await outcome.after?.(tx, updated);
    await enqueueMany(tx, notificationsFor(req.action, row, updated, outcome.event ?? {}));
    return updated;
  });
}

/** A refusal inside an action's own rules (e.g. extension days beyond the policy). */
export const actionRefused = (code: string, zh: string, en: string, status = 409) => new AppError(status, code, zh, en);
