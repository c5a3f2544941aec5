/**
 * What other modules use of the registry: find an enterprise by its code or id (applications,
 * visits, inspections and policies link to it), read facts of it, and the code check itself.
 */
export { findEnterprise, findEnterprisesByUscc, getEnterprise, listEnterprises } from './queries.js';
export { usccProblem, usccCheckCharacter, normaliseUscc } from './uscc.js';
export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySectionOf } from './industries.js';
export type { EnterpriseView, CreditStanding, EnterpriseSize, EnterpriseKind } from './contract.js';
