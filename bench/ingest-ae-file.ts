import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { aeColumns } from '../pipelines/feeds/ae/format.js';

export interface AeFileOptions {
  rows: number;
  seed: number;
  /** First EC_Ident number (ids are `B<n>`), so batches can follow history. */
  firstId?: number;
  /** Arrivals spread over [from, to) (UTC). */
  from: Date;
  to: Date;
  /** Share of rows that repeat an earlier row exactly (duplicates) or correct it (corrections). */
  duplicateShare?: number;
  correctionShare?: number;
  /** Share of rows with a bad NHS number check digit (quarantined). */
  badShare?: number;
}

interface Site {
  site: string;
  trust: string;
  type: string;
}

/**
 * Writes an ECDS-style A&E file following pipelines/feeds/ae/format.ts, with sites and LSOAs
 * from the committed synthetic reference data, so every good row loads. Returns the row count.
 */
export function writeAeFile(path: string, options: AeFileOptions): number {
  const reference = join(import.meta.dirname, '..', 'data', 'reference');
  const sites = readCsv(join(reference, 'org.synthetic.csv'))
    .filter((r) => r.org_type === 'site' && /^0[1-4]$/.test(r.department_type ?? ''))
    .map((r): Site => ({ site: r.org_code!, trust: r.trust_code!, type: r.department_type! }));
  const lsoas = readCsv(join(reference, 'lsoa.synthetic.csv')).map((r) => r.lsoa_code!);
  const next = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const fd = openSync(path, 'w');
  const span = options.to.getTime() - options.from.getTime();
  const recent: string[][] = [];
  let buffer = `${aeColumns.join(',')}\n`;
  let id = options.firstId ?? 1;
  try {
    for (let i = 0; i < options.rows; i++) {
      const r = next();
      let row: string[];
      if (recent.length > 100 && r < (options.duplicateShare ?? 0.01)) {
        row = pick(recent);
      } else if (
        recent.length > 100 &&
        r < (options.duplicateShare ?? 0.01) + (options.correctionShare ?? 0.005)
      ) {
        row = [...pick(recent)];
        row[16] = String(Math.min(120, Number(row[16]) + 1));
      } else {
        row = attendance(
          `B${id++}`,
          options.from.getTime() + Math.floor(next() * span),
          pick(sites),
          pick(lsoas),
          next,
          r < 0.99 - (options.badShare ?? 0.005),
        );
        if (recent.length < 1000) recent.push(row);
        else recent[Math.floor(next() * 1000)] = row;
      }
      buffer += `${row.join(',')}\n`;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return options.rows;
}

function attendance(
  id: string,
  arrived: number,
  site: Site,
  lsoa: string,
  next: () => number,
  goodNhs: boolean,
): string[] {
  const minute = 60_000;
  const ambulance = next() < 0.3;
  const admitted = next() < 0.28;
  const wait = Math.floor(30 + next() * next() * 900);
  const seen = arrived + Math.floor(10 + next() * 120) * minute;
  const departed = arrived + wait * minute;
  return [
    id,
    site.trust,
    site.site,
    site.type,
    '1',
    local(arrived),
    ambulance ? 'AMB' : 'WALK',
    ambulance ? 'AMB' : 'SELF',
    'N',
    String(1 + Math.floor(next() * 5)),
    ambulance ? local(arrived + Math.floor(5 + next() * 60) * minute) : '',
    local(arrived + Math.floor(2 + next() * 20) * minute),
    local(Math.min(seen, departed)),
    admitted ? local(Math.min(seen + 60 * minute, departed)) : '',
    local(departed),
    admitted ? 'ADM' : 'DIS',
    String(Math.floor(next() * 95)),
    next() < 0.5 ? '1' : '2',
    'ABCDEFGHJKLMNPRSZ'[Math.floor(next() * 17)]!,
    lsoa,
    nhsNumber(next, goodNhs),
  ];
}

function nhsNumber(next: () => number, valid: boolean): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => Math.floor(next() * 10));
    const check = (11 - (digits.reduce((s, d, i) => s + d * (10 - i), 0) % 11)) % 11;
    if (check === 10) continue;
    return digits.join('') + String(valid ? check : (check + 1) % 10);
  }
}

// 2025 British Summer Time: 30 March 01:00 UTC to 26 October 01:00 UTC.
const bstStart = Date.UTC(2025, 2, 30, 1);
const bstEnd = Date.UTC(2025, 9, 26, 1);

/** ISO 8601 Europe/London local time with its offset, e.g. 2025-07-01T10:15:00+01:00. */
function local(utcMs: number): string {
  const summer = utcMs >= bstStart && utcMs < bstEnd;
  const shifted = new Date(utcMs + (summer ? 3_600_000 : 0)).toISOString().slice(0, 19);
  return `${shifted}${summer ? '+01:00' : '+00:00'}`;
}

function readCsv(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
