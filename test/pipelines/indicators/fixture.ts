import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * A small synthetic ICS for indicator tests: region Y63 → ICS QZZ → trusts RZA (sites RZA01,
 * RZA02) and RZB (site RZB01), eight LSOAs over the IMD deciles, a population by ESP band,
 * and seeded A&E attendances, sitreps, spells and discharges over `days` local days from
 * `firstDay` (the default range crosses the October 2025 clock change).
 */
export const fixtureSites = ['RZA01', 'RZA02', 'RZB01'] as const;

export const espBands = [
  ['0-4', 5000],
  ['5-9', 5500],
  ['10-14', 5500],
  ['15-19', 5500],
  ['20-24', 6000],
  ['25-29', 6000],
  ['30-34', 6500],
  ['35-39', 7000],
  ['40-44', 7000],
  ['45-49', 7000],
  ['50-54', 7000],
  ['55-59', 6500],
  ['60-64', 6000],
  ['65-69', 5500],
  ['70-74', 5000],
  ['75-79', 4000],
  ['80-84', 2500],
  ['85-89', 1500],
  ['90+', 1000],
] as const;

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function insertReference(connection: DuckDBConnection): Promise<void> {
  await connection.run(`INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, ics_code, region_code, department_type, is_synthetic) VALUES
    ('ENG', 'England', 'england', NULL, NULL, NULL, NULL, NULL, false),
    ('Y63', 'North East and Yorkshire', 'region', 'ENG', NULL, NULL, 'Y63', NULL, false),
    ('QZZ', 'Synthetic ICS', 'ics', 'Y63', NULL, 'QZZ', 'Y63', NULL, true),
    ('RZA', 'Synthetic Trust A', 'trust', 'QZZ', 'RZA', 'QZZ', 'Y63', NULL, true),
    ('RZB', 'Synthetic Trust B', 'trust', 'QZZ', 'RZB', 'QZZ', 'Y63', NULL, true),
    ('RZA01', 'A General', 'site', 'RZA', 'RZA', 'QZZ', 'Y63', '01', true),
    ('RZA02', 'A Urgent Treatment Centre', 'site', 'RZA', 'RZA', 'QZZ', 'Y63', '03', true),
    ('RZB01', 'B General', 'site', 'RZB', 'RZB', 'QZZ', 'Y63', '01', true)`);
  await connection.run(`INSERT INTO ward VALUES
    ('RZA01-W1', 'RZA01', 'Ward 1', 'adult_ga', 20, 2),
    ('RZA01-W2', 'RZA01', 'Ward 2', 'paed_ga', 10, 0),
    ('RZB01-W1', 'RZB01', 'Ward 1', 'adult_ga', 15, 3)`);
  await connection.run(
    `INSERT INTO local_authority VALUES ('E06000901', 'Northtown', 'QZZ'), ('E06000902', 'Southtown', 'QZZ')`,
  );
  for (const [index, [band, weight]] of espBands.entries()) {
    await connection.run('INSERT INTO esp2013 VALUES ($1, $2, $3, $4)', [
      band,
      index + 1,
      index * 5,
      weight,
    ]);
  }
  const random = seededRandom(7);
  for (let i = 0; i < 8; i++) {
    const decile = [1, 2, 3, 5, 6, 8, 9, 10][i];
    const lsoa = `E0100090${i}`;
    await connection.run('INSERT INTO lsoa VALUES ($1, 2011, $2, $3, $4, $5)', [
      lsoa,
      decile,
      decile * 3000,
      i < 4 ? 'E06000901' : 'E06000902',
      'QZZ',
    ]);
    for (const [band] of espBands) {
      for (const sex of ['M', 'F']) {
        for (const group of ['White', 'Asian', 'Black', 'Mixed', 'Other']) {
          const persons = Math.round((group === 'White' ? 60 : 12) * (0.5 + random()));
          await connection.run('INSERT INTO population VALUES ($1, $2, $3, $4, $5)', [
            lsoa,
            band,
            sex,
            group,
            persons,
          ]);
        }
      }
    }
  }
}

const groups = ['White', 'White', 'White', 'Asian', 'Black', 'Mixed', 'Other', 'Unknown'];

