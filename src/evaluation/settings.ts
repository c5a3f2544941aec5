import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { EvaluationSettings } from './contract.js';

/** The scoring and ranking settings in force (README "Evaluation" gives the defaults and why). */
export async function evaluationSettings(db: Db): Promise<EvaluationSettings> {
  const [s] = await queryRows<EvaluationSettings>(db, sql`select weights, basically_satisfied_weight::float8 as "basicallySatisfiedWeight",
    minimum_cases as "minimumCases", list_size as "listSize", version from evaluation_settings where id = 1`);
  return s;
}
