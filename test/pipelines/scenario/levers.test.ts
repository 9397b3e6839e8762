import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseScenarioRequest,
  runScenario,
  type ScenarioResult,
} from '../../../pipelines/scenario/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';

// The API fixture: two type 1 sites at trust R0A (ICS QOP), regular arrivals and stays.
let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  for (const name of ['warehouse.sql', 'scenario-facts.sql'])
    await warehouse.connection.run(
      readFileSync(join(import.meta.dirname, '..', '..', 'server', 'fixtures', name), 'utf8'),
    );
});
afterAll(() => warehouse.close());

function run(body: Record<string, unknown>, workers = 0): Promise<ScenarioResult> {
  return runScenario(
    warehouse.connection,
    { ...parseScenarioRequest({ seed: 3, hours: 48, replications: 20, ...body }, 0), ics: ['QOP'] },
    { workers },
  );
}

const pick = (result: ScenarioResult, org: string, measure: string, run: string) =>
  result.values.find(
    (v) => v.org_code === org && v.measure === measure && v.run === run && v.hour_start === null,
  )!;

describe('runScenario levers on common random numbers', () => {
  it('moves diverted ambulance arrivals to the other site and conserves their total in every replication', async () => {
    const result = await run({
      levers: [{ kind: 'divert', org: 'R0A01', to: 'R0A02', share: 0.5, start_hour: 6 }],
    });
    const from = pick(result, 'R0A01', 'arrivals', 'difference');
    const to = pick(result, 'R0A02', 'arrivals', 'difference');
    expect(from.mean!).toBeLessThan(-5);
    expect(to.mean!).toBeCloseTo(-from.mean!, 9);
    const whole = pick(result, 'QOP', 'arrivals', 'difference');
    expect([whole.p025, whole.p975]).toEqual([0, 0]);
    // before the lever starts nothing moves
    const early = result.values.filter(
      (v) =>
        v.org_code === 'R0A01' &&
        v.measure === 'arrivals' &&
        v.run === 'difference' &&
        v.hour_start !== null &&
        Date.parse(v.hour_start) < Date.parse(result.at) + 6 * 3_600_000,
    );
    expect(early).toHaveLength(6);
    for (const hour of early) expect([hour.p025, hour.p975]).toEqual([0, 0]);
  });

  it('gives a difference of exactly 0 everywhere when no lever changes anything', async () => {
    const result = await run({ levers: [{ kind: 'arrivals', org: 'QOP', percent: 0 }] });
    for (const value of result.values.filter((v) => v.run === 'difference' && v.mean !== null))
      expect([value.p025, value.p975], `${value.org_code} ${value.measure}`).toEqual([0, 0]);
  });

  it('gives the same numbers on worker threads as in one thread', async () => {
    const body = { levers: [{ kind: 'nctr_cut', org: 'R0A', pathway: 3, percent: 50 }] };
    const [threaded, inline] = await Promise.all([run(body, 2), run(body, 0)]);
    expect(threaded.values).toEqual(inline.values);
    expect(threaded.seed_hash).toBe(inline.seed_hash);
  });

  it('cuts patients with no criteria to reside when their delays are cut, and raises arrivals by a surge', async () => {
    const result = await run({
      levers: [
        { kind: 'nctr_cut', org: 'R0A01', percent: 80 },
        { kind: 'arrivals', org: 'R0A02', percent: 30 },
      ],
    });
    expect(pick(result, 'R0A01', 'nctr_patients', 'difference').mean!).toBeLessThan(0);
    const baseline = pick(result, 'R0A02', 'arrivals', 'baseline').mean!;
    const scenario = pick(result, 'R0A02', 'arrivals', 'scenario').mean!;
    expect(scenario / baseline).toBeGreaterThan(1.2);
    expect(scenario / baseline).toBeLessThan(1.4);
  });
});
