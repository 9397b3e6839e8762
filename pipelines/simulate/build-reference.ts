/**
 * Build step: writes the synthetic region's reference CSVs (org, ward, local_authority, lsoa,
 * population) into data/reference from the real IMD 2019 file. Run with
 * `tsx pipelines/simulate/build-reference.ts [realdataDir] [outDir]`; the simulator and the
 * seed step read only the committed CSVs.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ageBands,
  attendancesPerPersonYear,
  attendanceWeight,
  ethnicGroups,
  expectedBedDays,
  targetOccupancy,
} from './models/calibration.js';
import { createRandom } from './random.js';
import { hasUtc, icsPlans, laCode, regionCode, regionName, trustCode } from './synthetic-ics.js';

interface ImdRow {
  code: string;
  decile: number;
  rank: number;
}

const baseAgeShares = [
  5.5, 6, 6, 5.7, 6, 6.7, 7, 6.7, 6.3, 6.5, 6.8, 6.6, 5.7, 5, 5, 3.8, 2.7, 1.6, 0.9,
];
/** Band midpoints used to size wards from expected bed-days. */
export const bandMidAge = ageBands.map((_, i) => (i === 18 ? 92 : i * 5 + 2));

/** Reads the IMD 2019 LSOA file (code, decile, rank), in code order. */
export function readImd(path: string): ImdRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split(',');
  const codeAt = header.indexOf('lsoa11_code');
  const decileAt = header.indexOf('IMD_decile');
  const rankAt = header.indexOf('IMD_rank');
  const rows: ImdRow[] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cells = line.split(',');
    rows.push({
      code: cells[codeAt]!,
      decile: Number(cells[decileAt]),
      rank: Number(cells[rankAt]),
    });
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return rows;
}

function csv(header: string[], rows: Array<Array<string | number | boolean>>): string {
  const cell = (v: string | number | boolean): string => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(path + '.tmp', text);
  renameSync(path + '.tmp', path);
}

