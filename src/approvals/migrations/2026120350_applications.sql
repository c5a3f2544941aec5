-- Applications (办件): a work item on the lifecycle kernel, one hash chain per application
-- (application_events). An application keeps the item version it was received under
-- (service_item_versions.id) and its checklist by material (service_item_materials.id). Its
-- stages and their branches (one per department of a parallel stage) are rows of their own,
-- changed only by the application's actions, each recorded by an event of its chain.
create table applications (
  id bigint generated always as identity primary key,
  service_item_id integer not null references service_items (id),
  version_id integer not null references service_item_versions (id),
  -- The implementing department of that version: its leader extends, its reviewers decide.
  office_id integer not null references offices (id),
  applicant_kind text not null check (applicant_kind in ('enterprise', 'person')),
  applicant_name text not null check (length(applicant_name) between 1 and 200),
  -- 统一社会信用代码 of an enterprise applicant (check digit validated by the command).
  applicant_uscc text check (length(applicant_uscc) = 18),
  applicant_phone text not null default '',
  channel text not null check (channel in ('window', 'online')),
  -- The window that took it in (一窗受理); an online application gets one when a window agent first acts on it.
  window_office_id integer references offices (id),
  -- 首位确认制: the staff member who first took it in or acted on it, until a recorded hand-over.
  owner_user_id integer references users (id),
  owner_name text,
  received_at timestamptz not null,
  received_materials integer[] not null default '{}',
  -- The one-time notice (一次告知): when it was given and what it listed.
  notice_at timestamptz,
  notice_missing integer[] not null default '{}',
  accepted_at timestamptz,
  -- Accepted on receipt because no notice was given within 5 days (行政许可法 Art. 32).
  deemed_accepted boolean not null default false,
  -- Deficiency acceptance (容缺受理): the materials still owed, the signed promise, the deadline.
  deficiency_materials integer[] not null default '{}',
  deficiency_promise text,
  supplement_due_at timestamptz,
  -- The applicant's credit standing when deficiency acceptance was asked for, and who said so.
  credit_bad boolean,
  credit_source text check (credit_source in ('window_agent', 'registry')),
  extension_days integer not null default 0 check (extension_days between 0 and 10),
  extension_reason text,
  -- [{reason, note, from, to}]: Art. 45 excluded periods and the applicant's time for a department's request.
  pauses jsonb not null default '[]',
  stage_count integer not null default 0 check (stage_count >= 0),
  -- Where the clock stands against the committed limit, as the sweep last judged it: what leaders filter on.
  due_state text not null default 'on_time' check (due_state in ('on_time', 'due_soon', 'overdue')),
  decided_at timestamptz,
  refusal_reason text,
  issued_at timestamptz,
  result_number text,
  delivered_at timestamptz,
  -- {method: in_person|post, receipt|trackingNumber}
  delivery jsonb,
  status text not null check (status in ('received', 'incomplete', 'accepted', 'in_review', 'approved', 'refused', 'issued', 'delivered', 'withdrawn', 'ended')),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((applicant_kind = 'enterprise') = (applicant_uscc is not null)),
  check ((owner_user_id is null) = (owner_name is null)),
  check (status in ('received', 'incomplete', 'withdrawn') or accepted_at is not null),
  check ((supplement_due_at is null) = (deficiency_promise is null))
);
create index applications_office on applications (office_id, status);
create index applications_window on applications (window_office_id, status);
create index applications_owner on applications (owner_user_id) where owner_user_id is not null;
create index applications_uscc on applications (applicant_uscc) where applicant_uscc is not null;
create index applications_owed on applications (supplement_due_at) where deficiency_materials <> '{}';
create index applications_received on applications (received_at) where status = 'received';
create index applications_running on applications (id) where status in ('accepted', 'in_review');

-- An application never loses its owner: the only change of owner is a hand-over to another.
create function applications_keep_owner() returns trigger language plpgsql as $$
begin
  if old.owner_user_id is not null and new.owner_user_id is null then
    raise exception 'application %: its owner cannot be removed, only handed over', old.id;
  end if;
  return new;
end $$;
create trigger applications_keep_owner before update on applications for each row execute function applications_keep_owner();

select create_item_events('application_events', 'application_id', 'applications');

create table application_stages (
  application_id bigint not null references applications (id),
  stage_no integer not null check (stage_no >= 1),
  name text not null check (length(name) between 1 and 200),
  status text not null check (status in ('open', 'approved', 'refused', 'withdrawn')),
  started_at timestamptz not null,
  ended_at timestamptz,
  primary key (application_id, stage_no),
  check ((status = 'open') = (ended_at is null))
);

-- One branch per department per stage: the key itself refuses a duplicate.
create table application_branches (
  application_id bigint not null,
  stage_no integer not null,
  office_id integer not null references offices (id),
  status text not null check (status in ('pending', 'reviewing', 'waiting', 'approved', 'refused', 'closed')),
  reason text,
  updated_by_name text,
  updated_at timestamptz not null,
  primary key (application_id, stage_no, office_id),
  foreign key (application_id, stage_no) references application_stages (application_id, stage_no)
);
create index application_branches_office on application_branches (office_id, status);
