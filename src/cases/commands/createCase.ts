import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor, Role } from '../../platform/actor.js';
import { ROLE_NAMES } from '../../platform/actor.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { searchTerms } from '../../platform/search/terms.js';
import { usccProblem, normaliseUscc } from '../../enterprises/uscc.js';
import { hotlineCentreFor } from '../../offices/subtree.js';
import { findOffice } from '../../offices/queries.js';
import { findUser } from '../../people/queries.js';
import { DEFAULT_OFFICE_HOURS, toLocalDate } from '../../calendar/rules.js';
import type { CaseRow } from '../record.js';
import { CHANNEL_NAMES, CHANNELS_BY_ROLE as DOORS, SYSTEM_CHANNELS, type Channel, type CreatedCase, type GeoPoint, type IntakeInput } from '../contract.js';
import { bulkCreateWrites, chainEvent, GENESIS_HASH, insertEventsSql } from '../../platform/lifecycle/index.js';
import { CASE_CHAIN, CASE_STATE } from '../store.js';
import { referenceData } from '../reference.js';
import { newLookupSecret, storedSecretHash } from '../lookup-secret.js';

// The input and the answer are the contract's, shared with the web app.
export type { CreatedCase, IntakeInput } from '../contract.js';

/** Which channels each role takes in (the contract's table, which the web form offers too); other roles take in none. */
const CHANNELS_BY_ROLE: Partial<Record<Role | 'public', readonly Channel[]>> = DOORS;

export interface PreparedCase {
  row: Omit<CaseRow, 'id' | 'code' | 'lastEventHash' | 'version' | 'eventCount' | 'updatedAt'>;
  searchTerms: string[];
  /** Where the matter is as coordinates: stored beside the case (not part of its state) and recorded in its first event. */
  location: GeoPoint | null;
  lookupSecret: string | null;
  /** Where to text the secret, when the requester asked for it so. */
  secretSmsPhone: string | null;
  actor: Actor;
}

/**
 * A case as intake creates it: what subscribers of `create` see of it. `lookupSecretSms` is the
 * secret and the phone to text it to, handed to the notifications only and never stored with the
 * case or in its event.
 */
export type CreatedCaseRecord = PreparedCase['row'] & { id: number; code: string; lookupSecretSms: { phone: string; secret: string } | null };

const PHONE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;
export const isPhoneNumber = (s: string) => PHONE.test(s.trim());

/** Checks an appeal and works out everything about it that needs no write: the pure part of intake. */
export interface IntakeOptions {
  /** Through the public door (no account). */
  public?: boolean;
  /** When the case was taken in: now, unless the demo history generator replays the past (never from a request). */
  at?: Date;
  /**
   * Raised by another module's work (`origins.ts`): the channel is the origin's (a service visit
   * is an on-site visit; a visit rating's complaint or an application's bad review comes through a
   * channel only the system takes in, SYSTEM_CHANNELS) rather than a door of the actor's roles.
   */
  raised?: boolean;
}

