/**
 * Who reads and who changes the registry. Staff of an office (agent, dispatcher, handler,
 * supervisor, leader, window agent, admin) read the enterprises of their office's region and the regions under
 * it: a county's offices their county's, the city's offices the whole city's. An administrator
 * of an office changes them in that region; the system administrator reads and changes every
 * one. An enterprise user reads only its own enterprise and keeps its contacts up to date.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { hasAnyRole, seesEverything } from '../auth/permissions.js';
import { findOffice } from '../offices/queries.js';
import { regionWithin } from '../regions/rules.js';
import { startingWith } from '../platform/db/like.js';

// The window agent reads too: one-window intake (一窗受理) fills an applicant enterprise in from it.
export const STAFF_READERS: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'window_agent'];
export const EDITORS: readonly Role[] = ['admin'];

/** The standing of an actor towards the registry, read once per request. */
export interface RegistryStanding {
  everything: boolean;
  /** The region of the actor's office, when they read as staff. */
  staffRegion: string | null;
  /** The enterprise an enterprise user acts for. */
  ownUscc: string | null;
  editsEverything: boolean;
  editRegion: string | null;
}

export async function registryStanding(db: Db, actor: Actor): Promise<RegistryStanding> {
  const everything = seesEverything(actor);
  const office = !everything && actor.officeId !== null && hasAnyRole(actor, STAFF_READERS) ? await findOffice(db, actor.officeId) : null;
  const ownUscc = actor.roles.includes('enterprise') && actor.enterpriseUscc ? actor.enterpriseUscc : null;
  const edits = hasAnyRole(actor, EDITORS);
  return {
    everything,
    staffRegion: office?.regionCode ?? null,
    ownUscc,
    editsEverything: everything,
    editRegion: edits && office ? office.regionCode : null,
  };
}

export const mayRead = (s: RegistryStanding) => s.everything || s.staffRegion !== null || s.ownUscc !== null;

export function readsEnterprise(s: RegistryStanding, e: { uscc: string; regionCode: string }): boolean {
  return s.everything || (s.staffRegion !== null && regionWithin(e.regionCode, s.staffRegion)) || s.ownUscc === e.uscc;
}

export function editsRegion(s: RegistryStanding, regionCode: string): boolean {
  return s.editsEverything || (s.editRegion !== null && regionWithin(regionCode, s.editRegion));
}

export function editsContactsOf(s: RegistryStanding, e: { uscc: string; regionCode: string }): boolean {
  return editsRegion(s, e.regionCode) || s.ownUscc === e.uscc;
}

const regionPrefix = (code: string) => code.replace(/(00)+$/, '');

/** The enterprises `e` the standing may read, as SQL. */
export function readableCondition(s: RegistryStanding): SQL {
  if (s.everything) return sql`true`;
  const parts: SQL[] = [];
  if (s.staffRegion !== null) parts.push(sql`e.region_code like ${startingWith(regionPrefix(s.staffRegion))}`);
  if (s.ownUscc !== null) parts.push(sql`e.uscc = ${s.ownUscc}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** The SQL twin of regionWithin: `e.region_code` is the region or lies under it. */
export const regionCondition = (code: string): SQL => sql`e.region_code like ${startingWith(regionPrefix(code))}`;
