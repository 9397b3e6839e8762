import type { SqlQuery } from './sql.js';

/**
 * The SQL condition that keeps rows inside a caller's scope, applied inside the query.
 * `icsColumn` and `typeColumn` are column references written in code, never input;
 * the scope's codes travel as one parameter. National (ENG) rows are visible to everyone.
 */
export function scopeClause(
  scope: string[] | null,
  icsColumn: string,
  typeColumn?: string,
): SqlQuery {
  if (scope === null) return { text: 'TRUE', values: [] };
  const national = typeColumn ? ` OR ${typeColumn} = 'england'` : '';
  return {
    text: `(list_contains(string_split($1, ','), ${icsColumn})${national})`,
    values: [scope.join(',')],
  };
}
