-- Each work item's event records the hash of the item's state after it (state_hash, computed by
-- the kernel: src/platform/lifecycle/table.ts), so `qinqing audit verify` can compare an item's
-- current row with its last event. Events written before have none (null): an item is checked
-- from its next event on, and verify counts those it cannot check yet. No baseline is written
-- here: it would vouch for whatever the rows hold at upgrade, edits made behind the events'
-- back included. New events tables get the column from create_item_events.
create or replace function create_item_events(events text, item_column text, items text, id_type text default 'bigint') returns void language plpgsql as $$
begin
  execute format('create table %I (
      %I %s not null references %I (id),
      seq integer not null,
      at timestamptz not null,
      action text not null,
      actor_user_id integer,
      actor_name text not null,
      actor_office_id integer,
      from_status text,
      to_status text,
      data jsonb not null,
      state_hash text,
      prev_hash text not null,
      hash text not null,
      primary key (%I, seq)
    )', events, item_column, id_type, items, item_column);
  execute format('create trigger %I before update or delete on %I for each row execute function refuse_append_only_change()', events || '_append_only', events);
end $$;
