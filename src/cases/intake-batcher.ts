/**
 * Group commit for intake: appeals arriving together are written in one transaction, so a busy
 * hotline pays one commit (one WAL flush) for many cases. Nothing waits on a timer — while the
 * permitted transactions are in flight, new appeals queue, and the next transaction takes them
 * all; a quiet server commits each at once. A request is answered only after its transaction
 * committed, so every 201 is durable. If a batch fails, its cases are retried one by one so
 * that one bad appeal only fails itself.
 */
import type { Database, Db } from '../platform/db/engine.js';
import { insertCases, type CreatedCase, type PreparedCase } from './commands/createCase.js';

interface Pending {
  prepared: PreparedCase;
  resolve(created: CreatedCase): void;
  reject(err: unknown): void;
}

export class IntakeBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db, private readonly opts: { maxInFlight: number; maxBatch: number }) {}

  submit(prepared: PreparedCase): Promise<CreatedCase> {
    return new Promise((resolve, reject) => {
      this.queue.push({ prepared, resolve, reject });
      this.pump();
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

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const created = await this.db.transaction((tx) => insertCases(tx, batch.map((p) => p.prepared)));
      batch.forEach((p, i) => p.resolve(created[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0].reject(err);
        return;
      }
      for (const p of batch) {
        try {
          const [created] = await this.db.transaction((tx) => insertCases(tx, [p.prepared]));
          p.resolve(created);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }
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
