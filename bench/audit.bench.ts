/**
 * The cost of the audit trail: an audited write (row + hash-chained audit event in one
 * transaction, the chain head locked) against the same row written without it, through the same
 * driver, on PGlite and on a throwaway PostgreSQL server.
 */
import { openDatabase, sql, type Database } from '../src/platform/db/engine.js';
import { migrate } from '../src/platform/db/migrate.js';
import { recordAudit } from '../src/audit/record.js';
import { verifyAuditTrail } from '../src/audit/verify.js';
import { operatorActor } from '../src/platform/actor.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { drive, summarise } from './stats.js';

async function measure(database: Database, label: string, total: number, concurrency: number) {
  await migrate(database);
  await database.db.execute(sql`create table if not exists bench_rows (id bigint generated always as identity primary key, body jsonb not null)`);
  const actor = operatorActor();
  const plain = await drive(total, concurrency, (i) => database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into bench_rows (body) values (${JSON.stringify({ i, name: '驻马店市市场监督管理局' })}::jsonb)`);
  }));
  console.log(summarise(`${label}: plain insert (baseline), ${concurrency} clients`, plain.latencies, plain.elapsedMs));
  const audited = await drive(total, concurrency, (i) => database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into bench_rows (body) values (${JSON.stringify({ i, name: '驻马店市市场监督管理局' })}::jsonb)`);
    await recordAudit(tx, actor, { action: 'bench.write', entityType: 'bench', entityId: i, after: { i, name: '驻马店市市场监督管理局' } });
  }));
  console.log(summarise(`${label}: insert + audit event, ${concurrency} clients`, audited.latencies, audited.elapsedMs));
  const t0 = performance.now();
  const verified = await verifyAuditTrail(database.db);
  console.log(`${label}: audit verify of ${verified.events} events: ${(performance.now() - t0).toFixed(0)} ms (${verified.ok ? 'intact' : 'BROKEN'})`);
}

export async function run() {
  const pglite = await openDatabase({});
  await measure(pglite, 'PGlite', 2000, 1);
  await pglite.close();
  const server = await startPostgresServer({ settings: { max_connections: '100' } });
  try {
    const pg = await openDatabase({ databaseUrl: await server.createDatabase('bench'), poolSize: 8 });
    await measure(pg, 'PostgreSQL 15', 4000, 8);
    await pg.close();
  } finally {
    await server.stop();
  }
}
