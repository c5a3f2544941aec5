-- Regulated official visits to enterprises (入企, src/visits/): each department's yearly plan
-- (年初备案) and each visit are items of the lifecycle kernel, each with its own hash-chained,
-- append-only events. A visit's rating is kept apart from the visit and without the person who
-- gave it (匿名评价): nothing here can name the rater.
create table visit_plans (
  id bigint generated always as identity primary key,
  office_id integer not null references offices (id),
  year integer not null check (year between 2000 and 2999),
  planned_visits integer not null check (planned_visits between 0 and 100000),
  -- Which enterprises or kinds of enterprise, and why (free text as the department files them).
  targets text not null check (length(targets) between 1 and 5000),
  reason text not null check (length(reason) between 1 and 5000),
  status text not null default 'filed' check (status in ('filed')),
  created_by integer references users (id),
  created_at timestamptz not null,
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  updated_at timestamptz not null default now(),
  unique (office_id, year)
);
select create_item_events('visit_plan_events', 'visit_plan_id', 'visit_plans');

-- Several departments' visits to one enterprise in one service week, merged: one visit for the enterprise.
create table joint_visits (
  id bigint generated always as identity primary key,
  uscc text not null check (length(uscc) = 18),
  planned_date date not null,
  created_by integer references users (id),
  created_at timestamptz not null
);

create table visits (
  id bigint generated always as identity primary key,
  -- The visiting department, and its region (the business-environment office of the region oversees it).
  office_id integer not null references offices (id),
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  uscc text not null check (length(uscc) = 18),
  enterprise_name text not null,
  purpose text not null check (length(purpose) between 1 and 2000),
  kind text not null check (kind in ('service', 'inspection', 'research', 'other')),
  planned_date date not null,
  -- The month (YYYY-MM) whose service week the planned day is in; null outside every service week.
  -- Several departments' visits to one enterprise in one service week are proposed as a joint visit.
  service_week text check (service_week ~ '^[0-9]{4}-[0-9]{2}$'),
  members text[] not null check (cardinality(members) between 1 and 50),
  status text not null check (status in ('filed', 'escalating', 'approved', 'visited', 'rated', 'refused', 'revoked', 'cancelled')),
  -- Why approval above the department's head is needed: outside_service_week, beyond_plan.
  escalation text[] not null default '{}',
  exception text check (exception in ('safety', 'complaint', 'statutory_recheck')),
  exception_reason text,
  emergency boolean not null default false,
  emergency_reason text,
  approved_at timestamptz,
  approved_by text,
  escalated_approved_at timestamptz,
  escalated_approved_by text,
  -- An escalated visit is filed with the business-environment office by this day (N working days after approval).
  filing_due_on date,
  filed_at timestamptz,
  code text,
  scanned_at timestamptz,
  -- The sweep's flag: approved, not scanned after its day.
  unscanned_at timestamptz,
  joint_visit_id bigint references joint_visits (id),
  decision_note text,
  filed_by integer references users (id),
  created_at timestamptz not null,
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  updated_at timestamptz not null default now(),
  check ((exception is null) = (exception_reason is null)),
  check (emergency = (emergency_reason is not null))
);
create index visits_office_year on visits (office_id, planned_date);
create index visits_uscc on visits (uscc, planned_date);
create index visits_region on visits (region_code, planned_date);
create index visits_service_week on visits (uscc, service_week) where service_week is not null and joint_visit_id is null;
create index visits_approved_unscanned on visits (planned_date) where status = 'approved' and unscanned_at is null;
select create_item_events('visit_events', 'visit_id', 'visits');

-- One row per department × enterprise × year, locked while a filing counts the places taken, so
-- two filings at once cannot both take the last one.
create table visit_quota_locks (
  office_id integer not null references offices (id),
  uscc text not null,
  year integer not null,
  primary key (office_id, uscc, year)
);

-- The enterprise's rating of a visit, anonymous: no user, no session, only the visit it rates.
create table visit_ratings (
  visit_id bigint primary key references visits (id),
  office_id integer not null references offices (id),
  conduct smallint not null check (conduct between 1 and 5),
  burden smallint not null check (burden between 1 and 5),
  usefulness smallint not null check (usefulness between 1 and 5),
  comment text check (length(comment) <= 2000),
  complaint boolean not null,
  complaint_text text check (length(complaint_text) <= 2000),
  -- The month rated, not the instant: the department's figures group by month, and a time of day would help trace a rating.
  rated_month text not null check (rated_month ~ '^[0-9]{4}-[0-9]{2}$')
);
create index visit_ratings_office on visit_ratings (office_id);
