import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { EDITORS, registryStanding } from '../access.js';
import { findEnterprise } from '../queries.js';
import { beijingToday, fieldProblems, normaliseFields, type EnterpriseFields } from '../rules.js';
import { usccProblem } from '../uscc.js';
import type { EnterpriseInput, EnterpriseView } from '../contract.js';
import { insertEnterprise, refuseProblems, requireEditsRegion, unknownRegionProblem, unknownRegions } from './write.js';

/** A form's or a file's record with the defaults filled in; an override reason is kept only for a code that needs one. */
export function fieldsFromInput(input: EnterpriseInput): EnterpriseFields {
  const f = normaliseFields({
    uscc: input.uscc, usccOverrideReason: input.usccOverrideReason ?? null, name: input.name, kind: input.kind,
    legalRepresentative: input.legalRepresentative ?? null, address: input.address ?? null, regionCode: input.regionCode,
    industryDivision: input.industryDivision ?? null, size: input.size ?? null, establishedOn: input.establishedOn ?? null,
    registeredCapital: input.registeredCapital ?? null, keyEnterprise: input.keyEnterprise ?? false, credit: input.credit ?? 'normal',
    contacts: input.contacts ?? [],
  });
  return usccProblem(f.uscc) === 'check_digit' ? f : { ...f, usccOverrideReason: null };
}

export const usccTaken = (uscc: string) =>
  conflict('uscc_taken', `统一社会信用代码 ${uscc} 已在企业库中`, `The unified social credit code ${uscc} is already in the registry`, { uscc });

/** Adds an enterprise to the registry (an administrator of its region, or the system administrator). */
export async function createEnterprise(db: Db, actor: Actor, input: EnterpriseInput): Promise<EnterpriseView> {
  requireRole(actor, EDITORS, { zh: '新增企业', en: 'add an enterprise' });
  const f = fieldsFromInput(input);
  refuseProblems(fieldProblems(f, beijingToday()));
  return db.transaction(async (tx) => {
    const standing = await registryStanding(tx, actor);
    if ((await unknownRegions(tx, [f.regionCode])).size) refuseProblems([unknownRegionProblem(f.regionCode)]);
    requireEditsRegion(standing, f.regionCode, f.name);
    if (await findEnterprise(tx, f.uscc)) throw usccTaken(f.uscc);
    return insertEnterprise(tx, actor, f, 'form');
  });
}
