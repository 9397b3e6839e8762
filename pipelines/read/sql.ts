import type { DuckDBValue } from '@duckdb/node-api';

declare const rowType: unique symbol;

/**
 * A parameterised statement: `text` uses $1…$n, `values` fills them in order. `Row` is the
 * type of the rows it returns, written once by the function that builds it
 * (sql<OrgRow>`SELECT …`) and carried to its result table; unknown for a fragment.
 */
export interface SqlQuery<Row = unknown> {
  readonly text: string;
  readonly values: DuckDBValue[];
  /** Never set: it carries `Row` in the type only. */
  readonly [rowType]?: Row;
}

export type SqlParameter = string | number | boolean | bigint | SqlQuery;

function isSqlQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && 'text' in value && 'values' in value;
}

/**
 * Tagged template for short SQL: every `${value}` becomes a `$n` parameter; a nested `sql`
 * fragment is spliced in with its parameters renumbered. Input never becomes SQL text.
 */
export function sql<Row = unknown>(
  strings: TemplateStringsArray,
  ...parameters: SqlParameter[]
): SqlQuery<Row> {
  let text = strings[0] ?? '';
  const values: DuckDBValue[] = [];
  parameters.forEach((parameter, index) => {
    if (isSqlQuery(parameter)) {
      const offset = values.length;
      text += parameter.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      values.push(...parameter.values);
    } else {
      values.push(parameter);
      text += `$${values.length}`;
    }
    text += strings[index + 1] ?? '';
  });
  return { text, values };
}
