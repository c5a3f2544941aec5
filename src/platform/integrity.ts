/**
 * Checks `qinqing audit verify` runs beside the hash chains: records outside a work item's row
 * that must agree with what an audited event recorded of them (an attachment's bytes, a
 * person's roles and office). Modules declare them in their manifests; the application installs
 * them as it installs item types.
 */
import type { Db } from './db/engine.js';

export interface IntegrityCheck {
  /** What it checks, as the report names it: `case attachments`, `people`. */
  label: string;
  /** Each record checked, and a sentence naming each one that differs from its event (record, id, field). */
  run(db: Db): Promise<{ checked: number; problems: string[] }>;
}

let installed: readonly IntegrityCheck[] = [];

export function installIntegrityChecks(checks: readonly IntegrityCheck[]): void {
  installed = [...checks];
}

export function integrityChecks(): readonly IntegrityCheck[] {
  return installed;
}
