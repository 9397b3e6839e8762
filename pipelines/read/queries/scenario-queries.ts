import type { ScenarioValueRow } from '../contracts.js';
import { sql, type SqlQuery } from '../sql.js';

/** A scenario's outputs (contract scenarioValues), optionally one org, measure or run. */
export function scenarioValuesQuery(
  id: string,
  filter: { org?: string; measure?: string; run?: string },
): SqlQuery<ScenarioValueRow> {
  const org = filter.org ?? '';
  const measure = filter.measure ?? '';
  const run = filter.run ?? '';
  return sql<ScenarioValueRow>`SELECT org_code, org_name, org_type, hour_start, measure, run, mean, p025, p10, p50, p90, p975
    FROM scenario_value
    WHERE scenario_id = ${id} AND (${org} = '' OR org_code = ${org})
      AND (${measure} = '' OR measure = ${measure}) AND (${run} = '' OR run = ${run})
    ORDER BY org_type, org_code, measure, run, hour_start NULLS FIRST`;
}
