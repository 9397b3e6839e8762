import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshIndicators } from '../../../pipelines/indicators/refresh-indicators.js';
import { ingestBytes, type IngestEffects } from '../../../pipelines/ingest/index.js';
import { clearQueue, enqueueTouched, readQueue } from '../../../pipelines/refresh/index.js';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { insertReference } from './fixture.js';

// Random sequences of A&E, ADT, sitrep and discharge files (new, corrected, re-sent, out of
// order) go through the real ingest and the refresh queue, each refresh recomputing only
// what the queued keys reach (each widened as far as the feed that queued it requires, or as
// for every feed when the queue does not know it); at the end every indicator_value row must
// equal a full rebuild. INCREMENTAL_SEED and INCREMENTAL_RUNS change the seed and the number
// of sequences (default 3) for a longer run by hand.

const quiet = { info() {}, warn() {}, error() {} };
const effectsOfRefresh = { now: new Date('2025-11-10T12:00:00Z'), log: quiet };

// The fixture's ICS QZZ (sites RZA01, RZA02, RZB01) and a second ICS in the same region, so
// patients re-attend across ICSs as well as within one.
const sites = [
  { site: 'RZA01', trust: 'RZA', type: '01' },
  { site: 'RZA02', trust: 'RZA', type: '03' },
  { site: 'RZB01', trust: 'RZB', type: '01' },
  { site: 'RZC01', trust: 'RZC', type: '01' },
] as const;
const bedSites = ['RZA01', 'RZB01', 'RZC01'] as const;
const days = ['2025-10-24', '2025-10-25', '2025-10-26', '2025-10-27', '2025-10-31', '2025-11-01'];

/** Valid NHS numbers (modulus 11), one per patient of a small pool so patients come back. */
const nhsNumbers = (() => {
  const out: string[] = [];
  for (let base = 400000000; out.length < 12; base += 7) {
    const digits = String(base).split('').map(Number);
    const check = 11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11);
    if (check === 10) continue;
    out.push(`${base}${check === 11 ? 0 : check}`);
  }
  return out;
})();

interface Attendance {
  id: number;
  site: number;
  day: number;
  minute: number;
  wait: number | null;
  admitted: boolean;
  patient: number;
  decile: number;
  planned: boolean;
}

const attendanceArb = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  site: fc.integer({ min: 0, max: sites.length - 1 }),
  day: fc.integer({ min: 0, max: days.length - 1 }),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  wait: fc.option(fc.integer({ min: 5, max: 900 }), { freq: 6 }),
  admitted: fc.boolean(),
  patient: fc.integer({ min: 0, max: nhsNumbers.length - 1 }),
  decile: fc.integer({ min: 0, max: 7 }),
  planned: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const sitrepArb = fc.record({
  site: fc.integer({ min: 0, max: bedSites.length - 1 }),
  day: fc.integer({ min: 0, max: days.length - 1 }),
  occupied: fc.integer({ min: 6, max: 30 }), // at least LoS_7_Plus (6), or the file is quarantined
  escalation: fc.integer({ min: 0, max: 4 }),
});

/** A spell's ADT messages: A01, then maybe an A02 to the second ward, then maybe an A03. */
const adtArb = fc.record({
  spell: fc.integer({ min: 1, max: 6 }),
  site: fc.integer({ min: 0, max: bedSites.length - 1 }),
  day: fc.integer({ min: 0, max: days.length - 1 }),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  transfer: fc.boolean(),
  stayMinutes: fc.option(fc.integer({ min: 60, max: 5 * 24 * 60 }), { freq: 3 }),
  patient: fc.integer({ min: 0, max: nhsNumbers.length - 1 }),
});
type AdtSpell = typeof adtArb extends fc.Arbitrary<infer T> ? T : never;

const dischargeArb = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  site: fc.integer({ min: 0, max: bedSites.length - 1 }),
  admittedDay: fc.integer({ min: 0, max: 2 }),
  readyAfter: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 3 }),
  dischargedAfter: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
  pathway: fc.integer({ min: 0, max: 3 }),
});

type Feed = 'ae' | 'adt' | 'sitrep' | 'discharge';

