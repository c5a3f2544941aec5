/**
 * What other modules use of the registry: find an enterprise by its code or id (applications,
 * visits, inspections and policies link to it), read facts of it, go through the whole registry
 * (policy matching), who may read or change a record, and the code check itself.
 */
export { findEnterprise, findEnterprisesByIds, findEnterprisesByUscc, getEnterprise, listEnterprises, registryPage } from './queries.js';
export { editsRegion, readsEnterprise, registryStanding, type RegistryStanding } from './access.js';
export { usccProblem, usccCheckCharacter, normaliseUscc } from './uscc.js';
export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySectionOf } from './industries.js';
export type { EnterpriseView, CreditStanding, EnterpriseSize, EnterpriseKind } from './contract.js';
