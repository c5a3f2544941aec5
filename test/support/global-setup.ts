import type { TestProject } from 'vitest/node';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';

let server: PostgresServer | undefined;

export async function setup(project: TestProject) {
  server = await startPostgresServer({ settings: { max_connections: '300' } });
  project.provide('postgresUrl', server.url);
}

export async function teardown() {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
