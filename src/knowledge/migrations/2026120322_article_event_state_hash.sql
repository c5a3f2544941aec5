-- The article's state hash after each event (see audit/migrations/2026120320_item_state_hash.sql).
alter table knowledge_article_events add column state_hash text;
