-- Enterprise problem ledger (企业问题台账 / 整改台账): the rectification plan of an enterprise's
-- case — measures, responsible person and office, deadline — and its weekly progress notes
-- (每周进展 / 督办记录). Kept beside the case, not in it; every change is also an event on the
-- case's hash-chained timeline, written in the same transaction (src/cases/ledger/commands/).
create table case_rectifications (
  case_id bigint primary key references cases (id),
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
  updated_at timestamptz not null,
  version integer not null default 1,
  check ((status = 'done') = (completed_at is not null))
);
create index case_rectifications_open_deadline on case_rectifications (deadline) where status <> 'done';
create index case_rectifications_responsible on case_rectifications (responsible_office_id);

create table case_rectification_progress (
  id bigint generated always as identity primary key,
  case_id bigint not null references case_rectifications (case_id),
  -- The week reported on, as its Monday (ISO 8601 weeks start on Monday).
  week_start date not null check (extract(isodow from week_start) = 1),
  -- 'progress' from the lead office's handler, 'supervision' from a supervisor (督办意见).
  kind text not null check (kind in ('progress', 'supervision')),
  note text not null check (length(note) between 1 and 5000),
  author_user_id integer references users (id),
  author_name text not null,
  author_office_id integer references offices (id),
  recorded_at timestamptz not null,
  -- The case event that recorded this note (case_events (case_id, seq)).
  event_seq integer not null
);
create index case_rectification_progress_case on case_rectification_progress (case_id, week_start desc, id desc);

-- Progress notes are a record, like the case events they mirror: never edited or deleted.
create trigger case_rectification_progress_append_only before update or delete on case_rectification_progress
  for each row execute function refuse_append_only_change();
