import { inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/platform/db/engine.js';
import { prepareDatabase } from '../../src/app.js';

/** Every integration test runs on both engines: PGlite in process and the real PostgreSQL 15 server. */
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** A new, empty database on the engine (a fresh PGlite in memory, or a new database on the server). */
export async function emptyDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') return openDatabase({});
  return openDatabase({ databaseUrl: await newServerDatabase() });
}

/** Creates a database on the test server and returns its URL (for a second pool or a child process). */
export async function newServerDatabase(): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database prepared as `npm start` prepares one: migrated, with the modules' start-up steps (the national regions…). */
export async function preparedDatabase(engine: Engine): Promise<Database> {
  const database = await emptyDatabase(engine);
  await prepareDatabase(database);
  return database;
}

