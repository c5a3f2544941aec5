-- Random inspections (双随机、一公开, src/inspections/): each department's inspection item list and
-- inspector roster (一单两库: the target roster is the enterprise registry), yearly plans in
-- batches, and two work-item types on the lifecycle kernel with their own hash-chained events —
-- the task (commit, draw, redraw, publish) and one visit per drawn target (recuse, record-result),
-- however many departments inspect it together.

-- 检查事项清单: one department's items.
create table inspection_items (
  id integer generated always as identity primary key,
  office_id integer not null references offices (id),
  code text not null check (code ~ '^[0-9A-Za-z_-]{1,40}$'),
  name text not null check (length(name) between 1 and 200),
  -- 检查依据: the law and article.
  legal_basis text not null check (length(legal_basis) between 1 and 1000),
  -- An enterprise kind of the registry, or null for any kind.
  target_kind text,
  -- 检查方式: on site, documents, online…
  method text not null check (length(method) between 1 and 200),
  -- Default sampling ratio in basis points (300 = 3 %).
  default_basis_points integer not null check (default_basis_points between 1 and 10000),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (office_id, code)
);

-- 执法检查人员名录.
create table inspectors (
  id integer generated always as identity primary key,
  office_id integer not null references offices (id),
  name text not null check (length(name) between 1 and 100),
  -- 执法证号: the inspector's identifier in a published draw.
  certificate_no text not null unique check (certificate_no ~ '^[0-9A-Za-z_-]{1,40}$'),
  qualifications text[] not null default '{}',
  -- The person's log-in, when they record results themselves.
  user_id integer unique references users (id),
  active boolean not null default true,
  -- Declared conflicts of interest: [{uscc, relation}], excluded before every draw.
  conflicts jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A department's yearly plan (年度抽查计划) in batches: [{no, name, from, to}].
create table inspection_plans (
  id integer generated always as identity primary key,
  office_id integer not null references offices (id),
  year integer not null check (year between 2000 and 2100),
  title text not null check (length(title) between 1 and 200),
  batches jsonb not null,
  version integer not null default 1,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table inspection_tasks (
  id bigint generated always as identity primary key,
  code text not null unique,
  plan_id integer not null references inspection_plans (id),
  batch integer not null,
  title text not null check (length(title) between 1 and 200),
  -- The department that runs the draw; office_ids holds it and every joining department.
  lead_office_id integer not null references offices (id),
  office_ids integer[] not null check (cardinality(office_ids) between 1 and 10),
  item_ids integer[] not null check (cardinality(item_ids) >= 1),
  -- Target roster filters: {kind?, size?, industry?, regionCode?}.
  filters jsonb not null,
  -- Ratios by credit class: [{stratum, basisPoints}].
  strata jsonb not null,
  per_department integer not null check (per_department between 2 and 5),
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  -- Results due for publication: 20 working days after period_to.
  publication_due date not null,
  due_state text not null default 'on_time' check (due_state in ('on_time', 'due_soon', 'overdue')),
  seed_source_zh text not null,
  seed_source_en text not null,
  status text not null default 'draft' check (status in ('draft', 'committed', 'drawn', 'published')),
  -- The frozen candidate rosters (src/inspections/draw.ts DrawRosters) and their SHA-256.
  rosters jsonb,
  commitment text,
  committed_at timestamptz,
  -- Secret until the draw: only its hash is shown before.
  server_random text,
  server_random_hash text,
  witness_value text,
  seed text,
  drawn_at timestamptz,
  -- The draw as made, before recusals: {targets, teams}.
  result jsonb,
  -- Each redraw: [{at, reason, by, serverRandom, witnessValue, seed}] of the draw it set aside.
  redraws jsonb not null default '[]',
  published_at timestamptz,
  published_on_time boolean,
  created_by integer references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  check ((status = 'draft') = (commitment is null)),
  check ((status in ('drawn', 'published')) = (seed is not null))
);
create index inspection_tasks_lead on inspection_tasks (lead_office_id);
create index inspection_tasks_open_due on inspection_tasks (publication_due) where status in ('committed', 'drawn');
select create_item_events('inspection_task_events', 'task_id', 'inspection_tasks');

-- One visit per drawn target: the joint inspection the enterprise sees once.
create table inspection_visits (
  id bigint generated always as identity primary key,
  task_id bigint not null references inspection_tasks (id),
  uscc text not null check (length(uscc) = 18),
  enterprise_name text not null,
  stratum text not null,
  rank integer not null,
  -- Teams by department as they stand after recusals: [{department, inspectors}].
  teams jsonb not null,
  -- In order: [{inspector, department, replacement, reason, at}].
  recusals jsonb not null default '[]',
  -- cancelled: set aside by a redraw.
  status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
  result text,
  findings text,
  -- 首违不罚: a first offence handled without a penalty.
  first_offence_no_penalty boolean not null default false,
  inspected_on date,
  rectification_deadline date,
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  check ((status = 'done') = (result is not null))
);
-- One visit per target of the task's current draw; a redraw's cancelled ones stay on record.
create unique index inspection_visits_target on inspection_visits (task_id, uscc) where status <> 'cancelled';
create index inspection_visits_uscc on inspection_visits (uscc);
select create_item_events('inspection_visit_events', 'visit_id', 'inspection_visits');
