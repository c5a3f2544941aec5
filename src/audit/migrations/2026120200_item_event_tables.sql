-- One shape for every work item's events table (the lifecycle kernel's chain.ts reads and writes
-- these columns): an item type's migration calls
--   select create_item_events('<item>_events', '<item>_id', '<items table>', '<id type>');
-- and gets the table, its key and the trigger that keeps it append-only.
create function create_item_events(events text, item_column text, items text, id_type text default 'bigint') returns void language plpgsql as $$
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
      prev_hash text not null,
      hash text not null,
      primary key (%I, seq)
    )', events, item_column, id_type, items, item_column);
  execute format('create trigger %I before update or delete on %I for each row execute function refuse_append_only_change()', events || '_append_only', events);
end $$;
