import type { Db } from '../../platform/db/engine.js';
import type { Role } from '../../platform/actor.js';
import { findEnterprise, normaliseUscc, usccProblem } from '../../enterprises/index.js';
import { checkEnterpriseUscc } from '../rules.js';

/** The enterprise user's code as `checkEnterpriseUscc` judges it, asking the registry only about a code that fails its check. */
export async function checkedEnterpriseUscc(db: Db, roles: readonly Role[], uscc: string | null): Promise<string | null> {
  const code = normaliseUscc(uscc ?? '');
  const registered = roles.includes('enterprise') && code !== '' && usccProblem(code) !== null && (await findEnterprise(db, code)) !== null;
  return checkEnterpriseUscc(roles, uscc, registered);
}
