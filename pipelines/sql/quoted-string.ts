/** A DuckDB string literal, single-quoted with embedded quotes doubled. */
export function quotedString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
