import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessOpel } from '../../../../pipelines/indicators/opel/assess-opel.js';
import {
  defaultOpelConfig,
  opelConfigFrom,
} from '../../../../pipelines/indicators/opel/opel-config.js';
import { scoreOpel } from '../../../../pipelines/indicators/opel/score-opel.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { insertReference } from '../fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let db: DuckDBConnection;

describe('scoreOpel(values, config)', () => {
  it('scores each parameter by the band edges it exceeds and averages by weight', () => {
    const result = scoreOpel(
      {
        ambulance_handover_mean: 50, // > 15, 30, 45 → 3
        ed_over_12h_share: 0.03, // > 0.02 → 1
        ed_occupancy: null,
        ga_occupancy: 0.95, // > 0.85, 0.92 → 2 (weight 1.5)
        nctr_share: 0.1, // on the edge, not above → 0
      },
      defaultOpelConfig,
    );
    expect(result.drivers.map((driver) => driver.points)).toEqual([3, 1, null, 2, 0]);
    expect(result.score).toBeCloseTo((3 + 1 + 1.5 * 2 + 0) / 4.5, 12);
    expect(result.level).toBe(3);
  });

  it('uses the configured bands, weights and cut-offs', () => {
    const config = opelConfigFrom({
      opel: {
        parameters: [{ parameter: 'ga_occupancy', bands: [0.5], weight: 1 }],
        cutOffs: [0.5, 0.8, 1],
      },
    });
    expect(scoreOpel({ ga_occupancy: 0.6 }, config)).toMatchObject({ level: 4, score: 1 });
    expect(scoreOpel({ ga_occupancy: 0.4 }, config)).toMatchObject({ level: 1, score: 0 });
  });

  it('refuses a configuration it cannot score with', () => {
    expect(() => opelConfigFrom({ opel: { cutOffs: [2, 1, 3] } })).toThrow(/ascending/);
    expect(() =>
      opelConfigFrom({ opel: { parameters: [{ parameter: 'beds', bands: [1], weight: 1 }] } }),
    ).toThrow(/parameter must be one of/);
  });
});

async function setLive(site: string, asAt: string, figures: number[]): Promise<void> {
  const [inDepartment, over12, core, escalation, occupied, nctr] = figures;
  await db.run(`DELETE FROM live_site WHERE site_code = $1`, [site]);
  await db.run(
    `INSERT INTO live_site VALUES ($1, $2, 'QZZ', $3::TIMESTAMP, $4, 0, $5, 0, 0, 0, NULL, 0, $6, $7, $8, 0, $9, $3::TIMESTAMP)`,
    [site, site.slice(0, 3), asAt, inDepartment, over12, core, escalation, occupied, nctr],
  );
}

// The ED capacity these cases were written for (the default is sized for a larger department).
const settings = { opel: { defaultEdCapacity: { '01': 40, other: 20 } } };

