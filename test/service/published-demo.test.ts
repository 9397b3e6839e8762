import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { refreshEverything } from '../../pipelines/refresh/index.js';
import { simulate } from '../../pipelines/simulate/index.js';
import { startObservatory, type Observatory } from '../../service/observatory.js';

const silent: Logger = { info() {}, warn() {}, error() {} };

let dataDir: string;
let observatory: Observatory;

/** Every indicator value of a real organisation (ENG, real regions, ICBs and providers). */
async function realValues(): Promise<string[]> {
  const reader = await observatory.warehouse.connection.runAndReadAll(
    `SELECT v.indicator_id, v.org_code, v.grain, strftime(v.period_start, '%Y-%m-%d %H:%M') AS period,
       v.dimension, v.category, v.numerator, v.denominator, v.value
     FROM indicator_value v LEFT JOIN org o ON o.org_code = v.org_code
     WHERE NOT coalesce(o.is_synthetic, false)
     ORDER BY ALL`,
  );
  return reader.getRowObjectsJS().map((row) => JSON.stringify(row));
}

async function englandFourHour(): Promise<Array<{ period_start: string; value: number }>> {
  const res = await fetch(
    `${observatory.url}/api/indicators/ae_4h_performance/values?org=ENG&grain=month`,
    { headers: { Authorization: `Bearer ${observatory.cliToken}` } },
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: Array<{ period_start: string; value: number }> };
  return body.rows;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'observatory-published-'));
  const config = loadConfig({
    ...process.env,
    OBSERVATORY_DATA: dataDir,
    OBSERVATORY_CONFIG: '',
    PORT: '0',
    MLLP_PORT: '0',
    OBSERVATORY_DEMO: '0',
  });
  // A first start on an empty data folder, as `npm start` on a fresh clone (without the
  // simulated history, which the next test adds file by file).
  observatory = await startObservatory({
    config: { ...config, configFile: undefined, settings: {} },
    log: silent,
    demo: false,
    schedules: false,
    mllp: false,
  });
  await observatory.ready;
}, 300_000);

afterAll(async () => {
  await observatory?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the first start of a fresh warehouse', () => {
  it('loads the published monthly A&E files the project ships: England June 2025 reads 75.5%', async () => {
    const rows = await englandFourHour();
    expect(rows.map((r) => r.period_start.slice(0, 7))).toEqual([
      '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2025-02', '2025-04',
      '2025-05', '2025-06',
    ]); // prettier-ignore
    const june = rows.find((r) => r.period_start.startsWith('2025-06'))!;
    expect(Math.round(june.value * 1000) / 10).toBe(75.5);
  });
});

describe('real and synthetic never mix', () => {
  it('simulated files of every feed, spanning a published month, change no real organisation', async () => {
    const before = await realValues();
    expect(before.length).toBeGreaterThan(10_000);
    // 30 June 2025: the simulator writes its ICS's monthly file for June (a month England's
    // published file covers), besides A&E, ADT, sitrep and discharge.
    const result = simulate(
      {
        days: 1,
        seed: 5,
        out: join(dataDir, 'inbox'),
        start: '2025-06-30',
        batch: 'day',
        warmupDays: 1,
        referenceDir: join(import.meta.dirname, '..', '..', 'data', 'reference'),
      },
      { clock: { now: () => new Date('2025-07-02T06:00:00Z') }, log: silent },
    );
    expect(result.attendances).toBeGreaterThan(0);
    const loaded = await observatory.pollInbox();
    const feeds = new Set(loaded.filter((r) => r.status === 'loaded').map((r) => r.feed));
    expect([...feeds].sort()).toEqual(['adt', 'ae', 'ae-monthly', 'discharge', 'sitrep']);

    // The incremental refresh after each file, then a full rebuild: neither touches them.
    expect(await realValues()).toEqual(before);
    await refreshEverything(observatory.warehouse.connection, {
      now: new Date('2025-07-02T06:00:00Z'),
      log: silent,
      settings: {},
    });
    expect(await realValues()).toEqual(before);

    // The synthetic month did land: its providers' attendances reach the synthetic region.
    const synthetic = await observatory.warehouse.connection.runAndReadAll(
      `SELECT org_code, attendances_all FROM ae_monthly_measures
       WHERE period_start = DATE '2025-06-01' AND org_code IN ('XA1', 'XRG') ORDER BY 1`,
    );
    const [trust, region] = synthetic.getRows().map((r) => Number(r[1]));
    expect(trust).toBeGreaterThan(0);
    expect(region).toBeGreaterThan(trust!);
  }, 300_000);
});
