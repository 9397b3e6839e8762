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
  const [header, ...rows] = parsePlain(text);
  const at = ['lsoa_code', 'age_band', 'sex', 'ethnic_group', 'persons'].map((name) => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`population.synthetic.csv has no ${name} column`);
    return index;
  });
  return rows.map((r) => [r[at[0]!]!, r[at[1]!]!, r[at[2]!]!, r[at[3]!]!, Number(r[at[4]!])]);
}
