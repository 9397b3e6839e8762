import { readFileSync } from 'node:fs';
import { quotedIdentifier, splitSqlScript } from '../../sql/index.js';

/**
 * Reads a .sql file of statements (each ending with `;` at the end of a line) and puts quoted
 * identifiers in place of its `{{name}}` placeholders. Placeholders are for table names only
 * (staging tables named after the file id); values reach SQL as `getvariable('…')`.
 */
export function loadSql(file: URL, identifiers: Record<string, string>): string[] {
  const text = readFileSync(file, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const identifier = identifiers[name];
    if (identifier === undefined)
      throw new Error(`${file.pathname}: no identifier for {{${name}}}`);
    return quotedIdentifier(identifier);
  });
  return splitSqlScript(text);
}
