import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { editsContactsOf, EDITORS, readsEnterprise, registryStanding, type RegistryStanding } from '../access.js';
import { ENTERPRISE, fieldsOf, findEnterprise } from '../queries.js';
import { beijingToday, changedFields, contactProblems, fieldProblems, normaliseFields, type EnterpriseFields } from '../rules.js';
import type { EnterpriseContact, EnterprisePatch, EnterpriseView } from '../contract.js';
import { refuseProblems, requireEditsRegion, rewriteEnterprise, unknownRegionProblem, unknownRegions } from './write.js';

/**
 * Changes an enterprise's record (an administrator of its region, or the system administrator),
 * quoting the version read. The code is the enterprise's identity for every module linking to it
 * and never changes. A change that changes nothing writes nothing.
 */
export async function updateEnterprise(db: Db, actor: Actor, key: string | number, patch: EnterprisePatch): Promise<EnterpriseView> {
  requireRole(actor, EDITORS, { zh: '修改企业信息', en: "change an enterprise's record" });
  return db.transaction(async (tx) => {
    const standing = await registryStanding(tx, actor);
    const before = await lockReadable(tx, standing, key);
    requireEditsRegion(standing, before.regionCode, before.name);
    if (before.version !== patch.version) throw staleVersion(ENTERPRISE, before.version);
    const { version: _v, ...changes } = patch;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<EnterpriseFields>;
    const f = normaliseFields({ ...fieldsOf(before), ...defined });
    refuseProblems(fieldProblems(f, beijingToday()));
    if (f.regionCode !== before.regionCode) {
      if ((await unknownRegions(tx, [f.regionCode])).size) refuseProblems([unknownRegionProblem(f.regionCode)]);
      requireEditsRegion(standing, f.regionCode, f.name);
    }
    if (changedFields(fieldsOf(before), f).length === 0) return before;
    return rewriteEnterprise(tx, actor, before, f, 'form');
  });
}

/** Replaces the contact list: the registry's editors, and the enterprise's own users for their enterprise. */
export async function updateEnterpriseContacts(db: Db, actor: Actor, key: string | number, input: { version: number; contacts: EnterpriseContact[] }): Promise<EnterpriseView> {
  return db.transaction(async (tx) => {
    const standing = await registryStanding(tx, actor);
    const before = await lockReadable(tx, standing, key);
    if (!editsContactsOf(standing, before)) {
      throw forbidden('修改联系人需要该企业所在区划的管理员或该企业的企业用户', "Changing the contacts needs an administrator of the enterprise's region or the enterprise's own user");
    }
    if (before.version !== input.version) throw staleVersion(ENTERPRISE, before.version);
    const f = normaliseFields({ ...fieldsOf(before), contacts: input.contacts });
    refuseProblems(contactProblems(f.contacts));
    if (changedFields(fieldsOf(before), f).length === 0) return before;
    return rewriteEnterprise(tx, actor, before, f, 'contacts');
  });
}

/** Reads the row for update, as "not found" when the actor may not read it. */
async function lockReadable(tx: Db, standing: RegistryStanding, key: string | number): Promise<EnterpriseView> {
  const e = await findEnterprise(tx, key, { lock: true });
  if (!e || !readsEnterprise(standing, e)) throw notFound(ENTERPRISE, key);
  return e;
}
