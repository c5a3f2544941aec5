/**
 * Matching: a published policy revision evaluated for enterprises and pushed to each that is
 * eligible, once per revision (the push is a work item of its own; its first event `push` is
 * what the notifications module tells the enterprise of). A 免申即享 policy is granted at once,
 * without an application, to an enterprise whose eligibility rests on the registry's
 * authoritative facts alone.
 *
 * It runs at two moments. Publishing a policy (or changing a published one's content) matches
 * it against the whole registry in the publishing transaction, a page at a time. A change to the
 * registry (a form, an import) or to an enterprise's facts only queues the enterprise in that
 * transaction (`policy_rematch_queue`); the matching job drains the queue in batches, each its
 * own transaction, so a 10,000-row import stays one quick statement longer instead of evaluating
 * every policy for every row inside it (figures in BENCHMARKS.md).
 */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { bulkCreateWrites, chainEvent, GENESIS_HASH, insertEventsSql } from '../../platform/lifecycle/index.js';
import type { EnterpriseChangeSubscriber } from '../../platform/enterprise-changes.js';
import { findEnterprisesByIds, registryPage, type EnterpriseView } from '../../enterprises/index.js';
import { beijingDate, evaluatePolicy, registryFacts } from '../eligibility.js';
import type { MatchRow, PolicyRow } from '../lifecycle.js';
import { factsOf, MATCH_CHAIN, MATCHES, POLICIES, publishedPolicies, queueRematch } from '../store.js';
import { MATCH_TYPE } from './matchActions.js';

/** Matching acts as the system, recorded as such on every push. */
export const MATCHING_ACTOR: Actor = { userId: null, name: 'system:policy-matching', roles: [], officeId: null, officePath: null };

const PAGE = 500;

export interface MatchTally {
  evaluated: number;
  pushed: number;
  /** Granted without an application (免申即享). */
  granted: number;
}

const add = (a: MatchTally, b: MatchTally): MatchTally => ({ evaluated: a.evaluated + b.evaluated, pushed: a.pushed + b.pushed, granted: a.granted + b.granted });
const NONE: MatchTally = { evaluated: 0, pushed: 0, granted: 0 };

/**
 * Evaluates the policy for these enterprises and pushes it to each eligible one it was not yet
 * pushed to in this revision. The pushes of a page are written together — their rows, their
 * first events and what the subscribers make of them (the notices) a statement each — and so are
 * the 免申即享 grants that follow them.
 */
async function pushTo(tx: Db, policy: PolicyRow, enterprises: readonly EnterpriseView[], now: Date): Promise<MatchTally> {
  if (!enterprises.length) return NONE;
  const ids = enterprises.map((e) => e.id);
  const facts = await factsOf(tx, ids);
  const pushedBefore = new Set((await queryRows<{ enterpriseId: number }>(tx, sql`select enterprise_id as "enterpriseId" from policy_matches
    where policy_id = ${policy.id} and revision = ${policy.revision} and enterprise_id = any(${`{${ids.join(',')}}`}::int[])`)).map((r) => r.enterpriseId));
  const asOf = beijingDate(now);
  const eligible = enterprises.flatMap((e) => {
    if (pushedBefore.has(e.id)) return [];
    const evaluation = evaluatePolicy(policy, [...registryFacts(e), ...(facts.get(e.id) ?? [])], asOf);
    return evaluation.result === 'eligible' ? [{ e, evaluation }] : [];
  });
  const tally = { ...NONE, evaluated: enterprises.length, pushed: eligible.length };
  if (!eligible.length) return tally;
  const at = now.toISOString();
  const inserted = await queryRows<{ id: number }>(tx, sql`insert into policy_matches
      (policy_id, revision, policy_title, enterprise_id, uscc, enterprise_name, region_code, industry_division, status, evaluation, automatic, pushed_at)
    select ${policy.id}, ${policy.revision}, ${policy.title}, r."enterpriseId", r.uscc, r.name, r."regionCode", r."industryDivision", 'pushed', r.evaluation, false, ${at}::timestamptz
    from json_to_recordset(${JSON.stringify(eligible.map(({ e, evaluation }) => ({
      enterpriseId: e.id, uscc: e.uscc, name: e.name, regionCode: e.regionCode, industryDivision: e.industryDivision, evaluation,
    })))}::json) as r("enterpriseId" int, uscc text, name text, "regionCode" text, "industryDivision" text, evaluation jsonb)
    returning id`);
  // As stored, with what the table's defaults filled in: the state each first event records.
  const stored = (await queryRows<Record<string, unknown>>(tx, sql`select ${MATCHES.select} from policy_matches m
    where m.id = any(${`{${inserted.map((r) => Number(r.id)).join(',')}}`}::int[]) order by m.id`)).map(MATCHES.toRow);
  const events = stored.map((row) => chainEvent(GENESIS_HASH, {
    itemId: row.id, seq: 1, at, action: 'push', actorUserId: MATCHING_ACTOR.userId, actorName: MATCHING_ACTOR.name, actorOfficeId: MATCHING_ACTOR.officeId,
    fromStatus: null, toStatus: row.status, data: { policyId: policy.id, revision: policy.revision }, stateHash: MATCHES.state.hash(row),
  }));
  await tx.execute(sql`update policy_matches m set event_count = 1, last_event_hash = x.hash, updated_at = ${at}::timestamptz
    from json_to_recordset(${JSON.stringify(events.map((e) => ({ id: e.itemId, hash: e.hash })))}::json) as x(id int, hash text) where m.id = x.id`);
  await tx.execute(insertEventsSql(MATCH_CHAIN, events));
  const pushed = stored.map((row, i) => ({ ...row, eventCount: 1, lastEventHash: events[i].hash }));
  for (const write of bulkCreateWrites(MATCH_TYPE.lifecycle.type, pushed.map((row, i) => ({ type: MATCH_TYPE.lifecycle.type, event: events[i], before: null, after: row })))) {
    await tx.execute(write);
  }
  if (!policy.automaticGrant) return tally;
  const authoritative = new Set(eligible.filter((x) => x.evaluation.authoritative).map((x) => x.e.id));
  tally.granted = await grantAutomatically(tx, policy, pushed.filter((row) => authoritative.has(row.enterpriseId)), at);
  return tally;
}

