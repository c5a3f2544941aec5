/**
 * What other modules use of the registry: find an enterprise by its code or id (applications,
 * visits, inspections and policies link to it), read facts of it, go through the whole registry
 * (policy matching), list those matching a filter (an inspection task's target roster), who may read
 * or change a record, and the code check itself.
 */
export { allEnterprises, findEnterprise, findEnterprisesByIds, findEnterprisesByUscc, getEnterprise, listEnterprises, registryPage, type EnterpriseFilter } from './queries.js';
export { editsRegion, readsEnterprise, registryStanding, type RegistryStanding } from './access.js';
export { usccProblem, usccCheckCharacter, normaliseUscc } from './uscc.js';
export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySectionOf } from './industries.js';
export type { EnterpriseView, CreditStanding, EnterpriseSize, EnterpriseKind } from './contract.js';
