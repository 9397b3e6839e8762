import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const modelsDir = join(import.meta.dirname, '..', 'models');
const cache = new Map<string, string>();

/** The text of a model query under pipelines/models (read once). */
export function modelSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(modelsDir, name), 'utf8');
    cache.set(name, text);
  }
  return text;
}
