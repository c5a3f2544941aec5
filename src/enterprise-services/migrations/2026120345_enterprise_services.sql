-- Service to enterprises (src/enterprise-services/): service visits (政务服务进企业, 企业服务日) as
-- work items with their own hash-chained events; leaders assigned to key enterprises (包联); the
-- leaders' hotline duty roster (领导坐班).
create table service_visits (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('service_team', 'service_day', 'leader')),
  -- 统一社会信用代码 of the enterprise visited (the registry's row; kept by code as cases keep it).
  uscc text not null check (length(uscc) = 18),
  enterprise_name text not null,
  -- Where the enterprise is (GB/T 2260), from the registry when planned: the problems' cases go to that region's hotline centre.
  region_code text not null,
  -- The office that organises the visit: its staff hold it, its leaders close it.
  office_id integer not null references offices (id),
  leader_user_id integer references users (id),
  -- The assignment (包联) a service-day visit was scheduled for: one visit per assignment and month.
  assignment_id bigint,
  service_month text check (service_month ~ '^[0-9]{4}-[0-9]{2}$'),
  planned_on date not null,
  held_on date,
  members text[] not null default '{}',
  purpose text not null check (length(purpose) between 1 and 2000),
  -- What the enterprise raised: [{key, kind: problem|need|suggestion, text, recordedAt}]; each problem is a case (case_origins).
  matters jsonb not null default '[]',
  summary text,
  status text not null default 'planned' check (status in ('planned', 'held', 'closed', 'cancelled')),
  created_by integer references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  unique (assignment_id, service_month),
  check ((status in ('held', 'closed')) = (held_on is not null))
);
create index service_visits_office on service_visits (office_id, planned_on);
create index service_visits_uscc on service_visits (uscc);

select create_item_events('service_visit_events', 'service_visit_id', 'service_visits');

create table leader_assignments (
  id bigint generated always as identity primary key,
  leader_user_id integer not null references users (id),
  uscc text not null check (length(uscc) = 18),
  starts_on date not null,
  ends_on date,
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index leader_assignments_uscc on leader_assignments (uscc);
create index leader_assignments_leader on leader_assignments (leader_user_id);

create table leader_duty_slots (
  id bigint generated always as identity primary key,
  -- The office whose leaders the roster is of (a county, the city).
  office_id integer not null references offices (id),
  duty_on date not null,
  half text not null check (half in ('am', 'pm')),
  leader_user_id integer not null references users (id),
  unique (office_id, duty_on, half, leader_user_id)
);
create index leader_duty_slots_month on leader_duty_slots (office_id, duty_on);
