-- Notifications: a transactional outbox and per-person in-app inboxes.
--
-- A module that changes something (a case dispatched, a deadline near, …) inserts a row into
-- notification_outbox inside its own transaction, so the notice commits or rolls back with the
-- change and never blocks it: no foreign keys (no row locks on users or offices, and the outbox
-- may be created before the tables it names), no checks that valid input could trip.
-- Dispatchers claim due rows (`for update skip locked`, so several processes share the work),
-- fan each out to the channels (in-app inbox, webhook, SMS later) and record the outcome.
create table notification_outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  -- Who it is for: a person, the people of an office (optionally only those holding a role), an
  -- enterprise's users, a phone number (SMS). Several may be given; each adds recipients.
  recipient_user_id integer,
  recipient_office_id integer,
  recipient_role text,
  recipient_phone text,
  recipient_uscc text,
  title_zh text not null,
  title_en text not null,
  body_zh text not null,
  body_en text not null,
  link text,
  case_id bigint,
  -- Sweeps (deadline near, overdue, …) name each notice so that running twice queues it once.
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  -- When the row is next due; while a dispatcher holds it, the end of that dispatcher's lease.
  next_attempt_at timestamptz not null default now(),
  -- The claim (one per delivery pass) that may record the outcome of the current attempt.
  claim_token text,
  last_attempt_at timestamptz,
  last_error text,
  -- Channels already done, so that a retry sends only on the ones that failed.
  delivered_channels text[] not null default '{}',
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index notification_outbox_due on notification_outbox (next_attempt_at, id) where status = 'pending';
create index notification_outbox_failed on notification_outbox (id desc) where status = 'failed';
create index notification_outbox_case on notification_outbox (case_id) where case_id is not null;

-- One row per person per notice, written by the in-app channel; content is copied so that old
-- outbox rows can be pruned without emptying anyone's inbox.
create table notification_inbox (
  id bigint generated always as identity primary key,
  user_id integer not null references users (id),
  outbox_id bigint not null,
  kind text not null,
  title_zh text not null,
  title_en text not null,
  body_zh text not null,
  body_en text not null,
  link text,
  case_id bigint,
  created_at timestamptz not null,
  delivered_at timestamptz not null default now(),
  read_at timestamptz,
  -- A retried delivery never gives anyone the same notice twice.
  unique (outbox_id, user_id)
);
create index notification_inbox_user on notification_inbox (user_id, created_at desc, outbox_id desc);
create index notification_inbox_unread on notification_inbox (user_id, created_at desc, outbox_id desc) where read_at is null;
