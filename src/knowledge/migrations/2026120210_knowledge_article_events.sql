-- Knowledge articles run on the lifecycle kernel (src/platform/lifecycle/): each article heads
-- a hash chain of its events (created, updated, published, archived, withdrawn, used), append-only
-- like every other item's. Articles written before this migration start their chain empty
-- (event_count 0): what happened to them before is in the audit trail, which they also wrote.
alter table knowledge_articles
  add column event_count integer not null default 0 check (event_count >= 0),
  add column last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000';

create table knowledge_article_events (
  article_id integer not null references knowledge_articles (id),
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
  primary key (article_id, seq)
);

create trigger knowledge_article_events_append_only before update or delete on knowledge_article_events
  for each row execute function refuse_append_only_change();
