-- Knowledge articles run on the lifecycle kernel (src/platform/lifecycle/): each article heads
-- a hash chain of its events (created, updated, published, archived, withdrawn, used), append-only
-- like every other item's. Articles written before this migration start their chain empty
-- (event_count 0): what happened to them before is in the audit trail, which they also wrote.
alter table knowledge_articles
  add column event_count integer not null default 0 check (event_count >= 0),
  add column last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000';

select create_item_events('knowledge_article_events', 'article_id', 'knowledge_articles', 'integer');
