// Migration 2026120215 turns case_id into a subject. Databases in service hold outboxes and
// inboxes written with case_id; they must come through with every notice, its case as subject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, emptyDatabase } from '../../test/support/engines.js';
import { migrate } from '../platform/db/migrate.js';
import { queryRows, sql, type Database } from '../platform/db/engine.js';
import { operatorActor, type Actor } from '../platform/actor.js';
import { listInbox, listOutbox } from './queries.js';
import { NotificationDispatcher } from './dispatcher.js';
import { inAppSender } from './senders/inApp.js';
import { webhookPayload } from './senders/webhook.js';
import type { OutboxMessage } from './sender.js';

const SUBJECTS = '2026120215';

describe.each(ENGINES)('notification subjects migration on %s', (engine) => {
  let database: Database;
  let reader: Actor;
  const outbox: Record<string, number> = {};
  beforeAll(async () => {
    database = await emptyDatabase(engine);
    const applied = await migrate(database, undefined, { before: SUBJECTS });
    expect(applied).not.toContain('notifications/2026120215_notification_subjects.sql');
    // Rows as the code before the migration wrote them: one notice about a case, one about none.
    const db = database.db;
    const [user] = await queryRows<{ id: number }>(db, sql`insert into users (username, name, password_hash, roles) values ('handler', '张承办', 'x', '{handler}') returning id`);
    reader = { userId: user.id, name: 'handler', roles: ['handler'], officeId: null, officePath: null };
    for (const [name, caseId, status] of [['about-case', 41, 'delivered'], ['about-nothing', null, 'delivered'], ['pending-case', 42, 'pending']] as const) {
      const [row] = await queryRows<{ id: number }>(db, sql`
        insert into notification_outbox (kind, recipient_user_id, title_zh, title_en, body_zh, body_en, link, case_id, dedupe_key, status, attempts, created_at)
        values ('case.dispatch', ${user.id}, ${`【派单】${name}`}, ${`[dispatch] ${name}`}, '请签收', 'Please sign', ${caseId === null ? null : `/cases/${caseId}`},
          ${caseId}, ${name}, ${status}, ${status === 'delivered' ? 1 : 0}, ${`2026-11-2${Object.keys(outbox).length + 1}T08:00:00Z`})
        returning id`);
      outbox[name] = row.id;
    }
    await queryRows(db, sql`
      insert into notification_inbox (user_id, outbox_id, kind, title_zh, title_en, body_zh, body_en, link, case_id, created_at, read_at)
      select recipient_user_id, id, kind, title_zh, title_en, body_zh, body_en, link, case_id, created_at,
        case when dedupe_key = 'about-case' then timestamptz '2026-11-25T09:00:00Z' end
      from notification_outbox where status = 'delivered'`);
    // It comes first of what is left; later migrations follow it.
    expect((await migrate(database))[0]).toBe('notifications/2026120215_notification_subjects.sql');
  });
  afterAll(() => database.close());

  it('keeps every notice, with the case it named as its subject and the rest unchanged', async () => {
    type Row = { dedupe_key: string; subject_type: string | null; subject_id: number | null; title_zh: string; link: string | null };
    const outboxRows = () => queryRows<Row>(database.db, sql`select dedupe_key, subject_type, subject_id, title_zh, link from notification_outbox order by dedupe_key`);
    const inboxRows = () => queryRows<Row>(database.db, sql`
      select o.dedupe_key, i.subject_type, i.subject_id, i.title_zh, i.link from notification_inbox i join notification_outbox o on o.id = i.outbox_id order by o.dedupe_key`);
    expect(await outboxRows()).toEqual([
      { dedupe_key: 'about-case', subject_type: 'case', subject_id: 41, title_zh: '【派单】about-case', link: '/cases/41' },
      { dedupe_key: 'about-nothing', subject_type: null, subject_id: null, title_zh: '【派单】about-nothing', link: null },
      { dedupe_key: 'pending-case', subject_type: 'case', subject_id: 42, title_zh: '【派单】pending-case', link: '/cases/42' },
    ]);
    expect(await inboxRows()).toEqual([
      { dedupe_key: 'about-case', subject_type: 'case', subject_id: 41, title_zh: '【派单】about-case', link: '/cases/41' },
      { dedupe_key: 'about-nothing', subject_type: null, subject_id: null, title_zh: '【派单】about-nothing', link: null },
    ]);
    const left = await queryRows<{ table_name: string }>(database.db, sql`
      select table_name from information_schema.columns where column_name = 'case_id' and table_name like 'notification%'`);
    expect(left).toEqual([]);
  });

  it('shows the migrated inbox and queue as before, with the subject beside caseId', async () => {
    const inbox = await listInbox(database.db, reader, { page: 1, pageSize: 20 });
    expect(inbox).toMatchObject({ total: 2, unread: 1 });
    expect(inbox.items.map((i) => [i.title, i.subject, i.caseId, i.readAt])).toEqual([
      ['【派单】about-nothing', null, null, null],
      ['【派单】about-case', { type: 'case', id: 41 }, 41, '2026-11-25T09:00:00.000Z'],
    ]);
    const queue = await listOutbox(database.db, operatorActor(), { page: 1, pageSize: 20 });
    expect(queue.items.find((i) => i.id === outbox['pending-case'])).toMatchObject({ status: 'pending', subject: { type: 'case', id: 42 }, caseId: 42 });
  });

  it('delivers a notice queued before the migration with its case as subject', async () => {
    const got: OutboxMessage[] = [];
    const dispatcher = new NotificationDispatcher(database.db, { senders: [inAppSender(database.db), { channel: 'record', send: async (m) => void got.push(m) }] });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(got.map((m) => [m.id, m.subject])).toEqual([[outbox['pending-case'], { type: 'case', id: 42 }]]);
    expect(webhookPayload(got[0])).toMatchObject({ subject: { type: 'case', id: 42 }, caseId: 42 });
    const [newest] = (await listInbox(database.db, reader, { page: 1, pageSize: 1 })).items;
    expect(newest).toMatchObject({ title: '【派单】pending-case', subject: { type: 'case', id: 42 }, caseId: 42 });
  });

  it('refuses a subject that is half given or not an item type', async () => {
    const insert = (type: string | null, id: number | null) => queryRows(database.db, sql`
      insert into notification_outbox (kind, recipient_user_id, title_zh, title_en, body_zh, body_en, subject_type, subject_id)
      values ('test', ${reader.userId}, 't', 't', '', '', ${type}, ${id})`);
    // The database's own words, under the query wrapper's.
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error & { cause?: Error }) => (e.cause ?? e).message);
    expect(await refusal(insert('case', null))).toMatch(/notification_outbox_subject_pair/);
    expect(await refusal(insert(null, 7))).toMatch(/notification_outbox_subject_pair/);
    expect(await refusal(insert('Case; drop', 7))).toMatch(/notification_outbox_subject_type/);
    expect(await refusal(insert('field_task', 7))).toBe('accepted');
  });
});
