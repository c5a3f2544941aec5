-- Rectification plans (整改方案) become work items of their own (src/rectification/): a plan is
-- keyed by its subject — (subject_type, subject_id): 'case' today; a visit, an inspection finding
-- or a poor service review later, with no change here — and the enterprise's USCC. Each plan has
-- its own hash-chained, append-only events, which `qinqing audit verify` walks with the cases'.
-- The weekly notes stay rows of their own (the ledger lists them by week), each recorded by an
-- event of its plan. The case-only tables of 2026112330_rectification_ledger.sql are carried
-- over and dropped.
create table rectifications (
  id bigint generated always as identity primary key,
  -- Which kind of item the plan rectifies; the application knows the kinds (src/rectification/contract.ts SUBJECT_TYPES).
  subject_type text not null check (subject_type ~ '^[a-z][a-z_]*$'),
  subject_id bigint not null,
  -- 统一社会信用代码 of the enterprise the subject is about.
  uscc text not null check (length(uscc) = 18),
  measures text not null check (length(measures) between 1 and 5000),
  responsible_person text not null check (length(responsible_person) between 1 and 100),
  responsible_office_id integer not null references offices (id),
  -- 整改时限: a calendar date in the office's time zone; "overdue" is derived from it, never stored.
  deadline date not null,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done')),
  completed_at timestamptz,
  created_by integer references users (id),
  created_at timestamptz not null,
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  unique (subject_type, subject_id),
  check ((status = 'done') = (completed_at is not null))
);
create index rectifications_open_deadline on rectifications (deadline) where status <> 'done';
create index rectifications_responsible on rectifications (responsible_office_id);
create index rectifications_uscc on rectifications (uscc);

select create_item_events('rectification_events', 'rectification_id', 'rectifications');

create table rectification_progress (
  id bigint generated always as identity primary key,
  rectification_id bigint not null references rectifications (id),
  -- The week reported on, as its Monday (ISO 8601 weeks start on Monday).
  week_start date not null check (extract(isodow from week_start) = 1),
  -- 'progress' from the lead office's handler, 'supervision' from a supervisor (督办意见).
  kind text not null check (kind in ('progress', 'supervision')),
  note text not null check (length(note) between 1 and 5000),
  author_user_id integer references users (id),
  author_name text not null,
  author_office_id integer references offices (id),
  recorded_at timestamptz not null,
  -- The plan's event that recorded this note (rectification_events (rectification_id, seq)).
  event_seq integer not null
);
create index rectification_progress_plan on rectification_progress (rectification_id, week_start desc, id desc);
create trigger rectification_progress_append_only before update or delete on rectification_progress
  for each row execute function refuse_append_only_change();

-- Carrying the case-only ledger over: each plan keeps its content and version, its case as subject
-- and the case's USCC; each note keeps its id (the case timeline's events name it as progressId).
insert into rectifications (subject_type, subject_id, uscc, measures, responsible_person, responsible_office_id, deadline, status,
    completed_at, created_by, created_at, updated_by, updated_at, version)
  select 'case', r.case_id, c.requester_uscc, r.measures, r.responsible_person, r.responsible_office_id, r.deadline, r.status,
    r.completed_at, r.created_by, r.created_at, r.updated_by, date_trunc('milliseconds', r.updated_at), r.version
  from case_rectifications r join cases c on c.id = r.case_id
  order by r.case_id;

insert into rectification_progress (id, rectification_id, week_start, kind, note, author_user_id, author_name, author_office_id, recorded_at, event_seq)
  overriding system value
  select p.id, n.id, p.week_start, p.kind, p.note, p.author_user_id, p.author_name, p.author_office_id, p.recorded_at, 1
  from case_rectification_progress p join rectifications n on n.subject_type = 'case' and n.subject_id = p.case_id
  order by p.id;
select setval(pg_get_serial_sequence('rectification_progress', 'id'), coalesce((select max(id) from rectification_progress), 0) + 1, false);

-- Each carried-over plan starts its chain with one baseline event, `migrate`: the plan as it stood
-- (its earlier changes and every note are on its case's timeline, which is not touched), from
-- genesis. The hash is the kernel's (src/platform/lifecycle/chain.ts eventHash): SHA-256 of the
-- previous hash and the canonical JSON — object keys sorted, no spaces — of
-- [itemId, seq, at, action, actorUserId, actorName, actorOfficeId, fromStatus, toStatus, data].
create function rectification_canonical_json(v jsonb) returns text language plpgsql immutable as $$
begin
  case jsonb_typeof(v)
    when 'object' then
      return '{' || coalesce((select string_agg(to_jsonb(k)::text || ':' || rectification_canonical_json(v -> k), ',' order by k collate "C")
        from jsonb_object_keys(v) as k), '') || '}';
    when 'array' then
      return '[' || coalesce((select string_agg(rectification_canonical_json(e), ',' order by i)
        from jsonb_array_elements(v) with ordinality as t(e, i)), '') || ']';
    else
      return v::text;
  end case;
end $$;

with baseline as (
  select r.id, r.updated_at as at, to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at_text, r.status,
    jsonb_build_object(
      'carriedOver', 'case_rectifications', 'measures', r.measures, 'responsiblePerson', r.responsible_person,
      'responsibleOfficeId', r.responsible_office_id, 'deadline', to_char(r.deadline, 'YYYY-MM-DD'), 'status', r.status,
      'completedAt', to_char(r.completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'version', r.version,
      'progressNotes', (select count(*) from rectification_progress p where p.rectification_id = r.id)) as data
  from rectifications r
),
hashed as (
  select b.*, encode(sha256(convert_to(repeat('0', 64) || rectification_canonical_json(jsonb_build_array(
    b.id, 1, b.at_text, 'migrate', null, 'system:migration', null, null, b.status, b.data)), 'UTF8')), 'hex') as hash
  from baseline b
),
events as (
  insert into rectification_events (rectification_id, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, prev_hash, hash)
  select h.id, 1, h.at, 'migrate', null, 'system:migration', null, null, h.status, h.data, repeat('0', 64), h.hash from hashed h
  returning rectification_id, hash
)
update rectifications r set event_count = 1, last_event_hash = e.hash from events e where r.id = e.rectification_id;

drop function rectification_canonical_json(jsonb);
drop table case_rectification_progress;
drop table case_rectifications;
