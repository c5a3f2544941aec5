/**
 * What a capability module declares of itself (as a Decidim component's manifest does): its
 * routes, background jobs, start-up steps, CLI commands, demo data, the roles it introduces, the
 * figures it contributes, its work-item types, the subscribers that follow other modules'
 * events and the registry's changes, and the integrity checks of its records. The application entry (src/app.ts) assembles the manifests; the platform runs what
 * they declare without importing any module.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import type { Database, Db } from './db/engine.js';
import type { Actor, Role } from './actor.js';
import type { Bilingual, EnterpriseSectionContent, FigureGroupBy, FigureSectionMeta, FigureSectionRow } from './contract.js';
import type { AnyItemType, Subscriber } from './lifecycle/index.js';
import type { IntegrityCheck } from './integrity.js';
import type { EnterpriseChangeSubscriber } from './enterprise-changes.js';

/** Work a process does on its own, on a timer: each job must be safe to run in several processes at once. */
export interface BackgroundJob {
  name: string;
  run(database: Database): Promise<unknown>;
}

/** A long-running worker of the serving process (the notification dispatcher), started after the server is built and stopped before the database closes. */
export interface BackgroundService {
  name: string;
  start(app: FastifyInstance): { stop(): Promise<void> };
}

/** Brings a database up to date after the migrations (reference data, figures of old rows); runs on every open, so it must be idempotent. */
export interface StartupStep {
  name: string;
  run(db: Db, log: (line: string) => void): Promise<void>;
}

/** What earlier demo steps made, by name (`offices`: the demo offices' ids by key, …). */
export type DemoMade = Readonly<Record<string, unknown>>;

/**
 * One part of the demo data, loaded through the module's real commands into a new database.
 * Steps run in the order the modules declare them, each once what it needs has been made.
 */
export interface DemoStep {
  name: string;
  /** What it reads of earlier steps' results. */
  needs?: readonly string[];
  /** The names of what it makes: the keys of the object `load` returns. */
  makes?: readonly string[];
  load(db: Db, made: DemoMade, progress: (done: number, total: number) => void): Promise<Record<string, unknown> | void>;
}

/** Where a command writes: the operator's terminal, or, for a command run through the serving process, the socket back to it. */
export interface Terminal {
  /** One line of the command's answer (stdout). */
  out(line: string): void;
  /** Progress and warnings, as written (stderr). */
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars redraw in place). */
  isTTY: boolean;
}

export interface CliContext extends Terminal {
  config: Config;
  /** The operator's working directory: file arguments are relative to it, wherever the command runs. */
  cwd: string;
  /** The modules the application runs (their demo steps, their item types…). */
  modules: readonly ModuleManifest[];
  /** Opens the configured database prepared as the server would (`skip` leaves out start-up steps the command does itself), runs `fn`, closes it. */
  withDatabase<T>(fn: (database: Database) => Promise<T>, opts?: { skip?: readonly string[] }): Promise<T>;
}

export interface CliCommand {
  /** The words that name it: `cases sweep`. */
  name: string;
  /** Arguments after the name, as the help shows them. */
  args?: string;
  summary: string;
  /** Needs the embedded data directory to itself (serve, init, restore): refused while a server holds it, instead of running through it. */
  exclusive?: boolean;
  /** The exit code: 0 done, 1 a failure found (a broken chain), 2 bad input (throw a UsageError or an AppError instead). */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/**
 * A module's section of the enterprise page (企业档案: one view of everything the government does
 * with an enterprise). `load` answers what the viewer may see of it, or null when they may see
 * none of it (the section is then left out).
 */
export interface EnterpriseSection {
  key: string;
  title: Bilingual;
  /** Place on the page; lower comes first (default 100). */
  order?: number;
  load(db: Db, actor: Actor, uscc: string, limit: number): Promise<EnterpriseSectionContent | null>;
}

/** What a figure section is asked for: months `from`..`to` (YYYY-MM), one of its group-bys, and optionally an office whose subtree to narrow to. */
export interface FigureSectionQuery {
  from: string;
  to: string;
  groupBy: FigureGroupBy;
  scope?: number;
}

/**
 * A module's figures on the evaluation dashboard (考评看板): what they are, who may read them,
 * and how to compute them — over what the actor may read, by the module's own query — with each
 * cell's drill-down to the module's list. The evaluation module shows every section it is given.
 */
export interface FigureSection extends Omit<FigureSectionMeta, 'groupBy'> {
  groupBy: readonly FigureGroupBy[];
  /** Place on the dashboard; lower comes first (default 100). */
  order?: number;
  /** The roles that read the section (within their office subtree). */
  roles: readonly Role[];
  load(db: Db, actor: Actor, q: FigureSectionQuery, config: Config): Promise<{ rows: FigureSectionRow[]; total: FigureSectionRow }>;
}

export interface ModuleManifest {
  name: string;
  /** Plugins mounted under /api, each encapsulated. */
  routes?: readonly FastifyPluginAsync[];
  /** Mounted at the root, for interfaces with their own well-known paths (Open311 GeoReport v2). */
  rootRoutes?: readonly FastifyPluginAsync[];
  /** Registered on the whole server before any routes (authentication). */
  hooks?: FastifyPluginAsync;
  jobs?: readonly BackgroundJob[];
  services?: readonly BackgroundService[];
  startup?: readonly StartupStep[];
  cli?: readonly CliCommand[];
  demo?: readonly DemoStep[];
  roles?: readonly Role[];
  /** The evaluation figures the module's events feed, by code. */
  figures?: readonly string[];
  itemTypes?: readonly AnyItemType[];
  subscribers?: readonly Subscriber[];
  /** What `audit verify` checks of the module's records beside the chains (attachments' bytes, people's roles). */
  integrityChecks?: readonly IntegrityCheck[];
  /** What the module shows on an enterprise's page. */
  enterpriseSections?: readonly EnterpriseSection[];
  /** The module's figures on the evaluation dashboard, computed from its tables when read. */
  figureSections?: readonly FigureSection[];
  /** What the module does, in the same transaction, when enterprise records change (policy matching queues them). */
  enterpriseChanges?: readonly EnterpriseChangeSubscriber[];
}
