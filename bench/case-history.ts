/**
 * Years of appeals bulk-loaded by SQL into a benchmark's PostgreSQL database, in the shapes the
 * commands write: cases with codes, texts, addresses, callers and their search terms (computed by
 * the same function intake uses), and their events (intake, direct answer or dispatch, sign,
 * reply, review, return visit, close; some late, some unsatisfied; the last week still open with
 * its reply deadline running). The evaluation and the daily-work benchmarks load through here.
 */
import { queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { searchTerms } from '../src/platform/search/terms.js';
import { DETAIL, ROADS, TOPICS } from '../src/demo/history/content.js';

const CHUNK = 250_000;
/** Callers: phone numbers drawn from this many, so that people call again as they do. */
export const CALLERS = 2_000_000;

export interface HistoryRef {
  centre: number;
  leads: number[];
  regions: string[];
  /** By category code; a case's text fits its category. */
  categories: Record<string, number>;
}

export interface CaseText { title: string; content: string; address: string; category: string; terms: string }

/** Every problem, question and suggestion of the demo topics on every road: a few thousand texts. */
export function caseTexts(categories: Record<string, number>): CaseText[] {
  const texts: CaseText[] = [];
  for (const [code, topic] of Object.entries(TOPICS)) {
    if (!(code in categories)) continue;
    const phrases = [...topic.problems, ...topic.questions, ...topic.suggestions];
    phrases.forEach((phrase, i) => ROADS.forEach((road, j) => {
      const address = `驻马店市驿城区${road}${(i * 7 + j * 13) % 200 + 1}号`;
      const content = `${road}附近${phrase}，${DETAIL.complaint[(i + j) % DETAIL.complaint.length]}`;
      texts.push({ title: phrase, content, address, category: code, terms: searchTerms(`${phrase} ${content.slice(0, 800)} ${address}`).join(' ') });
    }));
  }
  return texts;
}

/** The caller's phone number of case `id` (as the load writes it). */
export const phoneOfCase = (id: number) => `139${String((id * 7919) % CALLERS).padStart(8, '0')}`;

const arrayLiteral = (values: readonly (string | number)[]) => `'{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}'`;

async function loadChunk(db: Database['db'], from: number, to: number, total: number, months: number, end: string, ref: HistoryRef, texts: CaseText[]) {
  await db.execute(sql`select setseed(${(from % 1000) / 1000})`);
  await db.execute(sql.raw(`
    with c as (
      select g, r1, r2, r3, r4, r5,
        (timestamptz '${end}' - interval '${months} months') + ((g - 1)::float8 / ${total}) * (timestamptz '${end}' - (timestamptz '${end}' - interval '${months} months')) as accepted_at,
        (array['hotline','hotline','hotline','hotline','hotline','hotline','web','web','enterprise_portal','wechat_group','mailbox','onsite_visit','supervisor_report','leader_hotline'])[1 + floor(r1 * 14)::int] as channel,
        (array['consultation','consultation','consultation','consultation','complaint','complaint','complaint','help','help','suggestion','report','praise'])[1 + floor(r2 * 12)::int] as type,
        ${ref.regions.length} as nr, ${texts.length} as nt
      from (select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5 from generate_series(${from}, ${to}) g) x
    ), d as (
      select c.*, region_idx, text_idx,
        (${arrayLiteral(ref.regions)}::text[])[1 + region_idx] as region_code,
        (${arrayLiteral(texts.map((t) => ref.categories[t.category]))}::int[])[1 + text_idx] as category_id,
        (${arrayLiteral(ref.leads)}::int[])[1 + (text_idx * 7 + region_idx * 3) % ${ref.leads.length}] as lead,
        c.type = 'consultation' and c.r3 < 0.85 as answered,
        c.accepted_at > timestamptz '${end}' - interval '7 days' as open,
        c.r4 < 0.06 as sign_late, c.r4 between 0.03 and 0.11 as reply_late,
        c.r5 < 0.93 as resolved,
        case when c.r5 < 0.86 then 'satisfied' when c.r5 < 0.95 then 'basically_satisfied' else 'unsatisfied' end as sat
      from c, lateral (select floor(c.r3 * 1000)::int % c.nr as region_idx, floor(c.r5 * 7919 + c.r1 * 104729)::int % c.nt as text_idx) i
    ), new_cases as (
      insert into cases (id, code, channel, type, priority, status, title, content, address, region_code, category_id, requester_kind, requester_name, requester_phone,
        intake_office_id, lead_office_id, accepted_at, dispatched_at, signed_at, reply_due_at, closed_at, due_state, was_overdue, search_terms, event_count, last_event_hash)
      overriding system value
      select g, to_char(accepted_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 8, '0'), channel, type, 'normal',
        case when answered then 'answered' when open then 'handling' else 'closed' end,
        (${arrayLiteral(texts.map((t) => t.title))}::text[])[1 + text_idx], (${arrayLiteral(texts.map((t) => t.content))}::text[])[1 + text_idx],
        (${arrayLiteral(texts.map((t) => t.address))}::text[])[1 + text_idx], region_code, category_id,
        'person', '王先生', '139' || lpad(((g * 7919) % ${CALLERS})::text, 8, '0'),
        ${ref.centre}, case when answered then null else lead end, accepted_at,
        case when answered then null else accepted_at + interval '10 minutes' end, case when answered then null else accepted_at + interval '3 hours' end,
        case when open and not answered then accepted_at + interval '5 days' end,
        case when answered or open then null else accepted_at + interval '4 days 1 hour' end,
        case when open and r4 < 0.3 then 'overdue' else 'on_time' end, not answered and (sign_late or reply_late),
        string_to_array((${arrayLiteral(texts.map((t) => t.terms))}::text[])[1 + text_idx], ' '),
        case when answered then 2 when open then 3 else 7 end, 'bench'
      from d returning 1)
    insert into case_events (case_id, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, prev_hash, hash)
    select d.g, e.seq, d.accepted_at + e.off, e.action, null, 'bench', null, e.from_status, e.to_status, e.data, 'bench', 'bench'
    from d cross join lateral (values
      (1, interval '0', 'create', null, 'accepted', jsonb_build_object('channel', d.channel, 'type', d.type)),
      (2, interval '10 minutes', case when d.answered then 'answer' else 'dispatch' end, 'accepted', case when d.answered then 'answered' else 'dispatched' end,
        case when d.answered then '{}'::jsonb else jsonb_build_object('leadOfficeId', d.lead) end),
      (3, interval '3 hours', 'sign', 'dispatched', 'handling', jsonb_build_object('late', d.sign_late)),
      (4, interval '3 days', 'reply', 'handling', 'replied', jsonb_build_object('late', d.reply_late)),
      (5, interval '3 days 2 hours', 'review', 'replied', 'reviewed', '{"decision": "accept"}'::jsonb),
      (6, interval '4 days', 'return-visit', 'reviewed', 'reviewed', jsonb_build_object('contact', 'reached', 'resolved', d.resolved, 'satisfaction', d.sat)),
      (7, interval '4 days 1 hour', 'close', 'reviewed', 'closed', '{}'::jsonb)
    ) as e(seq, off, action, from_status, to_status, data)
    where e.seq <= case when d.answered then 2 when d.open then 3 else 7 end`));
}

/**
 * Loads `cases` cases over `months` months ending at `end`: as for any bulk load, the secondary
 * indexes and the events' foreign key go first and come back after, then both tables are
 * analysed. Returns the events written and the milliseconds of the load and of the rebuild.
 */
export async function loadCaseHistory(database: Database, opts: { cases: number; months: number; end: string; ref: HistoryRef }): Promise<{ events: number; loadMs: number; totalMs: number; indexes: number }> {
  const { db } = database;
  const texts = caseTexts(opts.ref.categories);
  const indexes = await queryRows<{ name: string; def: string }>(db, sql`select indexname as name, indexdef as def from pg_indexes
    where tablename in ('cases', 'case_events') and indexname not in (select conname from pg_constraint)`);
  const [fk] = await queryRows<{ name: string; def: string }>(db, sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'case_events'::regclass and contype = 'f'`);
  for (const i of indexes) await db.execute(sql.raw(`drop index ${i.name}`));
  await db.execute(sql.raw(`alter table case_events drop constraint ${fk.name}`));
  const t0 = Date.now();
  for (let from = 1; from <= opts.cases; from += CHUNK) {
    const to = Math.min(opts.cases, from + CHUNK - 1);
    await loadChunk(db, from, to, opts.cases, opts.months, opts.end, opts.ref, texts);
    process.stderr.write(`\rbulk load: ${to.toLocaleString('en')} cases (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  process.stderr.write('\n');
  const loadMs = Date.now() - t0;
  for (const i of indexes) await db.execute(sql.raw(i.def));
  await db.execute(sql.raw(`alter table case_events add constraint ${fk.name} ${fk.def}`));
  await db.execute(sql.raw(`select setval(pg_get_serial_sequence('cases', 'id'), ${opts.cases})`));
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_events`);
  const [{ events }] = await queryRows<{ events: number }>(db, sql`select count(*)::int as events from case_events`);
  return { events, loadMs, totalMs: Date.now() - t0, indexes: indexes.length };
}

/** The demo organisation's offices and categories as the loader wants them (the 驻马店 centre and its city's offices). */
export async function historyRef(database: Database, centre: number): Promise<HistoryRef> {
  const offices = await queryRows<{ id: number; kind: string; region_code: string }>(database.db, sql`select id, kind, region_code from offices`);
  const categories = await queryRows<{ id: number; code: string }>(database.db, sql`select id, code from case_categories`);
  return {
    centre,
    leads: offices.filter((o) => o.kind !== 'hotline_centre' && o.region_code.startsWith('4117')).map((o) => o.id),
    regions: [...new Set(offices.filter((o) => o.region_code.startsWith('4117')).map((o) => o.region_code))],
    categories: Object.fromEntries(categories.map((c) => [c.code, c.id])),
  };
}
