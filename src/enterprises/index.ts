/**
 * What other modules use of the registry: find an enterprise by its code or id (applications,
 * visits, inspections and policies link to it), read facts of it, list those matching a filter
 * (an inspection task's target roster), and the code check itself.
 */
export { allEnterprises, findEnterprise, findEnterprisesByUscc, getEnterprise, type EnterpriseFilter } from './queries.js';
export { usccProblem, usccCheckCharacter, normaliseUscc } from './uscc.js';
export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySectionOf } from './industries.js';
export type { EnterpriseView, CreditStanding, EnterpriseSize, EnterpriseKind } from './contract.js';
