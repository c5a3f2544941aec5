-- HTTP infrastructure the server itself keeps in the database, so that every process on one
-- PostgreSQL server answers alike (src/platform/http/rate-limit.ts).

-- Rate limits: hits per budget (public writes, public reads, log-in) and client in the client's
-- current window, which opens at its first request.
create table http_rate_counts (
  bucket text not null,
  client text not null,
  window_start timestamptz not null,
  window_end timestamptz not null,
  hits integer not null,
  primary key (bucket, client)
);
create index http_rate_counts_window_end on http_rate_counts (window_end);
