-- Knowledge base (知识库): the authoritative answers agents read out and case intake suggests.
-- Search columns are derived by the commands from the text (src/knowledge/search-terms.ts:
-- Intl.Segmenter words, with character pairs for runs the dictionary does not know):
--   title_terms    terms of the title and keywords   (a hit here counts 3)
--   question_terms terms of the question             (how citizens ask; counts 2)
--   body_terms     terms of the answer and category  (counts 1)
--   search_terms   all of the above; its GIN index finds the candidates of a query
--                  (`search_terms && query_terms`)
--   search_text    normalised title, question and keywords; its trigram index finds a phrase
--                  (`like '%社保卡%'`) that the terms missed
-- No generated columns: backup/restore inserts every column as read.
create extension if not exists pg_trgm;

create table knowledge_articles (
  id integer generated always as identity primary key,
  title text not null,
  question text not null,
  answer text not null,
  category text not null,
  keywords text[] not null default '{}',
  -- The office that vouches for the answer; editors and publishers are scoped by it.
  office_id integer not null references offices (id),
  -- GB/T 2260 code the article applies to, with everything under it; null: everywhere.
  region_code text references regions (code),
  valid_from date,
  valid_until date,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  use_count integer not null default 0 check (use_count >= 0),
  last_used_at timestamptz,
  title_terms text[] not null default '{}',
  question_terms text[] not null default '{}',
  body_terms text[] not null default '{}',
  search_terms text[] not null default '{}',
  search_text text not null default '',
  published_at timestamptz,
  published_by_name text,
  version integer not null default 1,
  created_by integer references users (id),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  updated_by integer references users (id),
  updated_by_name text not null,
  updated_at timestamptz not null default now(),
  check (valid_from is null or valid_until is null or valid_from <= valid_until)
);
create index knowledge_articles_terms on knowledge_articles using gin (search_terms);
create index knowledge_articles_text on knowledge_articles using gin (search_text gin_trgm_ops);
create index knowledge_articles_office on knowledge_articles (office_id, status);
create index knowledge_articles_status on knowledge_articles (status, updated_at desc);
