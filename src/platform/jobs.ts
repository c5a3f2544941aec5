/**
 * The background jobs of a serving process. Every process runs the same timer, but a job runs
 * only when its claim in `background_job_runs` is taken: at most once per interval across every
 * process on one database, and not while another process's run of it is still going — unless
 * that run has outlived its lease, as a process that died mid-run leaves it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, queryRows, type Database } from './db/engine.js';
import type { BackgroundJob } from './manifest.js';

/** A run older than this many intervals is taken for dead: its claim may be taken again. */
const LEASE_INTERVALS = 10;
/** A claim is due a little early, so that timers of processes drifting apart do not skip a whole interval. */
const DUE_FRACTION = 0.9;

/** What this process is called in `background_job_runs.process`. */
export const PROCESS_NAME = `${hostname()}:${process.pid}`;

/** Takes the job's claim if it is due; returns its token, or null when another process has it. */
export async function claimJob(database: Database, name: string, intervalMs: number): Promise<string | null> {
  const token = randomBytes(9).toString('base64url');
  const due = `${Math.round(intervalMs * DUE_FRACTION)} milliseconds`;
  const lease = `${intervalMs * LEASE_INTERVALS} milliseconds`;
  const rows = await queryRows<{ token: string }>(database.db, sql`
    insert into background_job_runs as r (name, token, process, started_at) values (${name}, ${token}, ${PROCESS_NAME}, now())
    on conflict (name) do update set token = excluded.token, process = excluded.process, started_at = now(), finished_at = null, failed = false, runs = r.runs + 1
    where r.started_at <= now() - ${due}::interval
      and (r.finished_at is not null or r.started_at <= now() - ${lease}::interval)
    returning token`);
  return rows.length ? token : null;
}

/** Marks the claimed run finished, so that the next may start when due. */
export async function finishJob(database: Database, name: string, token: string, failed: boolean): Promise<void> {
  await database.db.execute(sql`update background_job_runs set finished_at = now(), failed = ${failed} where name = ${name} and token = ${token}`);
}

/** Starts the timer; returns a function that stops it. `onError` hears of a failed run or claim. */
export function startBackgroundJobs(database: Database, jobs: readonly BackgroundJob[], intervalMs: number, onError: (err: unknown, job: string) => void): () => void {
  const running = new Set<string>();
  const runOnce = async (job: BackgroundJob) => {
    const token = await claimJob(database, job.name, intervalMs);
    if (!token) return;
    let failed = false;
    try {
      await job.run(database);
    } catch (err) {
      failed = true;
      onError(err, job.name);
    }
    await finishJob(database, job.name, token, failed);
  };
  const timer = setInterval(() => {
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      running.add(job.name);
      runOnce(job).catch((err) => onError(err, job.name)).finally(() => running.delete(job.name));
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
