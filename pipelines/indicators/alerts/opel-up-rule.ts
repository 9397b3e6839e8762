import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertCondition } from './alert-condition.js';

const severities = { 2: 'info', 3: 'warning', 4: 'critical' } as const;

/**
 * OPEL level up: an org whose current level is higher than the level it held before the
 * current run of that level. One episode per org and level reached; it resolves when the
 * level changes again.
 */
export async function opelUpRule(connection: DuckDBConnection): Promise<AlertCondition[]> {
  const reader = await connection.runAndReadAll(
    `WITH ordered AS (
       SELECT org_code, assessed_at, level, score, drivers,
         row_number() OVER (PARTITION BY org_code ORDER BY assessed_at DESC) AS recency
       FROM opel_level),
     current AS (SELECT * FROM ordered WHERE recency = 1),
     previous AS (
       SELECT o.org_code, o.level,
         row_number() OVER (PARTITION BY o.org_code ORDER BY o.assessed_at DESC) AS k
       FROM ordered o JOIN current c ON c.org_code = o.org_code AND o.level <> c.level)
     SELECT c.org_code, c.level, p.level AS previous_level, c.score, CAST(c.drivers AS VARCHAR) AS drivers,
       strftime(c.assessed_at, '%Y-%m-%dT%H:%M:%SZ') AS assessed_at
     FROM current c JOIN previous p ON p.org_code = c.org_code AND p.k = 1
     WHERE c.level > p.level
     ORDER BY c.org_code`,
  );
  return reader.getRowObjectsJS().map((row) => {
    const level = Number(row.level) as 2 | 3 | 4;
    return {
      rule: 'opel_up',
      episode_key: `opel_up:${String(row.org_code)}:${level}`,
      org_code: String(row.org_code),
      indicator_id: null,
      severity: severities[level],
      title: `${String(row.org_code)} escalated to OPEL ${level} (from ${String(row.previous_level)})`,
      evidence: {
        level,
        previous_level: Number(row.previous_level),
        score: row.score,
        assessed_at: row.assessed_at,
        drivers: JSON.parse(String(row.drivers)) as unknown,
      },
    };
  });
}
