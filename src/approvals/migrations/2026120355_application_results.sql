-- Results and delivery, reviews, the green channel and joint handling of applications (办件).
-- Every field is the application's own, changed only by its actions and recorded by their events;
-- the kernel leaves these out of an application's state hash while they are null, so the state
-- of an application written before them still matches its last event.
alter table applications
  -- The result as issued: a certificate or licence (证照) or a decision document (决定书), how long
  -- it holds, and the signed code its QR carries (purpose 'certificate', subject 'application:<id>').
  add column result_kind text check (result_kind in ('certificate', 'decision')),
  add column result_valid_until date,
  add column certificate_code text,
  -- Revoked by a leader of the issuing department, with the reason: the public check says so.
  add column revoked_at timestamptz,
  add column revoked_reason text,
  add column revoked_by_name text,
  -- 好差评: one review per application, its grade of the national five, where it came from and
  -- who recorded it; a bad one's appeal case as it stands ({caseId, caseCode, status, reply, satisfaction, updatedAt}).
  add column review_grade text check (review_grade in ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
  add column review_comment text,
  add column review_channel text check (review_channel in ('window', 'online', 'certificate')),
  add column reviewed_at timestamptz,
  add column review_by_name text,
  add column review_appeal jsonb,
  -- 绿色通道: since when, why and by whom (a leader of the window or of the department).
  add column green_channel_at timestamptz,
  add column green_channel_reason text,
  add column green_channel_by_name text,
  add check ((result_kind is null) = (certificate_code is null)),
  add check ((revoked_at is null) = (revoked_reason is null)),
  add check ((review_grade is null) = (reviewed_at is null)),
  add check ((green_channel_at is null) = (green_channel_reason is null));

-- Joint handling (Art. 42) extends by up to 15 working days.
alter table applications drop constraint applications_extension_days_check;
alter table applications add constraint applications_extension_days_check check (extension_days between 0 and 15);

create index applications_green on applications (office_id) where green_channel_at is not null;
create index applications_received_month on applications (received_at);

-- 帮办代办: a member of staff may act for an enterprise on its applications (for one item or all,
-- until a date) under its signed authorisation, recorded with the document's reference. Each
-- change is in the audit trail.
create table agency_authorisations (
  id bigint generated always as identity primary key,
  agent_user_id integer not null references users (id),
  enterprise_uscc text not null check (length(enterprise_uscc) = 18),
  enterprise_name text not null check (length(enterprise_name) between 1 and 200),
  -- Null: every item.
  service_item_id integer references service_items (id),
  valid_until date not null,
  document_ref text not null check (length(document_ref) between 1 and 200),
  granted_by_user_id integer references users (id),
  granted_by_name text not null,
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text,
  check ((revoked_at is null) = (revoked_reason is null))
);
create index agency_authorisations_agent on agency_authorisations (agent_user_id, enterprise_uscc);
create index agency_authorisations_uscc on agency_authorisations (enterprise_uscc);