export async function prepareCase(db: Db, actor: Actor, input: IntakeInput, opts: IntakeOptions = {}): Promise<PreparedCase> {
  const roles: (Role | 'public')[] = opts.public ? ['public'] : [...actor.roles];
  const allowed = new Set(roles.flatMap((r) => CHANNELS_BY_ROLE[r] ?? []));
  if (!opts.raised && SYSTEM_CHANNELS.includes(input.channel)) {
    throw forbidden(`「${CHANNEL_NAMES[input.channel].zh}」渠道的诉求由系统自动受理，不能人工录入`, `Cases of the ${CHANNEL_NAMES[input.channel].en} channel are opened by the system, not taken in by hand`);
  }
  if (!opts.raised && !allowed.has(input.channel)) {
    const takers = (Object.keys(CHANNELS_BY_ROLE) as (Role | 'public')[]).filter((r) => r !== 'public' && CHANNELS_BY_ROLE[r]!.includes(input.channel)) as Role[];
    throw forbidden(
      `您不能受理「${CHANNEL_NAMES[input.channel].zh}」渠道的诉求（需要：${takers.map((r) => ROLE_NAMES[r].zh).join('、')}）`,
      `You cannot take in cases from the ${CHANNEL_NAMES[input.channel].en} channel (needs: ${takers.map((r) => ROLE_NAMES[r].en).join(', ')})`,
    );
  }
  const title = input.title.trim();
  const content = input.content.trim();
  if (!title) throw badRequest('invalid_title', '标题不能为空', 'The title must not be empty');
  if (!content) throw badRequest('invalid_content', '诉求内容不能为空', 'The content must not be empty');
  const ref = await referenceData(db);
  if (input.regionCode && !ref.regionExists(input.regionCode)) throw badRequest('unknown_region', `行政区划代码 ${input.regionCode} 不存在`, `Region code ${input.regionCode} does not exist`);
  if (input.categoryId != null && !ref.categoryActive(input.categoryId)) throw badRequest('unknown_category', `诉求分类 ${input.categoryId} 不存在或已停用`, `Category ${input.categoryId} does not exist or is retired`);

  const requester = { ...input.requester };
  let requesterUserId: number | null = null;
  if (roles.includes('enterprise')) {
    // An enterprise raises appeals as itself: the account says which enterprise.
    if (!actor.enterpriseUscc) throw forbidden('您的企业账号未绑定统一社会信用代码，请联系管理员', 'Your enterprise account has no unified social credit code; ask an administrator');
    requester.kind = 'enterprise';
    requester.uscc = actor.enterpriseUscc;
    requester.name = requester.name?.trim() || (actor.userId !== null ? (await findUser(db, actor.userId))?.name ?? null : null);
    requesterUserId = actor.userId;
  }
  if (requester.kind === 'enterprise') {
    const uscc = normaliseUscc(requester.uscc ?? '');
    const problem = usccProblem(uscc);
    if (problem) {
      throw badRequest('invalid_uscc', `统一社会信用代码 ${uscc || '（空）'} 无效（${{ length: '应为18位', alphabet: '含有不允许的字符（无 I、O、S、V、Z）', check_digit: '校验位不符' }[problem]}）`,
        `The unified social credit code ${uscc || '(empty)'} is invalid (${{ length: 'it must have 18 characters', alphabet: 'it has characters outside the code alphabet (no I, O, S, V, Z)', check_digit: 'the check character does not match' }[problem]})`);
    }
    requester.uscc = uscc;
  } else {
    requester.uscc = null;
  }
  if (requester.kind === 'anonymous') {
    requester.name = null;
    requester.phone = null;
  } else if (!requester.name?.trim()) {
    throw badRequest('requester_name_required', '请填写诉求人姓名或企业名称（不愿留名可选择匿名）', 'Give the requester\'s name or the enterprise name (or choose anonymous)');
  }
  if (requester.phone && !PHONE.test(requester.phone.trim())) throw badRequest('invalid_phone', `电话号码格式不对：${requester.phone}`, `Not a phone number: ${requester.phone}`);

  let intakeOfficeId: number | null = null;
  if (!opts.public && (roles.includes('agent') || roles.includes('dispatcher')) && actor.officeId !== null) {
    intakeOfficeId = actor.officeId;
  } else {
    const regionCode = input.regionCode ?? (actor.officeId !== null ? (await findOffice(db, actor.officeId))?.regionCode ?? null : null);
    intakeOfficeId = await hotlineCentreFor(db, regionCode);
  }
  if (intakeOfficeId === null) throw badRequest('no_hotline_centre', '尚未设立热线中心，无法受理', 'No hotline centre is set up to take the case in');

  const now = opts.at ?? new Date();
  const lookupSecret = opts.public || requester.kind !== 'anonymous' ? newLookupSecret() : null;
  const phone = requester.phone?.trim() || null;
  if (input.sendSecretBySms && (!lookupSecret || !phone)) {
    throw badRequest('secret_sms_needs_phone', '短信发送查询密码需要诉求人的手机号码', 'Texting the lookup secret needs the requester\'s phone number');
  }
  return {
    actor,
    lookupSecret,
    secretSmsPhone: input.sendSecretBySms ? phone : null,
    searchTerms: searchTerms(`${title} ${content.slice(0, 800)} ${input.address ?? ''}`),
    location: input.location ? { lat: input.location.lat, long: input.location.long } : null,
    row: {
      channel: input.channel, type: input.type, priority: input.priority ?? 'normal', status: 'accepted', title, content,
      address: input.address?.trim() || null, regionCode: input.regionCode ?? null, categoryId: input.categoryId ?? null,
      requesterKind: requester.kind, requesterName: requester.name?.trim() || null, requesterPhone: requester.phone?.trim() || null,
      requesterUscc: requester.uscc ?? null, requesterUserId, confidential: input.type === 'report' || !!input.confidential,
      intakeOfficeId, leadOfficeId: null, assistingOfficeIds: [], acceptedAt: now,
      dispatchedAt: null, signedAt: null, repliedAt: null, reviewedAt: null, closedAt: null, clockStartedAt: null, signDueAt: null, replyDueAt: null,
      clockPausedAt: null, pausedMinutes: 0, extensionDays: 0, extensionsGranted: 0, pendingExtension: null, dueState: 'on_time',
      wasOverdue: false, signLate: null, replyLate: null, reply: null, outcome: null, visit: null, evaluation: null, supervisionLevel: null,
      returnCount: 0, transferCount: 0, reopenCount: 0, escalationLevel: 0, mergedIntoId: null,
    },
  };
}

