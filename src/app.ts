/**
 * The application: the capability modules' manifests, assembled. Importing it installs their
 * work-item types and subscribers in the lifecycle kernel; the server, the CLI and the tests
 * open databases and build servers through it, so every one runs the same modules.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/engine.js';
import type { ModuleManifest } from './platform/manifest.js';
import { installItemTypes, installSubscribers } from './platform/lifecycle/index.js';
import { installIntegrityChecks } from './platform/integrity.js';
import { installEnterpriseChangeSubscribers } from './platform/enterprise-changes.js';
import { openPreparedDatabase as openWithSteps, prepareDatabase as prepareWithSteps } from './platform/bootstrap.js';
import { buildServer as buildWithModules, type ServerOptions } from './platform/http/server.js';
import { authModule } from './auth/manifest.js';
import { regionsModule } from './regions/manifest.js';
import { officesModule } from './offices/manifest.js';
import { peopleModule } from './people/manifest.js';
import { calendarModule } from './calendar/manifest.js';
import { auditModule } from './audit/manifest.js';
import { casesModule } from './cases/manifest.js';
import { rectificationModule } from './rectification/manifest.js';
import { notificationsModule } from './notifications/manifest.js';
import { knowledgeModule } from './knowledge/manifest.js';
import { evaluationModule } from './evaluation/manifest.js';
import { signingModule } from './signing/manifest.js';
import { approvalsModule } from './approvals/manifest.js';
import { open311Manifest } from './open311/manifest.js';
import { enterprisesModule } from './enterprises/manifest.js';
import { enterpriseServicesModule } from './enterprise-services/manifest.js';
import { policiesModule } from './policies/manifest.js';
import { inspectionsModule } from './inspections/manifest.js';
import { proactiveModule } from './proactive/manifest.js';
import { visitsModule } from './visits/manifest.js';
import { demoModule } from './demo/manifest.js';

/** In the order their routes mount, start-up steps run and the CLI help lists their commands. */
export const MODULES: readonly ModuleManifest[] = [
  authModule, regionsModule, officesModule, peopleModule, calendarModule, casesModule, rectificationModule, notificationsModule, knowledgeModule, evaluationModule, signingModule, approvalsModule,
  enterprisesModule, enterpriseServicesModule, policiesModule, inspectionsModule, proactiveModule, visitsModule, open311Manifest, auditModule, demoModule,
];

/**
 * Installs the modules' work-item types and subscribers in the kernel, their integrity checks
 * and their subscribers to registry changes. The application does it with MODULES on import; a test of the kernel adds a module of
 * its own.
 */
export function installModules(modules: readonly ModuleManifest[]): void {
  installItemTypes(modules.flatMap((m) => m.itemTypes ?? []));
  installSubscribers(modules.flatMap((m) => m.subscribers ?? []));
  installIntegrityChecks(modules.flatMap((m) => m.integrityChecks ?? []));
  installEnterpriseChangeSubscribers(modules.flatMap((m) => m.enterpriseChanges ?? []));
}

installModules(MODULES);

const STARTUP = MODULES.flatMap((m) => m.startup ?? []);

/** Opens the configured database and brings it up to date: migrations, then every module's start-up steps (except `skip`). */
export function openPreparedDatabase(config: Pick<Config, 'databaseUrl' | 'databaseReadUrl' | 'dataDir'>, log?: (line: string) => void, opts: { skip?: readonly string[] } = {}): Promise<Database> {
  return openWithSteps(config, STARTUP.filter((s) => !opts.skip?.includes(s.name)), log);
}

/** Brings an open database up to date as `openPreparedDatabase` does. */
export function prepareDatabase(database: Database, log?: (line: string) => void): Promise<void> {
  return prepareWithSteps(database, STARTUP, log);
}

/** The server of the application's modules (or of the modules given, as installed with `installModules`). */
export function buildServer(opts: Omit<ServerOptions, 'modules'> & { modules?: readonly ModuleManifest[] }): Promise<FastifyInstance> {
  return buildWithModules({ ...opts, modules: opts.modules ?? MODULES });
}
