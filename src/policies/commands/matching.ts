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
import { appendEvent, recordCreation } from '../../platform/lifecycle/index.js';
import type { EnterpriseChangeSubscriber } from '../../platform/enterprise-changes.js';
import { findEnterprisesByIds, registryPage, type EnterpriseView } from '../../enterprises/index.js';
import { beijingDate, evaluatePolicy, registryFacts } from '../eligibility.js';
import type { MatchRow, PolicyRow } from '../lifecycle.js';
import { factsOf, MATCHES, POLICIES, publishedPolicies, queueRematch } from '../store.js';
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

/** Evaluates the policy for these enterprises and pushes it to each eligible one it was not yet pushed to in this revision. */
async function pushTo(tx: Db, policy: PolicyRow, enterprises: readonly EnterpriseView[], now: Date): Promise<MatchTally> {
  if (!enterprises.length) return NONE;
  const ids = enterprises.map((e) => e.id);
  const facts = await factsOf(tx, ids);
  const pushedBefore = new Set((await queryRows<{ enterpriseId: number }>(tx, sql`select enterprise_id as "enterpriseId" from policy_matches
    where policy_id = ${policy.id} and revision = ${policy.revision} and enterprise_id = any(${`{${ids.join(',')}}`}::int[])`)).map((r) => r.enterpriseId));
  const asOf = beijingDate(now);
  const tally = { ...NONE, evaluated: enterprises.length };
  for (const e of enterprises) {
    if (pushedBefore.has(e.id)) continue;
    const evaluation = evaluatePolicy(policy, [...registryFacts(e), ...(facts.get(e.id) ?? [])], asOf);
    if (evaluation.result !== 'eligible') continue;
    const id = await MATCHES.insert(tx, {
      status: 'pushed', policyId: policy.id, revision: policy.revision, policyTitle: policy.title, enterpriseId: e.id, uscc: e.uscc, enterpriseName: e.name, regionCode: e.regionCode,
      industryDivision: e.industryDivision, evaluation, automatic: false, pushedAt: now,
    } as Partial<MatchRow>);
    const at = now.toISOString();
    const pushed = await recordCreation(tx, MATCH_TYPE, (await MATCHES.lock(tx, id))!, {
      at, action: 'push', actor: MATCHING_ACTOR, data: { policyId: policy.id, revision: policy.revision, missing: evaluation.missing },
    });
    tally.pushed++;
    if (policy.automaticGrant && evaluation.authoritative) {
      const amount = policy.benefit.amount;
      await appendEvent(tx, MATCH_TYPE, pushed, { status: 'granted', automatic: true, grantedAmount: amount, decidedAt: now }, {
        at, action: 'grant', actor: MATCHING_ACTOR, data: { automatic: true, amount },
      });
      tally.granted++;
    }
  }
  return tally;
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
