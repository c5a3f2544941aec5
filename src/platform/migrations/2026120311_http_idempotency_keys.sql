-- HTTP infrastructure the server itself keeps in the database, so that every process on one
-- PostgreSQL server answers alike (src/platform/http/idempotency.ts).

-- Idempotency-Key: one row per (caller, key). While `status` is null the first request is in
-- flight; then it holds the first answer, sealed with a key derived from the client's
-- Idempotency-Key (which is stored only as its hash): the answers hold lookup secrets and
-- requesters' identities, readable here only by whoever holds the key. Kept 24 hours.
create table http_idempotency_keys (
  scope text not null,
  key_hash text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  -- Which request holds the key: a request taken over after it was abandoned cannot complete it.
  reservation text not null,
  status integer,
  response text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (scope, key_hash),
  check ((status is null) = (response is null))
);
create index http_idempotency_keys_created on http_idempotency_keys (created_at);
