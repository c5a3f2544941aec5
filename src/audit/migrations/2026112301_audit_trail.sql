-- Append-only audit trail, hash-chained: each event's hash covers the previous hash and its own
-- canonical content, so altering or deleting an event breaks the chain at that event.
create table audit_events (
  seq bigint primary key,
  at timestamptz not null,
  actor_user_id integer,
  actor_name text not null,
  actor_office_id integer,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_events_entity on audit_events (entity_type, entity_id, seq);

-- The head of the chain: the one row every audited write locks, so events get gap-free
-- sequence numbers in commit order and the last event can be checked too.
create table audit_head (
  id smallint primary key check (id = 1),
  seq bigint not null,
  hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

-- Shared by every append-only table (audit trail, case timelines, ledger progress).
create function refuse_append_only_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only (% refused)', tg_table_name, tg_op;
end $$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function refuse_append_only_change();
