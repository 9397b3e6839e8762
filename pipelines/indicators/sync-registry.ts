import type { DuckDBConnection } from '@duckdb/node-api';
import { indicators } from './registry.js';

/** Writes the registry into indicator_registry, so SQL reads kinds, units and breakdowns. */
export async function syncRegistry(connection: DuckDBConnection): Promise<void> {
  const rows = indicators.map((definition) => ({
    indicator_id: definition.id,
    title: definition.title,
    definition: definition.definition,
    unit: definition.unit,
    polarity: definition.polarity,
    kind: definition.kind,
    source_feed: definition.source,
    grains: definition.grains,
    levels: definition.levels,
    breakdowns: definition.breakdowns,
    targets: definition.targets,
  }));
  await connection.run('DELETE FROM indicator_registry');
  await connection.run(
    `INSERT INTO indicator_registry
     SELECT r.indicator_id, r.title, r.definition, r.unit, r.polarity, r.kind, r.source_feed,
       r.grains, r.levels, r.breakdowns, CAST(r.targets AS JSON)
     FROM (SELECT unnest(from_json($1, '[{"indicator_id":"VARCHAR","title":"VARCHAR","definition":"VARCHAR","unit":"VARCHAR","polarity":"VARCHAR","kind":"VARCHAR","source_feed":"VARCHAR","grains":"VARCHAR[]","levels":"VARCHAR[]","breakdowns":"VARCHAR[]","targets":"JSON"}]'), recursive := true)) r`,
    [JSON.stringify(rows)],
  );
}
