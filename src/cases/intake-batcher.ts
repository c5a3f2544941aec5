/**
 * Group commit for intake: appeals arriving together are written in one transaction, so a busy
 * hotline pays one commit (one WAL flush) for many cases. Nothing waits on a timer — while the
 * permitted transactions are in flight, new appeals queue, and the next transaction takes them
 * all; a quiet server commits each at once (after the current turn of the event loop, so that
 * appeals read from the network in one turn go together). A request is answered only after its
 * transaction committed, so every 201 is durable. If the database refuses a batch, its cases are
 * retried one by one so that one bad appeal only fails itself.
 */
import type { Database, Db } from '../platform/db/engine.js';
import { insertCases, nextCaseIds, type CreatedCase, type PreparedCase } from './commands/createCase.js';

interface Pending {
  prepared: PreparedCase;
  resolve(created: CreatedCase): void;
  reject(err: unknown): void;
}

export class IntakeBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Case ids taken from the sequence ahead, for the appeals that were waiting when they were taken. */
  private ids: number[] = [];

  constructor(private readonly db: Db, private readonly opts: { maxInFlight: number; maxBatch: number }) {}

  submit(prepared: PreparedCase): Promise<CreatedCase> {
    return new Promise((resolve, reject) => {
      this.queue.push({ prepared, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs once the event loop has handled the I/O that is ready: every appeal
        // that arrived with this one is queued by then (no timer, no added wait when quiet).
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump() {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * Ids for `n` cases. Short of them, one query takes them together with ids for every appeal
   * already waiting, so that under load a batch costs one round trip (the insert), not two.
   */
  private async takeIds(n: number): Promise<number[]> {
    if (this.ids.length < n) this.ids.push(...(await nextCaseIds(this.db, n - this.ids.length + this.queue.length)));
    return this.ids.splice(0, n);
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      // One statement, atomic without BEGIN/COMMIT.
      const created = await insertCases(this.db, batch.map((p) => p.prepared), await this.takeIds(batch.length));
      batch.forEach((p, i) => p.resolve(created[i]));
    } catch (err) {
      // Only an appeal the database refused (bad data, a constraint) is worth retrying alone. When
      // the connection failed instead, the batch may have committed all the same: retrying could
      // write its cases twice, so every request of the batch fails (outcome unknown to its caller).
      if (batch.length === 1 || !refusedByDatabase(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      for (const p of batch) {
        try {
          const [created] = await insertCases(this.db, [p.prepared]);
          p.resolve(created);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint), possibly wrapped by the driver. */
function refusedByDatabase(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(e.code)) return true;
  }
  return false;
}

const batchers = new WeakMap<Db, IntakeBatcher>();

/** One batcher per database: PGlite has one connection, a server pool takes a few transactions at once. */
export function intakeBatcher(database: Database): IntakeBatcher {
  let b = batchers.get(database.db);
  if (!b) {
    b = new IntakeBatcher(database.db, database.kind === 'pglite' ? { maxInFlight: 1, maxBatch: 200 } : { maxInFlight: 4, maxBatch: 200 });
    batchers.set(database.db, b);
  }
  return b;
}