type Step =
  | { kind: 'ae'; rows: Attendance[] }
  | {
      kind: 'sitrep';
      rows: Array<{ site: number; day: number; occupied: number; escalation: number }>;
    }
  | {
      kind: 'discharge';
      rows: Array<{
        id: number;
        site: number;
        admittedDay: number;
        readyAfter: number | null;
        dischargedAfter: number | null;
        pathway: number;
      }>;
    }
  | { kind: 'adt'; rows: AdtSpell[] }
  | { kind: 'resend'; which: number }
  | { kind: 'forget-feeds' }
  | { kind: 'refresh' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(attendanceArb, { minLength: 1, maxLength: 12 })
      .map((rows) => ({ kind: 'ae' as const, rows })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(sitrepArb, { minLength: 1, maxLength: 3 })
      .map((rows) => ({ kind: 'sitrep' as const, rows })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(dischargeArb, { minLength: 1, maxLength: 4 })
      .map((rows) => ({ kind: 'discharge' as const, rows })),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(adtArb, { minLength: 1, maxLength: 4 })
      .map((rows) => ({ kind: 'adt' as const, rows })),
  },
  { weight: 1, arbitrary: fc.nat(20).map((which) => ({ kind: 'resend' as const, which })) },
  // Keys queued with no feed, as before the queue recorded it: widened as for every feed.
  { weight: 1, arbitrary: fc.constant({ kind: 'forget-feeds' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'refresh' as const }) },
);

const iso = (day: string, minutes: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000).toISOString().slice(0, 19) + '+00:00';

function aeFile(rows: Attendance[]): string {
  const header =
    'EC_Ident,Provider_Code,Site_Code,EC_Department_Type,EC_Attendance_Category,EC_Arrival_Date_Time,EC_Arrival_Mode,EC_Attendance_Source,EC_Booked_Appointment,EC_Acuity,Ambulance_Handover_Date_Time,EC_Initial_Assessment_Date_Time,EC_Seen_For_Treatment_Date_Time,EC_Decision_To_Admit_Date_Time,EC_Departure_Date_Time,EC_Discharge_Status,Age_At_Arrival,Sex,Ethnic_Category,LSOA_Code,NHS_Number';
  const lines = rows.map((a) => {
    const s = sites[a.site];
    const day = days[a.day];
    const ambulance = a.minute % 3 === 0;
    const admitted = a.admitted && a.wait !== null;
    return [
      `AE${a.id}`,
      s.trust,
      s.site,
      s.type,
      a.planned ? '4' : '1',
      iso(day, a.minute),
      ambulance ? 'AMB' : 'WALK',
      ambulance ? 'AMB' : 'SELF',
      'N',
      String(1 + (a.minute % 5)),
      ambulance ? iso(day, a.minute + Math.min(a.minute % 70, a.wait ?? 70)) : '',
      iso(day, a.minute + Math.min(a.minute % 30, a.wait ?? 30)),
      '',
      admitted ? iso(day, a.minute + Math.max(0, (a.wait ?? 0) - 60)) : '',
      a.wait === null ? '' : iso(day, a.minute + a.wait),
      a.wait === null ? '' : admitted ? 'ADM' : 'DIS',
      String(20 + a.patient * 5),
      a.patient % 2 === 0 ? '1' : '2',
      'A',
      `E0100090${a.decile}`,
      nhsNumbers[a.patient],
    ].join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}

function sitrepFile(
  rows: Array<{ site: number; day: number; occupied: number; escalation: number }>,
): string {
  const header =
    'Snapshot_Date,Provider_Code,Site_Code,Bed_Type,Core_Beds_Available,Escalation_Beds_Available,Beds_Occupied,Void_Beds,LoS_7_Plus,LoS_14_Plus,LoS_21_Plus';
  const lines = rows.map((r) => {
    const site = bedSites[r.site];
    return `${days[r.day]},${site.slice(0, 3)},${site},adult_ga,30,${r.escalation},${r.occupied},1,6,3,${r.occupied % 4}`;
  });
  return [header, ...lines].join('\n') + '\n';
}

function dischargeFile(rows: Extract<Step, { kind: 'discharge' }>['rows']): string {
  const header =
    'Spell_Id,Provider_Code,Site_Code,NHS_Number,Admission_Date_Time,Discharge_Ready_Date,Discharge_Date_Time,Discharge_Pathway,Delay_Reason,Local_Authority_Code,Age_At_Admission,Sex';
  const lines = rows.map((r) => {
    const site = bedSites[r.site];
    const admitted = r.admittedDay;
    const ready = r.readyAfter === null ? null : admitted + r.readyAfter;
    const discharged = r.dischargedAfter === null ? null : (ready ?? admitted) + r.dischargedAfter;
    return [
      `SP${r.id}`,
      site.slice(0, 3),
      site,
      nhsNumbers[r.id % nhsNumbers.length],
      iso(days[admitted], 600),
      ready === null ? '' : days[Math.min(ready, days.length - 1)],
      discharged === null ? '' : iso(days[Math.min(discharged, days.length - 1)], 900),
      String(r.pathway),
      '',
      r.id % 2 === 0 ? 'E06000901' : 'E06000902',
      String(40 + r.id),
      r.id % 2 === 0 ? '1' : '2',
    ].join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}

const hl7Time = (at: Date) => `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;

/** An ADT batch: each spell's messages, control ids unique to the batch (`batch`). */
function adtFile(rows: AdtSpell[], batch: number): string {
  const messages: string[] = [];
  rows.forEach((r, index) => {
    const site = bedSites[r.site];
    const spell = `SP-${site}-${r.spell}`;
    const admitted = new Date(Date.parse(`${days[r.day]}T00:00:00Z`) + r.minute * 60_000);
    const events: Array<{ type: string; at: Date; ward: string; prior: string }> = [
      { type: 'A01', at: admitted, ward: `${site}-W1`, prior: '' },
    ];
    if (r.transfer)
      events.push({
        type: 'A02',
        at: new Date(admitted.getTime() + 30 * 60_000),
        ward: `${site}-W2`,
        prior: `${site}-W1`,
      });
    if (r.stayMinutes !== null)
      events.push({
        type: 'A03',
        at: new Date(admitted.getTime() + r.stayMinutes * 60_000),
        ward: events[events.length - 1].ward,
        prior: '',
      });
    for (const event of events) {
      const at = hl7Time(event.at);
      const pv1 = Array.from({ length: 46 }, () => '');
      pv1[0] = 'PV1';
      pv1[1] = '1';
      pv1[2] = 'I';
      pv1[3] = `${event.ward}^^B${index}^${site}`;
      pv1[6] = event.prior === '' ? '' : `${event.prior}^^^${site}`;
      pv1[19] = spell;
      pv1[44] = hl7Time(admitted);
      pv1[45] = event.type === 'A03' ? at : '';
      messages.push(
        [
          `MSH|^~\\&|PAS|${site}|OBSERVATORY|ICS|${at}||ADT^${event.type}^ADT_A01|B${batch}-${index}-${event.type}|P|2.4`,
          `EVN|${event.type}|${at}||||${at}`,
          `PID|1||${nhsNumbers[r.patient]}^^^NHS^NH||DOE^ALEX||${1940 + r.patient}0304|${r.patient % 2 === 0 ? 'M' : 'F'}`,
          pv1.join('|'),
        ].join('\r'),
      );
    }
  });
  return messages.join('\r') + '\r';
}

async function setUp(): Promise<{
  db: DuckDBConnection;
  close: () => void;
  effects: IngestEffects;
}> {
  const warehouse = await openWarehouse(':memory:');
  const db = warehouse.connection;
  await insertReference(db);
  await db.run(`INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, ics_code, region_code, department_type, is_synthetic) VALUES
    ('QZY', 'Second ICS', 'ics', 'Y63', NULL, 'QZY', 'Y63', NULL, true),
    ('RZC', 'Synthetic Trust C', 'trust', 'QZY', 'RZC', 'QZY', 'Y63', NULL, true),
    ('RZC01', 'C General', 'site', 'RZC', 'RZC', 'QZY', 'Y63', '01', true)`);
  await db.run(`INSERT INTO ward VALUES
    ('RZB01-W2', 'RZB01', 'Ward 2', 'adult_ga', 10, 0),
    ('RZC01-W1', 'RZC01', 'Ward 1', 'adult_ga', 20, 2),
    ('RZC01-W2', 'RZC01', 'Ward 2', 'adult_ga', 10, 0)`);
  const effects: IngestEffects = {
    connection: db,
    now: () => new Date('2025-11-10T12:00:00Z'),
    log: quiet,
    pseudonymKeyHex: '7a'.repeat(32),
    tmpDir: mkdtempSync(join(tmpdir(), 'incremental-')),
    afterLoad: (touched, feed, fileId) =>
      enqueueTouched(db, fileId, feed, touched, new Date('2025-11-10T12:00:00Z')),
  };
  return { db, close: () => warehouse.close(), effects };
}

/** The refresh the writer runs after commit, for indicator values: the queued keys, then clear. */
async function refreshQueuedIndicators(db: DuckDBConnection): Promise<void> {
  const queued = await readQueue(db);
  if (queued === null) return;
  await db.run('BEGIN TRANSACTION');
  await refreshIndicators(db, queued.touched, effectsOfRefresh);
  await clearQueue(db, queued.lastSeq);
  await db.run('COMMIT');
}

async function differences(db: DuckDBConnection): Promise<Array<Record<string, unknown>>> {
  const reader = await db.runAndReadAll(`
    WITH a AS (SELECT * FROM incremental_values), b AS (SELECT * FROM indicator_value)
    SELECT coalesce(a.indicator_id, b.indicator_id) AS indicator_id, coalesce(a.org_code, b.org_code) AS org_code,
      coalesce(a.grain, b.grain) AS grain, strftime(coalesce(a.period_start, b.period_start), '%Y-%m-%d %H:%M') AS period_start,
      coalesce(a.dimension, b.dimension) AS dimension, coalesce(a.category, b.category) AS category,
      a.value AS incremental, b.value AS full
    FROM a FULL JOIN b ON a.indicator_id = b.indicator_id AND a.org_code = b.org_code AND a.grain = b.grain
      AND a.period_start = b.period_start AND a.dimension = b.dimension AND a.category = b.category
    WHERE a.indicator_id IS NULL OR b.indicator_id IS NULL
      OR NOT (${['numerator', 'denominator', 'value', 'lower', 'upper']
        .map(
          (c) =>
            `(a.${c} IS NULL AND b.${c} IS NULL OR abs(a.${c} - b.${c}) <= 1e-9 * greatest(1, abs(b.${c})))`,
        )
        .join(' AND ')})
    ORDER BY ALL LIMIT 10`);
  return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
}

describe('incremental refresh', () => {
  it('gives every indicator_value row a full rebuild gives, after any sequence of files', async () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(attendanceArb, { minLength: 20, maxLength: 30 }),
        fc.array(stepArb, { minLength: 5, maxLength: 9 }),
        async (history, steps) => {
          const { db, close, effects } = await setUp();
          try {
            const sent: Array<{ feed: Feed; name: string; text: string }> = [];
            const send = async (feed: Feed, text: string, name?: string) => {
              const fileName = name ?? `${feed}-${sent.length}.${feed === 'adt' ? 'hl7' : 'csv'}`;
              if (!name) sent.push({ feed, name: fileName, text });
              const result = await ingestBytes(feed, fileName, utf8(text), effects);
              if (result.status === 'failed' || result.quarantined > 0) {
                const reasons = await db.runAndReadAll(
                  'SELECT DISTINCT reason_code, detail FROM quarantine',
                );
                throw new Error(
                  `${fileName} did not load whole: ${JSON.stringify(reasons.getRowObjectsJS())}`,
                );
              }
            };
            await send('ae', aeFile(history));
            await refreshIndicators(db, 'all', effectsOfRefresh);
            await db.run('DELETE FROM refresh_queue');
            for (const step of steps) {
              if (step.kind === 'ae') await send('ae', aeFile(step.rows));
              else if (step.kind === 'sitrep') await send('sitrep', sitrepFile(step.rows));
              else if (step.kind === 'discharge') await send('discharge', dischargeFile(step.rows));
              else if (step.kind === 'adt') await send('adt', adtFile(step.rows, sent.length));
              else if (step.kind === 'forget-feeds')
                await db.run('UPDATE refresh_queue SET feed = NULL');
              else if (step.kind === 'resend') {
                const file = sent[step.which % sent.length];
                await send(file.feed, file.text, `${file.name}.again`);
              } else await refreshQueuedIndicators(db);
            }
            await refreshQueuedIndicators(db);
            await db.run('CREATE TEMP TABLE incremental_values AS FROM indicator_value');
            await refreshIndicators(db, 'all', effectsOfRefresh);
            const total = Number(
              (await db.runAndReadAll('SELECT count(*) FROM indicator_value')).getRows()[0][0],
            );
            expect(total).toBeGreaterThan(100);
            expect(await differences(db)).toEqual([]);
          } finally {
            close();
          }
        },
      ),
      {
        seed: Number(process.env.INCREMENTAL_SEED ?? 20251110),
        numRuns: Number(process.env.INCREMENTAL_RUNS ?? 3),
        endOnFailure: true,
      },
    );
  }, 300_000);
});
