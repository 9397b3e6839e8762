import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The synthetic region as the simulator needs it, read from data/reference/*.synthetic.csv. */
export interface SyntheticReference {
  orgs: Array<Record<string, string>>;
  wards: Array<Record<string, string>>;
  lsoas: Array<Record<string, string>>;
  /** Population rows as [lsoa_code, age_band, sex, ethnic_group, persons]. */
  population: Array<[string, string, string, string, number]>;
  localAuthorities: Array<Record<string, string>>;
}

/** Parses a small RFC 4180 CSV with a header into records. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = text.includes('"') ? parseQuoted(text) : parsePlain(text);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

function parsePlain(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

function parseQuoted(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Reads the committed synthetic reference CSVs from `dir` (default data/reference). */
export function readReference(dir = 'data/reference'): SyntheticReference {
  const read = (name: string) => parseCsv(readFileSync(join(dir, `${name}.synthetic.csv`), 'utf8'));
  return {
    orgs: read('org'),
    wards: read('ward'),
    lsoas: read('lsoa'),
    population: readPopulation(readFileSync(join(dir, 'population.synthetic.csv'), 'utf8')),
    localAuthorities: read('local_authority'),
  };
}

function readPopulation(text: string): Array<[string, string, string, string, number]> {
  const headerEnd = text.indexOf('\n');
  const header = text.slice(0, headerEnd).replace(/\r$/, '').split(',');
  const at = ['lsoa_code', 'age_band', 'sex', 'ethnic_group', 'persons'].map((name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`population.synthetic.csv has no ${name} column`);
    return index;
  });
  // Over half a million rows: split each line by hand, sharing the repeated codes.
  const shared = new Map<string, string>();
  const intern = (value: string): string => {
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  const rows: Array<[string, string, string, string, number]> = [];
  const cells: string[] = [];
  let from = headerEnd + 1;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const lineEnd = text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    if (lineEnd > from) {
      cells.length = 0;
      let cell = from;
      for (let comma = text.indexOf(',', cell); comma >= 0 && comma < lineEnd;) {
        cells.push(text.slice(cell, comma));
        cell = comma + 1;
        comma = text.indexOf(',', cell);
      }
      cells.push(text.slice(cell, lineEnd));
      rows.push([
        intern(cells[at[0]!]!),
        intern(cells[at[1]!]!),
        intern(cells[at[2]!]!),
        intern(cells[at[3]!]!),
        Number(cells[at[4]!]),
      ]);
    }
    from = to + 1;
  }
  return rows;
}