/** Inserts `perDay` attendances per site per day (seeded); returns how many rows were written. */
export async function insertAttendances(
  connection: DuckDBConnection,
  options: {
    firstDay: string;
    days: number;
    perDay: number;
    seed: number;
    idPrefix?: string;
    fileId?: number;
  },
): Promise<number> {
  const random = seededRandom(options.seed);
  const rows: string[] = [];
  const start = Date.parse(`${options.firstDay}T00:00:00Z`);
  let n = 0;
  for (let day = 0; day < options.days; day++) {
    for (const site of fixtureSites) {
      for (let k = 0; k < options.perDay; k++) {
        const arrived = new Date(start + day * 86_400_000 + Math.floor(random() * 86_400_000));
        const type = site === 'RZA02' ? '03' : '01';
        const ambulance = type === '01' && random() < 0.3;
        const wait = Math.floor(30 + random() * (type === '01' ? 900 : 300));
        const admitted = type === '01' && random() < 0.3;
        const stillIn = random() < 0.03;
        const decile = random() < 0.1 ? null : 1 + Math.floor(random() * 10);
        const age = Math.floor(random() * 95);
        const ts = (minutes: number) =>
          new Date(arrived.getTime() + minutes * 60_000)
            .toISOString()
            .slice(0, 19)
            .replace('T', ' ');
        const id = `${options.idPrefix ?? 'A'}${n}`;
        rows.push(
          `(${[
            `'${id}'`,
            `'${site.slice(0, 3)}'`,
            `'${site}'`,
            `'${type}'`,
            random() < 0.02 ? `'4'` : `'1'`,
            `TIMESTAMP '${ts(0)}'`,
            ambulance ? `'ambulance'` : `'walk_in'`,
            random() < 0.1 ? `'nhs111_online'` : `'self'`,
            'false',
            `${1 + Math.floor(random() * 5)}`,
            ambulance ? `TIMESTAMP '${ts(Math.floor(random() * 90))}'` : 'NULL',
            random() < 0.9 ? `TIMESTAMP '${ts(Math.floor(random() * 40))}'` : 'NULL',
            'NULL',
            admitted
              ? `TIMESTAMP '${ts(Math.max(0, wait - 800 + Math.floor(random() * 600)))}'`
              : 'NULL',
            stillIn ? 'NULL' : `TIMESTAMP '${ts(wait)}'`,
            stillIn ? 'NULL' : admitted ? `'admitted'` : `'discharged'`,
            stillIn ? 'NULL' : `${wait}`,
            'NULL',
            `${age}`,
            random() < 0.5 ? `'M'` : `'F'`,
            'NULL',
            `'${groups[Math.floor(random() * groups.length)]}'`,
            decile === null ? 'NULL' : `'E0100090${Math.floor(random() * 8)}'`,
            decile === null ? 'NULL' : `${decile}`,
            `'P${Math.floor(random() * options.perDay * 2)}'`,
            `${options.fileId ?? 1}`,
            'NULL',
            `TIMESTAMP '2025-01-01 00:00:00'`,
            '1',
          ].join(', ')})`,
        );
        n++;
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await connection.run(`INSERT INTO ae_attendance VALUES ${rows.slice(i, i + 500).join(',\n')}`);
  }
  return n;
}

/** Sitreps, ADT spells and discharge rows for every fixture day. */
export async function insertBedsAndDischarges(
  connection: DuckDBConnection,
  options: { firstDay: string; days: number; seed: number },
): Promise<void> {
  const random = seededRandom(options.seed);
  const start = Date.parse(`${options.firstDay}T00:00:00Z`);
  const day = (d: number) => new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  for (let d = 0; d < options.days; d++) {
    for (const site of ['RZA01', 'RZB01']) {
      await connection.run(
        `INSERT INTO bed_sitrep VALUES ($1::DATE, $2, $3, 'adult_ga', 20, $4, $5, 1, 5, 3, $6, 1, NULL, TIMESTAMP '2025-01-01', 1),
                                       ($1::DATE, $2, $3, 'paed_ga', 10, 0, $7, 0, NULL, NULL, NULL, 1, NULL, TIMESTAMP '2025-01-01', 1)`,
        [
          day(d),
          site.slice(0, 3),
          site,
          d % 3,
          15 + Math.floor(random() * 8),
          Math.floor(random() * 4),
          5 + Math.floor(random() * 5),
        ],
      );
      for (let k = 0; k < 4; k++) {
        const admitted = new Date(start + d * 86_400_000 + Math.floor(random() * 86_400_000));
        const discharged =
          random() < 0.8
            ? new Date(admitted.getTime() + Math.floor(random() * 8 * 86_400_000))
            : null;
        const id = `S${site}-${d}-${k}`;
        await connection.run(
          `INSERT INTO spell VALUES ($1, NULL, $2, $3, 'I', $4, $5::TIMESTAMP, $6::TIMESTAMP, $7, NULL, $8, $9, $5::TIMESTAMP, $5::TIMESTAMP)`,
          [
            id,
            site.slice(0, 3),
            site,
            discharged ? 'discharged' : 'admitted',
            admitted.toISOString(),
            discharged?.toISOString() ?? null,
            `${site}-W1`,
            Math.floor(random() * 95),
            random() < 0.5 ? 'M' : 'F',
          ],
        );
        if (random() < 0.6) {
          const ready = new Date(admitted.getTime() + Math.floor(random() * 3) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const left =
            discharged && discharged.toISOString().slice(0, 10) >= ready ? discharged : null;
          await connection.run(
            `INSERT INTO discharge VALUES ($1, NULL, $2, $3, $4::TIMESTAMP, $5::DATE, $6::TIMESTAMP, $7, NULL, $8, $9, 'F', NULL, 1, NULL, TIMESTAMP '2025-01-01', 1)`,
            [
              id,
              site.slice(0, 3),
              site,
              admitted.toISOString(),
              ready,
              left?.toISOString() ?? null,
              Math.floor(random() * 4),
              random() < 0.5 ? 'E06000901' : 'E06000902',
              18 + Math.floor(random() * 77),
            ],
          );
        }
      }
    }
  }
}