/** Takes `n` case ids from the sequence (ids taken and never used leave a gap, as after any rollback). */
export async function nextCaseIds(db: Db, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select nextval(pg_get_serial_sequence('cases', 'id')) as id from generate_series(1, ${n})`);
  return rows.map((r) => r.id);
}

/**
 * Writes prepared cases and their first events in one statement — so a batch of concurrent
 * intakes commits together (group commit) — after an id query unless the caller brings the ids.
 * The rows travel as two JSON parameters rather than one parameter per column and row, which
 * keeps building, sending and parsing a batch of 200 cheap (`json`, not `jsonb`: read once, never
 * stored). The insert — cases, first events and what the subscribers write of them — is a single
 * statement, hence atomic on its own: `db` may be a transaction or not.
 */
export async function insertCases(db: Db, batch: PreparedCase[], ids?: number[]): Promise<CreatedCase[]> {
  if (!ids) ids = await nextCaseIds(db, batch.length);
  if (ids.length !== batch.length) throw new Error(`insertCases: ${batch.length} cases but ${ids.length} ids`);
  const rows = batch.map((p, i) => {
    const id = ids[i];
    const day = toLocalDate(p.row.acceptedAt, DEFAULT_OFFICE_HOURS).replace(/-/g, '');
    const code = `${day}${String(id).padStart(5, '0')}`;
    const event = chainEvent(GENESIS_HASH, {
      itemId: id, seq: 1, at: p.row.acceptedAt.toISOString(), action: 'create', actorUserId: p.actor.userId, actorName: p.actor.name,
      actorOfficeId: p.actor.officeId, fromStatus: null, toStatus: 'accepted',
      data: { channel: p.row.channel, type: p.row.type, priority: p.row.priority, title: p.row.title, intakeOfficeId: p.row.intakeOfficeId, regionCode: p.row.regionCode, categoryId: p.row.categoryId, ...(p.location ? { location: p.location } : {}) },
      // The case as the insert below stores it (the prepared row holds every field of its state).
      stateHash: CASE_STATE.hash({ ...p.row, id, code, version: 1, eventCount: 0, lastEventHash: GENESIS_HASH, updatedAt: p.row.acceptedAt }),
    });
    return { p, id, code, event };
  });
  const cases = rows.map(({ p, id, code, event }) => ({
    id, code, channel: p.row.channel, type: p.row.type, priority: p.row.priority, title: p.row.title, content: p.row.content, address: p.row.address,
    regionCode: p.row.regionCode, categoryId: p.row.categoryId, requesterKind: p.row.requesterKind, requesterName: p.row.requesterName,
    requesterPhone: p.row.requesterPhone, requesterUscc: p.row.requesterUscc, requesterUserId: p.row.requesterUserId, confidential: p.row.confidential,
    lookupSecretHash: p.lookupSecret ? storedSecretHash(p.lookupSecret) : null, intakeOfficeId: p.row.intakeOfficeId, createdBy: p.actor.userId,
    acceptedAt: event.at, searchTerms: p.searchTerms, lastEventHash: event.hash, lat: p.location?.lat ?? null, long: p.location?.long ?? null,
  }));
  // The subscribers (the evaluation's figures) take the new cases in as parts of the same statement.
  const followers = bulkCreateWrites<CreatedCaseRecord>('case', rows.map(({ p, id, code, event }) => ({
    type: 'case', event, before: null,
    after: { ...p.row, id, code, lookupSecretSms: p.secretSmsPhone && p.lookupSecret ? { phone: p.secretSmsPhone, secret: p.lookupSecret } : null },
  })));
  await db.execute(sql`with new_cases as (
      insert into cases (id, code, channel, type, priority, status, title, content, address, region_code, category_id,
        requester_kind, requester_name, requester_phone, requester_uscc, requester_user_id, confidential, lookup_secret_hash,
        intake_office_id, created_by, accepted_at, search_terms, event_count, last_event_hash, lat, long)
      overriding system value
      select c.id, c.code, c.channel, c.type, c.priority, 'accepted', c.title, c.content, c.address, c."regionCode", c."categoryId",
        c."requesterKind", c."requesterName", c."requesterPhone", c."requesterUscc", c."requesterUserId", c.confidential, c."lookupSecretHash",
        c."intakeOfficeId", c."createdBy", c."acceptedAt"::timestamptz, c."searchTerms", 1, c."lastEventHash", c.lat, c.long
      from json_to_recordset(${JSON.stringify(cases)}::json) as c(id bigint, code text, channel text, type text, priority text, title text,
        content text, address text, "regionCode" text, "categoryId" int, "requesterKind" text, "requesterName" text, "requesterPhone" text,
        "requesterUscc" text, "requesterUserId" int, confidential boolean, "lookupSecretHash" text, "intakeOfficeId" int, "createdBy" int,
        "acceptedAt" text, "searchTerms" text[], "lastEventHash" text, lat double precision, long double precision)
      returning id),
    new_events as (${insertEventsSql(CASE_CHAIN, rows.map((r) => r.event))})${followers.length ? sql`, ` : sql``}
    ${sql.join(followers.map((w, i) => sql`${sql.raw(`followers${i}`)} as (${w})`), sql`, `)}
    select 1`);
  return rows.map((r) => ({
    id: r.id, code: r.code, version: 1, status: 'accepted' as const,
    ...(r.p.lookupSecret ? { lookupSecret: r.p.lookupSecret } : {}), ...(r.p.secretSmsPhone ? { secretSentBySms: true } : {}),
  }));
}

/** Takes in one appeal (受理) from any channel. */
export async function createCase(db: Db, actor: Actor, input: IntakeInput, opts: IntakeOptions = {}): Promise<CreatedCase> {
  const prepared = await prepareCase(db, actor, input, opts);
  const [created] = await db.transaction((tx) => insertCases(tx, [prepared]));
  return created;
}
