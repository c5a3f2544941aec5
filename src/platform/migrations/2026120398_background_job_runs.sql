-- Background jobs on one PostgreSQL server shared by several processes (src/platform/jobs.ts):
-- each job's latest claim, so that it runs once per interval across all of them, not once per
-- process, and never twice at a time unless a claim outlives its lease (a process that died).
create table background_job_runs (
  name text primary key,
  -- The claim of the run in progress or last run: who took it and when.
  token text not null,
  process text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  failed boolean not null default false,
  runs bigint not null default 1
);
