-- Appeals (诉求/工单): one row per case holding its current state, and the append-only events
-- that changed it, hash-chained per case (no global lock, so intake scales with connections).
create table case_categories (
  id integer generated always as identity primary key,
  parent_id integer references case_categories (id),
  code text not null unique,
  name text not null,
  path text not null default '',
  active boolean not null default true,
  version integer not null default 1
);

-- Dispatch catalogue (派单目录): which office owns which category in which region.
create table dispatch_catalogue (
  id integer generated always as identity primary key,
  category_id integer not null references case_categories (id),
  region_code text not null references regions (code),
  office_id integer not null references offices (id),
  note text,
  version integer not null default 1,
  unique (category_id, region_code)
);

-- Deadline policy (时限) and other settings of the loop; one row.
create table case_settings (
  id smallint primary key check (id = 1),
  policy jsonb not null,
  version integer not null default 1
);

create sequence case_code_seq;

create table cases (
  id bigint generated always as identity primary key,
  code text not null unique,
  channel text not null check (channel in ('hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline')),
  type text not null check (type in ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise')),
  priority text not null check (priority in ('normal', 'urgent')),
  status text not null check (status in ('accepted', 'answered', 'dispatched', 'handling', 'replied', 'reviewed', 'closed', 'merged')),
  title text not null,
  content text not null,
  address text,
  region_code text references regions (code),
  category_id integer references case_categories (id),
  requester_kind text not null check (requester_kind in ('person', 'enterprise', 'anonymous')),
  requester_name text,
  requester_phone text,
  requester_uscc text,
  requester_user_id integer references users (id),
  confidential boolean not null default false,
  lookup_secret_hash text,
  intake_office_id integer not null references offices (id),
  lead_office_id integer references offices (id),
  assisting_office_ids integer[] not null default '{}',
  created_by integer references users (id),
  accepted_at timestamptz not null,
  dispatched_at timestamptz,
  signed_at timestamptz,
  replied_at timestamptz,
  reviewed_at timestamptz,
  closed_at timestamptz,
  -- When the reply clock started: first dispatch, or a reopening.
  clock_started_at timestamptz,
  sign_due_at timestamptz,
  reply_due_at timestamptz,
  clock_paused_at timestamptz,
  paused_minutes integer not null default 0,
  extension_days integer not null default 0,
  extensions_granted integer not null default 0,
  pending_extension jsonb,
  due_state text not null default 'on_time' check (due_state in ('on_time', 'due_soon', 'overdue')),
  -- Once overdue, always counted as overdue in the record, even after closing.
  was_overdue boolean not null default false,
  sign_late boolean,
  reply_late boolean,
  reply text,
  outcome text,
  visit jsonb,
  evaluation jsonb,
  supervision_level text,
  return_count integer not null default 0,
  transfer_count integer not null default 0,
  reopen_count integer not null default 0,
  escalation_level integer not null default 0,
  merged_into_id bigint references cases (id),
  -- Han character pairs and Latin words of title, content and address (src/platform/search/terms.ts).
  search_terms text[] not null default '{}',
  event_count integer not null default 0,
  last_event_hash text not null,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index cases_status on cases (status, accepted_at desc);
create index cases_intake on cases (intake_office_id, accepted_at desc);
create index cases_lead on cases (lead_office_id, status);
create index cases_assisting on cases using gin (assisting_office_ids);
create index cases_requester_user on cases (requester_user_id) where requester_user_id is not null;
create index cases_requester_uscc on cases (requester_uscc) where requester_uscc is not null;
create index cases_requester_phone on cases (requester_phone, accepted_at desc) where requester_phone is not null;
create index cases_open_due on cases (reply_due_at) where status in ('dispatched', 'handling');
create index cases_search on cases using gin (search_terms);
create index cases_accepted on cases (accepted_at desc);
create index cases_address on cases (address, accepted_at desc) where address is not null;

create table case_events (
  case_id bigint not null references cases (id),
  seq integer not null,
  at timestamptz not null,
  action text not null,
  actor_user_id integer,
  actor_name text not null,
  actor_office_id integer,
  from_status text,
  to_status text,
  data jsonb not null,
  prev_hash text not null,
  hash text not null,
  primary key (case_id, seq)
);
create index case_events_at on case_events (at);

create trigger case_events_append_only before update or delete on case_events
  for each row execute function refuse_append_only_change();

create table case_attachments (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  file_name text not null,
  content_type text not null,
  size integer not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);
create index case_attachments_case on case_attachments (case_id);
