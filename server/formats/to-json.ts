import type { ResultTable } from '../../pipelines/read/index.js';
import { isoDate, isoInstant } from '../../pipelines/read/index.js';

/**
 * The rows of a result as a JSON array of objects, written straight from the columns
 * (no intermediate row objects). Instants are ISO 8601 UTC strings; JSON columns are embedded.
 */
export function toJsonRows(table: ResultTable): string {
  const { names, kinds, columns, rowCount } = table;
  const keys = names.map((name) => JSON.stringify(name) + ':');
  const writers = kinds.map((kind): ((value: string | number | boolean) => string) => {
    switch (kind) {
      case 'string':
        return (value) => JSON.stringify(value);
      case 'json':
        return (value) => value as string;
      case 'timestamp': {
        const memo = new Map<number, string>();
        return (value) => {
          let text = memo.get(value as number);
          if (text === undefined) {
            text = `"${isoInstant(value as number)}"`;
            if (memo.size < 100_000) memo.set(value as number, text);
          }
          return text;
        };
      }
      case 'date':
        return (value) => `"${isoDate(value as number)}"`;
      case 'float':
      case 'int':
        return (value) => (Number.isFinite(value) ? String(value) : 'null');
      case 'bool':
        return (value) => (value ? 'true' : 'false');
    }
  });
  const parts: string[] = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    let row = '{';
    for (let c = 0; c < keys.length; c++) {
      const value = columns[c]![r];
      row +=
        (c === 0 ? '' : ',') +
        keys[c] +
        (value === null || value === undefined ? 'null' : writers[c]!(value));
    }
    parts[r] = row + '}';
  }
  return '[' + parts.join(',') + ']';
}
