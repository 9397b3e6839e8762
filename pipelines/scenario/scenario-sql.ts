import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const sqlDir = join(import.meta.dirname, 'sql');
const cache = new Map<string, string>();

/** The text of a query under pipelines/scenario/sql (read once). */
export function scenarioSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(sqlDir, name), 'utf8');
    cache.set(name, text);
  }
  return text;
}
