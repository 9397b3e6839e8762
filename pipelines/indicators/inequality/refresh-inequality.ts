import type { DuckDBConnection } from '@duckdb/node-api';
import { indicators } from '../registry.js';
import { slopeIndexOfInequality, z95 } from '../statistics/index.js';

/** An indicator_value key (org × grain × period) whose inequality summary to recompute. */
export interface InequalityKey {
  org_code: string;
  grain: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (UTC for hour grain, local day otherwise). */
  period_start: string;
}

/** Grains summarised: a day holds too few attendances per decile to read a gradient from. */
export const inequalityGrains = ['week', 'month'] as const;

const sourceCount: Record<string, string> = {
  ae_attendance_rate: 'ae_attendances',
  admission_rate: 'ae_emergency_admissions',
};

/**
 * Fills inequality_summary for every proportion and rate indicator with IMD breakdowns, for the
 * given keys (week and month grains) or 'all': most and least deprived values, the gap (most −
 * least) with a normal interval, SII and RII with seeded Monte Carlo intervals (linear scale,
 * groups weighted by their share of the denominator: attendances for proportions, population
 * for rates), and the share of the denominator (for rates: of the attendances counted) whose
 * deprivation is unknown. Returns the rows written.
 */
export async function refreshInequality(
  connection: DuckDBConnection,
  keys: InequalityKey[] | 'all',
  { samples = 500, seed = 1 }: { samples?: number; seed?: number } = {},
): Promise<{ rows: number }> {
  const eligible = indicators.filter(
    (indicator) =>
      (indicator.kind === 'proportion' || indicator.kind === 'rate') &&
      indicator.breakdowns.includes('imd_decile'),
  );
  const ids = eligible.map((indicator) => indicator.id);
  const keyJson = keys === 'all' ? null : JSON.stringify(keys);
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS _inequality_key (org_code VARCHAR, grain VARCHAR, period_start TIMESTAMP)`,
  );
  await connection.run('DELETE FROM _inequality_key');
  if (keyJson !== null) {
    await connection.run(
      `INSERT INTO _inequality_key
       SELECT DISTINCT org_code, grain, CAST(period_start AS TIMESTAMP)
       FROM (SELECT unnest(from_json($1, '[{"org_code":"VARCHAR","grain":"VARCHAR","period_start":"VARCHAR"}]'), recursive := true))
       WHERE grain IN ('week', 'month')`,
      [keyJson],
    );
  }
  // The keys' first and last periods as parameters, so that DuckDB reads only the row groups
  // between them (indicator_value is in period order within each grain).
  const periods = await connection.runAndReadAll(
    `SELECT strftime(coalesce(min(period_start), TIMESTAMP '0001-01-01'), '%Y-%m-%d %H:%M:%S'),
            strftime(coalesce(max(period_start), TIMESTAMP '9999-12-31'), '%Y-%m-%d %H:%M:%S')
     FROM _inequality_key`,
  );
  const [first, last] = periods.getRows()[0] as [string, string];
  const scope = `v.grain IN ('week', 'month') AND v.period_start BETWEEN $3::TIMESTAMP AND $4::TIMESTAMP
    AND ($1::VARCHAR IS NULL OR EXISTS (
      SELECT 1 FROM _inequality_key k WHERE k.org_code = v.org_code AND k.grain = v.grain AND k.period_start = v.period_start))`;
  await connection.run(
    `DELETE FROM inequality_summary v WHERE ${scope}
       AND list_contains(CAST(from_json($2, '["VARCHAR"]') AS VARCHAR[]), v.indicator_id)`,
    [keyJson, JSON.stringify(ids), first, last],
  );
  const wanted = [...ids, ...Object.values(sourceCount)];
  const reader = await connection.runAndReadAll(
    `SELECT v.indicator_id, v.org_code, v.grain, strftime(v.period_start, '%Y-%m-%d %H:%M:%S') AS period_start,
       v.dimension, v.category, v.numerator, v.denominator, v.value
     FROM indicator_value v
     WHERE ${scope} AND v.dimension IN ('imd_decile', 'imd_quintile', 'total')
       AND list_contains(CAST(from_json($2, '["VARCHAR"]') AS VARCHAR[]), v.indicator_id)
     ORDER BY v.indicator_id, v.org_code, v.grain, v.period_start, v.dimension`,
    [keyJson, JSON.stringify(wanted), first, last],
  );
  interface Row {
    indicator_id: string;
    org_code: string;
    grain: string;
    period_start: string;
    dimension: string;
    category: string;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
  }
  const cells = new Map<string, Row[]>();
  for (const row of reader.getRowObjectsJS() as unknown as Row[]) {
    const key = [row.indicator_id, row.org_code, row.grain, row.period_start].join('|');
    const list = cells.get(key);
    if (list) list.push(row);
    else cells.set(key, [row]);
  }

  const out: unknown[][] = [];
  for (const indicator of eligible) {
    for (const [key, rows] of cells) {
      const [id, org, grain, period] = key.split('|');
      if (id !== indicator.id) continue;
      for (const dimension of ['imd_decile', 'imd_quintile']) {
        const groups = rows
          .filter((row) => row.dimension === dimension && row.category !== 'Unknown')
          .filter((row) => row.value !== null && (row.denominator ?? 0) > 0)
          .sort((a, b) => Number(a.category) - Number(b.category));
        if (groups.length < 2) continue;
        const standardErrors = groups.map((row) => standardError(indicator.kind, row));
        const indices = slopeIndexOfInequality(
          groups.map((row, i) => ({
            value: row.value as number,
            standardError: standardErrors[i],
            populationShare: row.denominator as number,
          })),
          { samples, seed },
        );
        const most = groups[0];
        const least = groups[groups.length - 1];
        const gap = (most.value as number) - (least.value as number);
        const halfWidth =
          z95 * Math.sqrt(standardErrors[0] ** 2 + standardErrors[groups.length - 1] ** 2);
        out.push([
          id,
          org,
          grain,
          period,
          dimension,
          most.value,
          least.value,
          gap,
          gap - halfWidth,
          gap + halfWidth,
          indices.sii,
          indices.siiLower,
          indices.siiUpper,
          Number.isFinite(indices.rii) ? indices.rii : null,
          Number.isFinite(indices.riiLower) ? indices.riiLower : null,
          Number.isFinite(indices.riiUpper) ? indices.riiUpper : null,
          unknownShare(indicator.kind, id, dimension, rows, cells, key),
        ]);
      }
    }
  }
  for (let i = 0; i < out.length; i += 200) {
    const batch = out.slice(i, i + 200);
    await connection.run(
      `INSERT INTO inequality_summary
       SELECT r[1], r[2], r[3], CAST(r[4] AS TIMESTAMP), r[5], CAST(r[6] AS DOUBLE), CAST(r[7] AS DOUBLE),
         CAST(r[8] AS DOUBLE), CAST(r[9] AS DOUBLE), CAST(r[10] AS DOUBLE), CAST(r[11] AS DOUBLE),
         CAST(r[12] AS DOUBLE), CAST(r[13] AS DOUBLE), CAST(r[14] AS DOUBLE), CAST(r[15] AS DOUBLE),
         CAST(r[16] AS DOUBLE), CAST(r[17] AS DOUBLE)
       FROM (SELECT unnest(CAST(from_json($1, '[["VARCHAR"]]') AS VARCHAR[][])) AS r)`,
      [
        JSON.stringify(
          batch.map((row) => row.map((cell) => (cell === null ? null : String(cell)))),
        ),
      ],
    );
  }
  return { rows: out.length };
}

function standardError(
  kind: string,
  row: { numerator: number | null; denominator: number | null; value: number | null },
): number {
  const n = row.denominator as number;
  if (kind === 'rate') return (Math.sqrt(row.numerator ?? 0) / n) * 100_000;
  const p = row.value as number;
  return Math.sqrt((p * (1 - p)) / n);
}

function unknownShare(
  kind: string,
  id: string,
  dimension: string,
  rows: Array<{
    dimension: string;
    category: string;
    numerator: number | null;
    denominator: number | null;
  }>,
  cells: Map<
    string,
    Array<{
      dimension: string;
      category: string;
      numerator: number | null;
      denominator: number | null;
    }>
  >,
  key: string,
): number | null {
  if (kind === 'rate') {
    const source = cells.get(key.replace(id, sourceCount[id] ?? id)) ?? [];
    const total = source.find((row) => row.dimension === 'total')?.numerator ?? 0;
    const unknown =
      source.find((row) => row.dimension === dimension && row.category === 'Unknown')?.numerator ??
      0;
    return total > 0 ? unknown / total : null;
  }
  const total = rows.find((row) => row.dimension === 'total')?.denominator ?? 0;
  const unknown =
    rows.find((row) => row.dimension === dimension && row.category === 'Unknown')?.denominator ?? 0;
  return total > 0 ? unknown / total : null;
}
