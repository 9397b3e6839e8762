/** A DuckDB identifier, double-quoted with embedded quotes doubled. */
export function quotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
