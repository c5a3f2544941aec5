-- The case's state hash after each event (see audit/migrations/2026120320_item_state_hash.sql).
alter table case_events add column state_hash text;
