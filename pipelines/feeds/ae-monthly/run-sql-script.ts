import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { splitSqlScript } from '../../sql/index.js';

const cache = new Map<string, string[]>();

function statements(name: string): string[] {
  let list = cache.get(name);
  if (!list) {
    list = splitSqlScript(readFileSync(join(import.meta.dirname, name), 'utf8'));
    cache.set(name, list);
  }
  return list;
}

/**
 * Runs the statements of one of this folder's .sql files in order (statements end with ';'
 * at a line end), giving each the parameters $1…$n it uses.
 */
export async function runSqlScript(
  connection: DuckDBConnection,
  name: string,
  params: DuckDBValue[] = [],
): Promise<void> {
  for (const sql of statements(name)) {
    const used = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    await connection.run(sql, params.slice(0, used));
  }
}
