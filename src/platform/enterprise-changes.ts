/**
 * Reactions to changes of the enterprise registry, in the changing transaction: the registry is
 * master data, not a work item, so it has no events for the kernel's subscribers to follow. The
 * registry's commands publish what changed; modules that follow it (policy matching) declare
 * subscribers in their manifests, assembled once by the application entry, so the registry
 * never knows who follows it.
 */
import type { Db } from './db/engine.js';

export interface EnterpriseChange {
  enterpriseId: number;
  uscc: string;
  /** `create`: a new record; `update`: its fields changed (a form or an import); `contacts`: only its contacts. */
  action: 'create' | 'update' | 'contacts';
  /** The fields that changed (every field for a new record). */
  changed: readonly string[];
}

export interface EnterpriseChangeSubscriber {
  name: string;
  /** Called once per command with every record it changed (an import: all its rows at once), inside its transaction: a throw rolls it back. */
  perform(tx: Db, changes: readonly EnterpriseChange[]): Promise<void>;
}

let assembled: readonly EnterpriseChangeSubscriber[] | null = null;

/** Called once by the application entry with every manifest's enterprise-change subscribers. */
export function installEnterpriseChangeSubscribers(subscribers: readonly EnterpriseChangeSubscriber[]): void {
  assembled = [...subscribers];
}

/** Tells every subscriber of the changes, in order, inside `tx`. */
export async function publishEnterpriseChanges(tx: Db, changes: readonly EnterpriseChange[]): Promise<void> {
  if (!assembled) throw new Error('enterprise changes: subscribers not installed — import the application (src/app.ts) before changing the registry');
  if (!changes.length) return;
  for (const s of assembled) await s.perform(tx, changes);
}
