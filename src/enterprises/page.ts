import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import type { EnterpriseSection } from '../platform/manifest.js';
import { listEnterpriseAccounts } from '../people/queries.js';
import { editsContactsOf, editsRegion, registryStanding } from './access.js';
import { getEnterprise } from './queries.js';
import type { EnterprisePage } from './contract.js';

/** How many of a section's items the page shows (the newest); the section says how many there are. */
export const SECTION_LIMIT = 50;

/**
 * One view of everything the government does with an enterprise: its record, its accounts, and
 * each module's section (manifest `enterpriseSections`) as the viewer may see it. A section the
 * viewer may see none of is left out; no module, no section.
 */
export async function enterprisePage(db: Db, actor: Actor, key: string | number, sections: readonly EnterpriseSection[]): Promise<EnterprisePage> {
  const standing = await registryStanding(db, actor);
  const e = await getEnterprise(db, actor, key, standing);
  const ordered = [...sections].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
  const [accounts, contents] = await Promise.all([
    listEnterpriseAccounts(db, e.uscc),
    Promise.all(ordered.map((s) => s.load(db, actor, e.uscc, SECTION_LIMIT))),
  ]);
  return {
    ...e, accounts,
    sections: ordered.flatMap((s, i) => (contents[i] ? [{ key: s.key, title: s.title, ...contents[i] }] : [])),
    canEdit: editsRegion(standing, e.regionCode),
    canEditContacts: editsContactsOf(standing, e),
  };
}
