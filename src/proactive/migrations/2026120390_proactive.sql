-- Proactive governance (未诉先办, src/proactive/): hotspots found in the appeals and the proactive
-- tasks (主动治理任务) made of them. Both are work items with their own hash-chained,
-- append-only events (the kernel's shape), which `qinqing audit verify` walks.

-- A hotspot: one series (a category in a region, an address, an enterprise) whose appeals in one
-- ISO week rose above its own history, or a cluster of alike appeal texts across categories.
-- Found by the detection job; a supervisor or leader of its office dismisses it with a reason or
-- turns it into a task.
create table hotspots (
  id bigint generated always as identity primary key,
  -- The office that took the appeals in: its supervisors and leaders (and those above) watch it.
  office_id integer not null references offices (id),
  kind text not null check (kind in ('category_region', 'address', 'enterprise', 'text_cluster')),
  -- One series, whatever its kind (src/proactive/detection.ts seriesKey); a cluster's is its first case.
  series_key text not null check (length(series_key) between 1 and 600),
  category_id integer references case_categories (id),
  -- A region at any level (a rolled-up city or province code), so no reference to the regions table.
  region_code text check (region_code ~ '^[0-9]{6}$'),
  address text,
  uscc text,
  -- The week flagged, as its Monday (Beijing time).
  week_start date not null check (extract(isodow from week_start) = 1),
  observed integer not null check (observed >= 0),
  -- How the week was judged: {method, weeks, total, expected, pValue, alpha}, or a cluster's {similarity, categoryIds, windowDays}.
  basis jsonb not null,
  -- A cluster's appeals; a series' appeals are those the series counts.
  case_ids integer[] not null default '{}',
  terms text[] not null default '{}',
  why_zh text not null,
  why_en text not null,
  status text not null default 'new' check (status in ('new', 'dismissed', 'tasked')),
  dismissed_reason text check (dismissed_reason is null or length(dismissed_reason) between 1 and 1000),
  task_id bigint,
  detected_at timestamptz not null,
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  updated_at timestamptz not null default now(),
  -- Several processes may run detection at once: a series is flagged once a week.
  unique (series_key, week_start),
  check ((status = 'dismissed') = (dismissed_reason is not null)),
  check ((status = 'tasked') = (task_id is not null))
);
create index hotspots_office_week on hotspots (office_id, week_start desc);

select create_item_events('hotspot_events', 'hotspot_id', 'hotspots');

create table proactive_tasks (
  id bigint generated always as identity primary key,
  -- The office that set the task and supervises it (a hotspot's office, or the creator's).
  scope_office_id integer not null references offices (id),
  owner_office_id integer not null references offices (id),
  assisting_office_ids integer[] not null default '{}',
  hotspot_id bigint references hotspots (id),
  title text not null check (length(title) between 1 and 200),
  description text not null check (length(description) between 1 and 5000),
  case_ids integer[] not null default '{}',
  -- The limit in working days on the official calendar, counted from the day after it was set.
  limit_days integer not null check (limit_days between 1 and 250),
  due_at timestamptz not null,
  due_state text not null default 'on_time' check (due_state in ('on_time', 'due_soon', 'overdue')),
  was_overdue boolean not null default false,
  -- 每月一题: the month a leader chose it as the scope's topic (YYYY-MM).
  topic_month text check (topic_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  result text check (result is null or length(result) between 1 and 5000),
  finished_at timestamptz,
  status text not null default 'assigned' check (status in ('assigned', 'handling', 'finished')),
  created_by integer references users (id),
  created_at timestamptz not null,
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  updated_at timestamptz not null default now(),
  check ((status = 'finished') = (finished_at is not null and result is not null))
);
-- One monthly topic per scope and month.
create unique index proactive_tasks_topic on proactive_tasks (scope_office_id, topic_month) where topic_month is not null;
create index proactive_tasks_open_due on proactive_tasks (due_at) where status <> 'finished';
create index proactive_tasks_owner on proactive_tasks (owner_office_id);
alter table hotspots add foreign key (task_id) references proactive_tasks (id);

select create_item_events('proactive_task_events', 'task_id', 'proactive_tasks');

-- When detection last ran: the job claims a run by moving this forward, so of several processes
-- on one database one runs it per interval.
create table proactive_detection_runs (
  id integer primary key check (id = 1),
  last_started_at timestamptz not null
);
insert into proactive_detection_runs values (1, '-infinity');