/**
 * 免申即享: grants the pushes just written, set-based as their pushes were — each push's `grant`
 * event chained to its `push` event, the rows in one statement, the events in one and the
 * subscribers' bulk forms (the notices) in one each.
 */
async function grantAutomatically(tx: Db, policy: PolicyRow, pushed: readonly MatchRow[], at: string): Promise<number> {
  if (!pushed.length) return 0;
  const amount = policy.benefit.amount;
  const decidedAt = new Date(at);
  const granted = pushed.map((before) => {
    const after: MatchRow = { ...before, status: 'granted', automatic: true, grantedAmount: amount, decidedAt };
    const event = chainEvent(before.lastEventHash, {
      itemId: before.id, seq: before.eventCount + 1, at, action: 'grant', actorUserId: MATCHING_ACTOR.userId, actorName: MATCHING_ACTOR.name,
      actorOfficeId: MATCHING_ACTOR.officeId, fromStatus: before.status, toStatus: after.status, data: { automatic: true, amount }, stateHash: MATCHES.state.hash(after),
    });
    return { before, event, after: { ...after, version: before.version + 1, eventCount: event.seq, lastEventHash: event.hash, updatedAt: decidedAt } };
  });
  await tx.execute(sql`update policy_matches m set status = 'granted', automatic = true, granted_amount = ${amount}, decided_at = ${at}::timestamptz,
      version = m.version + 1, event_count = x.seq, last_event_hash = x.hash, updated_at = ${at}::timestamptz
    from json_to_recordset(${JSON.stringify(granted.map(({ event }) => ({ id: event.itemId, seq: event.seq, hash: event.hash })))}::json) as x(id int, seq int, hash text)
    where m.id = x.id`);
  await tx.execute(insertEventsSql(MATCH_CHAIN, granted.map((g) => g.event)));
  for (const write of bulkCreateWrites(MATCH_TYPE.lifecycle.type, granted.map(({ before, event, after }) => ({ type: MATCH_TYPE.lifecycle.type, event, before, after })))) {
    await tx.execute(write);
  }
  return granted.length;
}

/** Matches a published policy against the whole registry, inside the caller's transaction (which holds the policy's row). */
export async function matchPolicy(tx: Db, policy: PolicyRow, now: Date): Promise<MatchTally> {
  let tally = NONE;
  for (let after = 0; ;) {
    const page = await registryPage(tx, after, PAGE);
    if (!page.length) return tally;
    tally = add(tally, await pushTo(tx, policy, page, now));
    after = page[page.length - 1].id;
  }
}

/**
 * The matching job: takes queued enterprises a batch at a time (skipping those another process
 * holds) and matches every published policy against them, each batch one transaction. Each
 * policy's row is held for share meanwhile, so a publication of the same policy waits or is
 * waited for and a revision is never pushed twice.
 */
export async function drainRematchQueue(db: Db, now = new Date(), batch = PAGE): Promise<MatchTally> {
  let tally = NONE;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const claimed = await queryRows<{ id: number }>(tx, sql`delete from policy_rematch_queue where enterprise_id in (
        select enterprise_id from policy_rematch_queue order by queued_at, enterprise_id limit ${batch} for update skip locked) returning enterprise_id as id`);
      if (!claimed.length) return null;
      const enterprises = await findEnterprisesByIds(tx, claimed.map((c) => c.id));
      let t = NONE;
      for (const { id } of await publishedPolicies(tx)) {
        await tx.execute(sql`select id from policies where id = ${id} for share`);
        const held = (await POLICIES.load(tx, id))!;
        if (held.status === 'published') t = add(t, await pushTo(tx, held, enterprises, now));
      }
      return t;
    });
    if (!done) return tally;
    tally = add(tally, done);
  }
}

/** Queues every enterprise whose fields changed (not its contacts alone) in the registry's own transaction. */
export const rematchOnRegistryChange: EnterpriseChangeSubscriber = {
  name: 'policy matching',
  perform: (tx, changes) => queueRematch(tx, changes.filter((c) => c.action !== 'contacts').map((c) => c.enterpriseId)),
};
