import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES, preparedDatabase } from '../../test/support/engines.js';
import type { Database } from '../platform/db/engine.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoOrganisation } from '../demo/organisation.js';
import { verifyAuditTrail } from './verify.js';
import { canonicalJson, chainHash, eventPayload, GENESIS_HASH, verifyChainPage, type StoredAuditEvent } from './chain.js';

describe('the audit hash chain (pure)', () => {
  const event = (seq: number, prevHash: string, action = 'office.create'): StoredAuditEvent => {
    const content = { at: '2026-11-23T01:02:03.004Z', actorUserId: 1, actorName: 'admin', actorOfficeId: null, action, entityType: 'office', entityId: String(seq), before: null, after: { n: seq } };
    return { ...content, seq, prevHash, hash: chainHash(prevHash, eventPayload(content)) };
  };
  const chain = (n: number) => {
    const out: StoredAuditEvent[] = [];
    for (let i = 1; i <= n; i++) out.push(event(i, out.at(-1)?.hash ?? GENESIS_HASH));
    return out;
  };

  it('canonical JSON ignores key order at every depth', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
    }));
  });

  it('accepts an intact chain read in pages of any size', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }), (n, page) => {
      const events = chain(n);
      let state = { seq: 0, hash: GENESIS_HASH };
      for (let i = 0; i < n; i += page) {
        const r = verifyChainPage(events.slice(i, i + page), state);
        expect(r.problems).toEqual([]);
        state = r.state;
      }
    }));
  });

  it('names the altered event, and the gap left by a deleted one', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 30 }), fc.nat(), (n, pick) => {
      const k = 1 + (pick % (n - 2)); // not the last, so a successor exists
      const altered = chain(n).map((e) => (e.seq === k + 1 ? { ...e, after: { n: -1 } } : e));
      expect(verifyChainPage(altered).problems).toEqual([expect.objectContaining({ seq: k + 1, kind: 'altered' })]);
      const deleted = chain(n).filter((e) => e.seq !== k + 1);
      expect(verifyChainPage(deleted).problems[0]).toMatchObject({ seq: k + 1, kind: 'missing' });
    }));
  });
});

describe.each(ENGINES)('the audit trail on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await preparedDatabase(engine);
    await loadDemoOrganisation(database.db, operatorActor());
  });
  afterAll(() => database.close());

  const superuser = async (statement: string) => {
    await database.session(async (s) => {
      await s.exec(`alter table audit_events disable trigger audit_events_append_only; ${statement}; alter table audit_events enable trigger audit_events_append_only;`);
    });
  };

  it('records every demo write with actor, before/after and gap-free sequence, and verifies', async () => {
    const [stats] = await queryRows<{ n: number; max: number; offices: number; users: number }>(database.db, sql`
      select count(*)::int as n, max(seq)::int as max, count(*) filter (where action = 'office.create')::int as offices,
        count(*) filter (where action = 'user.create')::int as users from audit_events`);
    const [{ offices, users }] = await queryRows<{ offices: number; users: number }>(database.db, sql`select (select count(*)::int from offices) as offices, (select count(*)::int from users) as users`);
    expect(stats.n).toBe(stats.max);
    expect(stats.offices).toBe(offices);
    // Every demo log-in was created by an audited command.
    expect(stats.users).toBe(users);
    expect(users).toBeGreaterThanOrEqual(7);
    const result = await verifyAuditTrail(database.db);
    expect(result).toMatchObject({ ok: true, events: stats.n, problems: [] });
  });

  it('refuses to update or delete an audit event', async () => {
    const failure = (p: Promise<unknown>) => p.then(() => 'accepted', (err) => String(err.cause?.message ?? err.message));
    expect(await failure(database.db.execute(sql`update audit_events set actor_name = 'x' where seq = 1`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from audit_events where seq = 1`))).toMatch(/append-only/);
  });

  it('detects an altered event, a deleted event and a truncated tail, and names each', async () => {
    await superuser(`update audit_events set after = jsonb_set(after, '{name}', '"篡改"') where seq = 3`);
    let result = await verifyAuditTrail(database.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'altered' })]);
    await superuser('delete from audit_events where seq = 5');
    result = await verifyAuditTrail(database.db);
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([[3, 'altered'], [5, 'missing']]);
    const [{ max }] = await queryRows<{ max: number }>(database.db, sql`select max(seq)::int as max from audit_events`);
    await superuser(`delete from audit_events where seq = ${max}`);
    result = await verifyAuditTrail(database.db);
    expect(result.problems.at(-1)).toMatchObject({ seq: max, kind: 'head_mismatch' });
  });
});
