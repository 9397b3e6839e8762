import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDisclosureRule } from '../../../pipelines/read/index.js';
import { buildDailyBrief } from '../../../pipelines/reports/build-daily-brief.js';
import { reportPeriod } from '../../../pipelines/reports/index.js';
import { ReportReader } from '../../../pipelines/reports/report-reader.js';
import {
  finishScenario,
  insertScenario,
  parseScenarioRequest,
  runScenario,
  type ScenarioResult,
} from '../../../pipelines/scenario/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';

// The API fixture: ICS QOP (trust R0A, sites R0A01 and R0A02) and ICS QWE (RW6, RW601).
const fixtures = join(import.meta.dirname, '..', '..', 'server', 'fixtures');
const now = new Date('2024-12-02T10:30:00Z');
let warehouse: Warehouse;
let result: ScenarioResult;

async function save(id: string, body: Record<string, unknown>): Promise<ScenarioResult> {
  const request = {
    ...parseScenarioRequest({ hours: 24, replications: 12, seed: 5, ...body }, 0),
    ics: ['QOP'],
  };
  const run = await runScenario(warehouse.connection, request, { workers: 0 });
  await insertScenario(warehouse.connection, { id, request, createdBy: null, now });
  await finishScenario(warehouse.connection, id, run, now);
  return run;
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  for (const name of ['warehouse.sql', 'scenario-facts.sql'])
    await warehouse.connection.run(readFileSync(join(fixtures, name), 'utf8'));
  result = await save('scn_marked0001', {
    name: '20 beds at Central',
    in_brief: true,
    levers: [
      { kind: 'beds', org: 'R0A01', beds: 20 },
      { kind: 'nctr_cut', org: 'R0A01', pathway: 3, percent: 50 },
    ],
  });
  await save('scn_unmarked01', { name: 'Not for the brief', in_brief: false });
}, 60_000);
afterAll(() => warehouse?.close());

const brief = (role: 'operations' | 'regional' | 'public', ics: string[] | null) =>
  buildDailyBrief(
    new ReportReader(warehouse.connection, { role, ics }, defaultDisclosureRule),
    reportPeriod('daily-brief', '2024-12-02'),
    now,
  );

describe('buildDailyBrief with a saved scenario marked for it', () => {
  it('gives the marked scenario a section: its plan in words and its horizon figures as stored', async () => {
    const document = await brief('operations', ['QOP']);
    const sections = document.sections.filter((s) => s.title.startsWith('What if'));
    expect(sections.map((s) => s.title)).toEqual(['What if: 20 beds at Central']);
    const [section] = sections;
    expect(section!.paragraphs[0]).toContain(
      '20 G&A beds opened at Central site and delays of pathway 3 patients with no criteria to reside cut by 50% at Central site',
    );
    expect(section!.paragraphs[0]).toContain('24 hours');
    expect(section!.paragraphs[0]).toContain('seed 5');
    const waits = (run: string) =>
      result.values.find(
        (v) =>
          v.org_code === 'R0A01' &&
          v.measure === 'twelve_hour_waits' &&
          v.run === run &&
          v.hour_start === null,
      )!;
    const row = section!.table!.rows.find(
      (r) => r[0]!.text === 'Central site' && r[1]!.text.startsWith('12-hour waits'),
    )!;
    const shown = (value: number | null) => value!.toFixed(Math.abs(value!) < 10 ? 1 : 0);
    expect(row[2]!.text).toBe(shown(waits('baseline').mean));
    expect(row[3]!.text).toBe(
      `${shown(waits('scenario').mean)} (${shown(waits('scenario').p10)}–${shown(waits('scenario').p90)})`,
    );
    // every organisation a lever names, then the ICS
    expect([...new Set(section!.table!.rows.map((r) => r[0]!.text))]).toEqual([
      'Central site',
      'Greater Manchester ICB',
    ]);
    expect(
      document.whereToLook.some((line) =>
        line.startsWith('What if “20 beds at Central”: 12-hour waits at Central site'),
      ),
    ).toBe(true);
  });

  it('leaves it out for an audience outside its ICS and for the public', async () => {
    for (const document of [await brief('operations', ['QWE']), await brief('public', ['QOP'])])
      expect(document.sections.filter((s) => s.title.startsWith('What if'))).toEqual([]);
    // unscoped operational audiences see it
    expect(
      (await brief('regional', null)).sections.filter((s) => s.title.startsWith('What if')),
    ).toHaveLength(1);
  });
});