/** Builds all five reference files from the IMD rows; returns them as name → CSV text. */
export function buildReference(imd: ImdRow[]): Record<string, string> {
  const random = createRandom('synthetic-reference-v1');
  const org: Array<Array<string | number | boolean>> = [
    [regionCode, regionName, 'region', 'ENG', '', '', regionCode, '', '', true],
  ];
  const wards: Array<Array<string | number>> = [];
  const las: Array<Array<string>> = [];
  const lsoas: Array<Array<string | number>> = [];
  const population: Array<Array<string | number>> = [];

  icsPlans.forEach((plan, i) => {
    org.push([
      plan.icsCode,
      plan.icsName,
      'ics',
      regionCode,
      '',
      plan.icsCode,
      regionCode,
      '',
      '',
      true,
    ]);
    const block = imd.slice(plan.lsoaStart, plan.lsoaStart + plan.lsoaCount);
    const perLa = Math.ceil(block.length / 4);
    const minorityMix = [
      [0.2, 0.5, 0.2, 0.1],
      [0.15, 0.35, 0.4, 0.1],
      [0.25, 0.45, 0.15, 0.15],
      [0.2, 0.6, 0.12, 0.08],
    ];
    const weightSum = { persons: 0, weighted: 0 };
    const bedDays = [0, 0, 0, 0].map(() => ({ adult: 0, paed: 0 }));
    block.forEach((row, k) => {
      const t = Math.min(3, Math.floor(k / perLa));
      const la = laCode(i, t);
      lsoas.push([row.code, 2011, row.decile, row.rank, la, plan.icsCode]);
      const total = 1200 + random.int(1000);
      const d = row.decile;
      const ageShares = baseAgeShares.map((s, b) =>
        b < 8 ? s * (1 + 0.035 * (5.5 - d)) : b >= 13 ? s * (1 - 0.045 * (5.5 - d)) : s,
      );
      const ageSum = ageShares.reduce((a, b) => a + b, 0);
      const whiteBase = [0.93, 0.8, 0.68, 0.88][(t + i) % 4]!;
      const white = Math.max(
        0.2,
        Math.min(0.98, whiteBase - 0.03 * (5.5 - d) + 0.04 * random.normal()),
      );
      const mix = minorityMix[(t + 2 * i) % 4]!;
      const ethShares = [white, ...mix.map((m) => (1 - white) * m)];
      ageBands.forEach((band, b) => {
        const female = b >= 16 ? 0.6 : b >= 12 ? 0.52 : 0.49;
        for (const [sex, sexShare] of [
          ['M', 1 - female],
          ['F', female],
        ] as const) {
          ethnicGroups.forEach((group, g) => {
            const expected = (total * ageShares[b]! * sexShare * ethShares[g]!) / ageSum;
            const persons = Math.floor(expected + random.next());
            if (persons <= 0) return;
            population.push([row.code, band, sex, group, persons]);
            const w = persons * attendanceWeight(b, d);
            weightSum.persons += persons;
            weightSum.weighted += w;
            const days = w * expectedBedDays(bandMidAge[b]!, d);
            if (bandMidAge[b]! < 15) bedDays[t]!.paed += days;
            else bedDays[t]!.adult += days;
          });
        }
      });
    });
    const scale = (attendancesPerPersonYear * weightSum.persons) / weightSum.weighted / 365;
    plan.trusts.forEach((name, t) => {
      const trust = trustCode(i, t);
      const town = plan.localAuthorities[t]!;
      las.push([laCode(i, t), `${town} Council`, plan.icsCode]);
      org.push([trust, name, 'trust', plan.icsCode, trust, plan.icsCode, regionCode, '', '', true]);
      const ed = `${trust}01`;
      org.push([
        ed,
        `${town} General Hospital`,
        'site',
        trust,
        trust,
        plan.icsCode,
        regionCode,
        '',
        '01',
        true,
      ]);
      if (hasUtc(t)) {
        const utc = `${trust}02`;
        org.push([
          utc,
          `${town} Urgent Treatment Centre`,
          'site',
          trust,
          trust,
          plan.icsCode,
          regionCode,
          '',
          '03',
          true,
        ]);
      }
      // 1.06: the analytic bed-days fall short of a simulated year by about 6% (discharge timing,
      // transfers); measured with the simulator's own output.
      const adultBeds = Math.round((1.06 * bedDays[t]!.adult * scale) / targetOccupancy);
      const paedBeds = Math.max(8, Math.round((bedDays[t]!.paed * scale) / 0.8));
      const ccBeds = Math.max(4, Math.round(adultBeds * 0.012));
      let n = 1;
      const addWards = (
        type: string,
        label: string,
        beds: number,
        size: number,
        escalation: number,
      ) => {
        const count = Math.max(1, Math.round(beds / size));
        for (let w = 0; w < count; w++) {
          const core = Math.floor(beds / count) + (w < beds % count ? 1 : 0);
          const code = `${ed}W${String(n).padStart(2, '0')}`;
          wards.push([code, ed, `${label} ${w + 1}`, type, core, escalation]);
          n++;
        }
      };
      addWards('adult_ga', 'Adult Medical Ward', adultBeds, 30, 2);
      addWards('paed_ga', 'Children’s Ward', paedBeds, 24, 2);
      addWards('adult_cc', 'Critical Care Unit', ccBeds, 20, 0);
    });
  });

  return {
    'org.synthetic.csv': csv(
      [
        'org_code',
        'org_name',
        'org_type',
        'parent_code',
        'trust_code',
        'ics_code',
        'region_code',
        'ons_code',
        'department_type',
        'is_synthetic',
      ],
      org,
    ),
    'ward.synthetic.csv': csv(
      ['ward_code', 'site_code', 'ward_name', 'bed_type', 'core_beds', 'escalation_beds'],
      wards,
    ),
    'local_authority.synthetic.csv': csv(['la_code', 'la_name', 'ics_code'], las),
    'lsoa.synthetic.csv': csv(
      ['lsoa_code', 'lsoa_vintage', 'imd_decile', 'imd_rank', 'la_code', 'ics_code'],
      lsoas,
    ),
    'population.synthetic.csv': csv(
      ['lsoa_code', 'age_band', 'sex', 'ethnic_group', 'persons'],
      population,
    ),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const realdata = process.argv[2];
  const out = process.argv[3] ?? 'data/reference';
  if (!realdata) {
    console.error('usage: tsx pipelines/simulate/build-reference.ts REALDATA_DIR [OUT_DIR]');
    process.exit(2);
  }
  const files = buildReference(readImd(join(realdata, 'imd2019_england_lsoa11.csv')));
  for (const [name, text] of Object.entries(files)) {
    writeAtomic(join(out, name), text);
    console.error(`${name}: ${text.split('\n').length - 2} rows`);
  }
}