describe('assessOpel(connection, effects)', () => {
  beforeAll(async () => {
    warehouse = await openWarehouse(':memory:');
    db = warehouse.connection;
    await insertReference(db);
    for (let i = 0; i < 4; i++) {
      await db.run(
        `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type, attendance_category,
           arrived_at, arrival_mode, attendance_source, is_booked, ambulance_handover_at, ethnic_group,
           source_file_id, ingested_at)
         VALUES ($1, 'RZA', 'RZA01', '01', '1', TIMESTAMP '2025-11-04 10:00:00', 'ambulance', 'ambulance', false,
           TIMESTAMP '2025-11-04 10:50:00', 'Unknown', 1, TIMESTAMP '2025-11-04')`,
        [`H${i}`],
      );
    }
    // RZA01: 60 in ED (capacity 40 → 1.5), 9 over 12h (15%), G&A 99 of 100 beds, 25 NCTR.
    await setLive('RZA01', '2025-11-04 12:00:00', [60, 9, 90, 10, 99, 25]);
    // RZB01: 10 in ED, none over 12h, G&A 30 of 50 beds, 2 NCTR.
    await setLive('RZB01', '2025-11-04 12:00:00', [10, 0, 50, 0, 30, 2]);
  });
  afterAll(() => warehouse.close());

  it('stores each trust’s and the ICS’s level with the drivers that set them', async () => {
    const result = await assessOpel(db, {
      now: new Date('2025-11-04T12:01:00Z'),
      log: quiet,
      settings,
    });
    expect(result.changed.map((change) => [change.org_code, change.level])).toEqual([
      ['RZA', 4],
      ['RZB', 1],
      ['QZZ', 3],
    ]);
    const reader = await db.runAndReadAll(
      `SELECT org_code, level, score, drivers FROM opel_level ORDER BY org_code`,
    );
    const rows = reader.getRowObjectsJS();
    const rza = rows.find((row) => row.org_code === 'RZA');
    expect(rza?.score).toBe(3);
    expect(JSON.parse(String(rza?.drivers))).toContainEqual({
      parameter: 'ambulance_handover_mean',
      value: 50,
      band: 3,
      points: 3,
      weight: 1,
    });
    const ics = rows.find((row) => row.org_code === 'QZZ');
    // Mean weighted by G&A core beds: (3 × 90 + 0 × 50) / 140 → level 3, never below 4 − 1.
    expect(ics?.score).toBeCloseTo(270 / 140, 12);
    expect(ics?.level).toBe(3);
  });

  it('keeps history without duplicating an unchanged level within the hour', async () => {
    await setLive('RZB01', '2025-11-04 12:40:00', [12, 0, 50, 0, 31, 2]);
    expect((await assessOpel(db, { now: new Date(), log: quiet, settings })).changed).toEqual([]);
    await setLive('RZB01', '2025-11-04 13:05:00', [12, 0, 50, 0, 31, 2]);
    await assessOpel(db, { now: new Date(), log: quiet, settings });
    await setLive('RZB01', '2025-11-04 13:20:00', [45, 6, 50, 0, 49, 12]);
    const result = await assessOpel(db, { now: new Date(), log: quiet, settings });
    expect(
      result.changed.map((change) => [change.org_code, change.previousLevel, change.level]),
    ).toEqual([
      ['RZB', 1, 4],
      ['QZZ', 3, 4],
    ]);
    const reader = await db.runAndReadAll(
      `SELECT org_code, count(*) AS n FROM opel_level GROUP BY org_code ORDER BY org_code`,
    );
    expect(reader.getRowObjectsJS()).toEqual([
      { org_code: 'QZZ', n: 3n },
      { org_code: 'RZA', n: 1n },
      { org_code: 'RZB', n: 3n },
    ]);
  });

  it('stores a new assessment of the same data time: the latest row is what the ICS used', async () => {
    // RZA01's data clock stays at 12:00 while its beds and NCTR figures are corrected.
    await setLive('RZA01', '2025-11-04 12:00:00', [10, 0, 90, 10, 50, 2]);
    const result = await assessOpel(db, { now: new Date(), log: quiet, settings });
    expect(
      result.changed.map((change) => [change.org_code, change.previousLevel, change.level]),
    ).toEqual([
      ['RZA', 4, 1],
      ['QZZ', 4, 3],
    ]);
    const reader = await db.runAndReadAll(
      `SELECT level, score, CAST(assessed_at AS VARCHAR) AS at, count(*) OVER () AS n
       FROM opel_level WHERE org_code = 'RZA' ORDER BY assessed_at DESC LIMIT 1`,
    );
    // Only the 50-minute handovers still score (3 points of a total weight of 5.5): level 1.
    const [latest] = reader.getRowObjectsJS();
    expect(latest).toMatchObject({ level: 1, at: '2025-11-04 12:00:00', n: 1n });
    expect(latest!.score).toBeCloseTo(3 / 5.5, 12);
    const ics = await db.runAndReadAll(
      `SELECT drivers FROM opel_level WHERE org_code = 'QZZ' ORDER BY assessed_at DESC LIMIT 1`,
    );
    const drivers = JSON.parse(String(ics.getRowObjectsJS()[0]!.drivers)) as Array<{
      parameter: string;
      band: number;
    }>;
    expect(drivers.find((d) => d.parameter === 'trust:RZA')?.band).toBe(1);
  });
});
