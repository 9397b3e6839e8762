import type { DuckDBValue } from '@duckdb/node-api';

/** A parameterised statement: `text` uses $1…$n, `values` fills them in order. */
export interface SqlQuery {
  readonly text: string;
  readonly values: DuckDBValue[];
}

export type SqlParameter = string | number | boolean | bigint | SqlQuery;

function isSqlQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && 'text' in value && 'values' in value;
}

/**
 * Tagged template for short SQL: every `${value}` becomes a `$n` parameter; a nested `sql`
 * fragment is spliced in with its parameters renumbered. Input never becomes SQL text.
 */
export function sql(strings: TemplateStringsArray, ...parameters: SqlParameter[]): SqlQuery {
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
