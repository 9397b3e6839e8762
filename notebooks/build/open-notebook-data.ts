import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservatoryConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import {
  lakeTables,
  openWarehouse,
  seedReference,
  type Warehouse,
} from '../../pipelines/warehouse/index.js';
import type { NotebookData } from './build-notebooks.js';

/** Notebook data with the warehouse it holds open. */
export interface OpenNotebookData extends NotebookData {
  close(): void;
}

/** The snapshot a running service may publish for readers (never the live file). */
export function snapshotPath(config: Pick<ObservatoryConfig, 'dataDir'>): string {
  return join(config.dataDir, 'snapshot', 'observatory.duckdb');
}

/**
 * Opens the data notebooks are built from, never holding the live warehouse against its owner:
 * 1. the snapshot `data/snapshot/observatory.duckdb`, read-only, when present;
 * 2. the warehouse file itself, read-only, when no service holds it (DuckDB refuses any second
 *    process while one has it read-write);
 * 3. otherwise the Parquet lake the service exports, loaded into an in-memory warehouse with
 *    the same schema (migrations) and the committed reference tables. Tables not in the lake
 *    (inequality_summary, live state, forecasts) are then empty.
 */
export async function openNotebookData(
  config: Pick<ObservatoryConfig, 'dataDir' | 'dbPath' | 'lakeDir' | 'referenceDir'>,
  log: Logger,
): Promise<OpenNotebookData> {
  for (const [path, kind] of [
    [snapshotPath(config), 'snapshot'],
    [config.dbPath, 'warehouse'],
  ] as const) {
    if (!existsSync(path)) continue;
    try {
      const warehouse = await openWarehouse(path, { readOnly: true });
      return fromWarehouse(warehouse, `${kind} ${path} (read-only)${await versionNote(warehouse)}`);
    } catch (error) {
      log.warn('notebooks: cannot open the file read-only; trying the next source', {
        path,
        error: (error as Error).message.split('\n')[0],
      });
    }
  }
  if (!existsSync(config.lakeDir)) {
    throw new Error(
      `no data for the notebooks: no snapshot, the warehouse ${config.dbPath} is missing or held by a running service, and there is no lake at ${config.lakeDir} (npm start exports it every 15 minutes)`,
    );
  }
  const warehouse = await openWarehouse(':memory:');
  await seedReference(warehouse.connection, config.referenceDir);
  for (const { table } of lakeTables) {
    const dir = join(config.lakeDir, table);
    if (
      !existsSync(dir) ||
      !readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.parquet'))
    )
      continue;
    // Table names come from the fixed lakeTables list; the file pattern is a parameter.
    await warehouse.connection.run(
      `INSERT INTO "${table}" BY NAME SELECT * FROM read_parquet($files, hive_partitioning = false, union_by_name = true)`,
      { files: join(dir, '**', '*.parquet') },
    );
  }
  return fromWarehouse(warehouse, `Parquet lake ${config.lakeDir}`);
}

function fromWarehouse(warehouse: Warehouse, label: string): OpenNotebookData {
  return { connection: warehouse.connection, label, close: () => warehouse.close() };
}

async function versionNote(warehouse: Warehouse): Promise<string> {
  try {
    const reader = await warehouse.connection.runAndReadAll(
      "SELECT version, strftime(changed_at, '%Y-%m-%d %H:%M') FROM data_version WHERE id = 1",
    );
    const row = reader.getRows()[0];
    return row ? `, data version ${String(row[0])} of ${String(row[1])} UTC` : '';
  } catch {
    return '';
  }
}
