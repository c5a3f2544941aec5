-- Where a case came from when another module's work raised it (a problem an enterprise raised on
-- a service visit, a complaint in a visit rating, a bad review of an application): one case per
-- source and key, so a replayed event never opens a second case, and the source reads back the
-- cases it raised.
create table case_origins (
  case_id bigint primary key references cases (id),
  source_type text not null,
  source_id bigint not null,
  source_key text not null,
  unique (source_type, source_id, source_key)
);
