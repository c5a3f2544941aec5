-- Joint review and joint acceptance (联审联批, 联合验收): one appointment (date, place) for several
-- departments over one application; each invited department records its verdict once, and the
-- joint report results when every verdict is in. A work item on the lifecycle kernel.
create table joint_reviews (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications (id),
  kind text not null check (kind in ('review', 'acceptance')),
  scheduled_at timestamptz not null,
  place text not null check (length(place) between 1 and 200),
  organiser_office_id integer not null references offices (id),
  organiser_name text not null,
  -- Set with the report: passed, passed with conditions, or failed (any department's fail).
  outcome text check (outcome in ('passed', 'conditional', 'failed')),
  reported_at timestamptz,
  cancel_reason text,
  status text not null check (status in ('scheduled', 'reported', 'cancelled')),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'reported') = (outcome is not null and reported_at is not null))
);
create index joint_reviews_application on joint_reviews (application_id);

select create_item_events('joint_review_events', 'joint_review_id', 'joint_reviews');

-- One verdict per invited department, recorded once: the key refuses a department twice.
create table joint_review_verdicts (
  joint_review_id bigint not null references joint_reviews (id),
  office_id integer not null references offices (id),
  verdict text check (verdict in ('pass', 'conditional', 'fail')),
  -- The conditions of a pass with conditions, the reasons of a fail.
  remarks text not null default '',
  recorded_by_name text,
  recorded_at timestamptz,
  primary key (joint_review_id, office_id),
  check ((verdict is null) = (recorded_at is null)),
  check (verdict is null or verdict = 'pass' or length(remarks) > 0)
);
create index joint_review_verdicts_office on joint_review_verdicts (office_id);
