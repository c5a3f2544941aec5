-- Evaluation (考评与公开). Every figure is derived from case events: each case's current facts
-- (case_figures, written in the same transaction as the event), rolled up by month of acceptance
-- and by day. Writers only append signed deltas (no hot rows, no lock waits at intake); a sweep
-- folds them into the rollups, and readers add rollup and pending deltas, so figures are exact at
-- any moment. `qinqing rollups rebuild` recomputes all of it from the events.
create table case_figures (
  case_id bigint primary key,
  month date not null,
  accepted_day date not null,
  office_id integer not null,
  intake_office_id integer not null,
  region_code text,
  category_id integer,
  channel text not null,
  type text not null,
  -- Bits of src/evaluation/rules.ts FLAG.
  flags integer not null,
  completed_day date
);
create index case_figures_month_office on case_figures (month, office_id);

-- Cohort figures: the cases received in a month, by the office answering for them and the case's dimensions.
create table figure_month (
  month date not null,
  -- Each case counts in two facets: where (region, category) and how (channel, type); one facet
  -- alone gives every total, and keeping them apart keeps the rollup small (src/evaluation/rules.ts).
  facet text not null check (facet in ('place', 'channel')),
  office_id integer not null,
  region_code text,
  category_id integer,
  channel text,
  type text,
  received integer not null default 0,
  merged integer not null default 0,
  answered integer not null default 0,
  dispatched integer not null default 0,
  transferred integer not null default 0,
  signed integer not null default 0,
  signed_on_time integer not null default 0,
  completed integer not null default 0,
  completed_on_time integer not null default 0,
  overdue integer not null default 0,
  returned integer not null default 0,
  extended integer not null default 0,
  reopened integer not null default 0,
  visited integer not null default 0,
  resolved integer not null default 0,
  satisfied integer not null default 0,
  basically_satisfied integer not null default 0,
  unsatisfied integer not null default 0,
  unique nulls not distinct (month, facet, office_id, region_code, category_id, channel, type)
);

-- Signed changes waiting to be folded into figure_month: the same columns, appended only.
create table figure_month_deltas (
  id bigint generated always as identity primary key,
  like figure_month including defaults including constraints
);
create index figure_month_deltas_month on figure_month_deltas (month);

-- Flow: cases received and completed on each day (Beijing time), by the office answering for them.
create table figure_day (
  day date not null,
  office_id integer not null,
  received integer not null default 0,
  completed integer not null default 0,
  primary key (day, office_id)
);

create table figure_day_deltas (
  id bigint generated always as identity primary key,
  like figure_day including defaults
);
create index figure_day_deltas_day on figure_day_deltas (day);

-- The scoring and ranking settings (README "Evaluation"); one row.
create table evaluation_settings (
  id smallint primary key check (id = 1),
  weights jsonb not null,
  basically_satisfied_weight numeric not null check (basically_satisfied_weight between 0 and 1),
  minimum_cases integer not null check (minimum_cases >= 1),
  list_size integer not null check (list_size between 1 and 50),
  version integer not null default 1
);
insert into evaluation_settings (id, weights, basically_satisfied_weight, minimum_cases, list_size)
values (1, '{"responseRate": 30, "resolutionRate": 35, "satisfactionRate": 35}', 1, 10, 5);

-- Published red/black lists (红黑榜): a month's ranking as it was published, never changed; a
-- correction is a new version carrying its reason.
create table evaluation_lists (
  id integer generated always as identity primary key,
  scope_office_id integer not null references offices (id),
  month date not null,
  version integer not null check (version >= 1),
  reason text check (version = 1 or length(reason) > 0),
  published_at timestamptz not null,
  published_by integer references users (id),
  publisher_name text not null,
  ranking jsonb not null,
  unique (scope_office_id, month, version)
);
create index evaluation_lists_published on evaluation_lists (published_at desc);

create trigger evaluation_lists_append_only before update or delete on evaluation_lists
  for each row execute function refuse_append_only_change();

-- "Overdue now" on the dashboard: open cases past their deadline, by lead office.
create index cases_overdue_now on cases (lead_office_id) where due_state = 'overdue' and status in ('dispatched', 'handling');
