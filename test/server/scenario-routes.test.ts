import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioValueRow } from '../../pipelines/read/index.js';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ api: { versionTtlMs: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } } });
  await t.warehouse.connection.run(
    readFileSync(join(import.meta.dirname, 'fixtures', 'scenario-facts.sql'), 'utf8'),
  );
});
afterAll(async () => {
  await t.app.shutdown();
  t.warehouse.close();
});

interface Described {
  scenario_id: string;
  status: string;
  error: string | null;
  summary: string[];
  seed_hash: string | null;
  data_version: number | null;
  request: Record<string, unknown>;
  started_at: string | null;
  fitted: Array<{ distribution: string; window_from: string; window_to: string }>;
  progress: { done: number; total: number } | null;
}

function post(who: string, body: unknown) {
  return t.app.request('/api/scenarios', {
    method: 'POST',
    headers: { ...t.auth(who), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Polls the scenario until it has finished (or the deadline passes). */
async function finished(who: string, id: string): Promise<Described> {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const res = await t.app.request(`/api/scenarios/${id}?measure=arrivals`, {
      headers: t.auth(who),
    });
    const body = (await res.json()) as { scenario: Described };
    if (body.scenario.status !== 'running') return body.scenario;
    if (Date.now() > deadline) throw new Error(`scenario ${id} still running`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const plan = {
  name: '10 beds at Central',
  hours: 24,
  replications: 12,
  seed: 7,
  in_brief: true,
  levers: [
    { kind: 'beds', org: 'R0A01', beds: 10 },
    { kind: 'nctr_cut', org: 'R0A', pathway: 3, percent: 50 },
  ],
};

describe('POST /api/scenarios then GET /api/scenarios/:id', () => {
  let id = '';
  let first: Described;

  it('starts a scenario (202) and finishes it with a summary and fitted distributions', async () => {
    const res = await post('operations_qop', plan);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { scenario: Described; url: string };
    id = body.scenario.scenario_id;
    expect(body.url).toBe(`/api/scenarios/${id}`);
    first = await finished('operations_qop', id);
    expect(first.error).toBeNull();
    expect(first.status).toBe('done');
    expect(first.progress).toEqual({ done: 12, total: 12 });
    expect(first.request.at).toBe('2024-12-02T10:00:00.000Z');
    expect(first.summary[0]).toMatch(
      /^12-hour waits at Central site: \d+ → \d+ \(80% range \d+–\d+\) over 24 h; change [−+]?[\d.]+ \(80% range [−+]?[\d.]+ to [−+]?[\d.]+\)$/,
    );
    const windows = first.fitted.filter((f) => f.distribution.startsWith('G&A stay hours'));
    expect(windows.map((f) => f.window_to)).toEqual([
      '2024-12-02T10:00:00.000Z',
      '2024-12-02T10:00:00.000Z',
    ]);
  });

  it('serves the same rows as JSON, CSV and Arrow', async () => {
    const path = `/api/scenarios/${id}?org=R0A&measure=ga_occupied`;
    const json = (await (await t.app.request(path, { headers: t.auth('analyst') })).json()) as {
      rows: ScenarioValueRow[];
    };
    // one horizon row and 24 hours, for each of baseline, scenario and difference
    expect(json.rows).toHaveLength(75);
    const csv = await t.app.request(`${path}&format=csv`, { headers: t.auth('analyst') });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'org_code,org_name,org_type,hour_start,measure,run,mean,p025,p10,p50,p90,p975',
    );
    expect(lines).toHaveLength(76);
    const arrow = await t.app.request(`${path}&format=arrow`, { headers: t.auth('analyst') });
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.numRows).toBe(75);
    const difference = json.rows.find((r) => r.run === 'difference' && r.hour_start === null)!;
    const baseline = json.rows.find((r) => r.run === 'baseline' && r.hour_start === null)!;
    const scenario = json.rows.find((r) => r.run === 'scenario' && r.hour_start === null)!;
    expect(difference.mean).toBeCloseTo(scenario.mean! - baseline.mean!, 6);
    for (const row of json.rows) {
      if (row.mean === null) continue;
      expect(row.p025!).toBeLessThanOrEqual(row.p10!);
      expect(row.p10!).toBeLessThanOrEqual(row.p90!);
      expect(row.p90!).toBeLessThanOrEqual(row.p975!);
    }
  });

  it('re-runs a saved scenario from its inputs, seed and start to the same numbers', async () => {
    const res = await post('operations_qop', first.request);
    expect(res.status).toBe(202);
    const again = await finished(
      'operations_qop',
      ((await res.json()) as { scenario: Described }).scenario.scenario_id,
    );
    expect(again.seed_hash).toBe(first.seed_hash);
    expect(again.data_version).toBe(first.data_version);
    const rows = async (scenario: string) =>
      (await (
        await t.app.request(`/api/scenarios/${scenario}?format=csv`, { headers: t.auth('admin') })
      ).text()) as string;
    expect(await rows(again.scenario_id)).toBe(await rows(id));
  });

  it('lists the scenarios marked for the brief, inside the caller’s scope', async () => {
    const listed = async (who: string) =>
      (
        (await (
          await t.app.request('/api/scenarios?in_brief=true', { headers: t.auth(who) })
        ).json()) as { scenarios: Described[] }
      ).scenarios.map((s) => s.scenario_id);
    expect(await listed('analyst_qop')).toContain(id);
    expect(await listed('regional_qwe')).toEqual([]);
    const outside = await t.app.request(`/api/scenarios/${id}`, {
      headers: t.auth('regional_qwe'),
    });
    expect(outside.status).toBe(404);
  });
});

describe('POST /api/scenarios refuses what cannot be run', () => {
  const cases: Array<[string, unknown, string]> = [
    [
      'an unknown site',
      { levers: [{ kind: 'beds', org: 'XX9', beds: 5 }] },
      'XX9 is no site, trust or ICS in this scenario',
    ],
    [
      'beds closed below none',
      { levers: [{ kind: 'beds', org: 'R0A02', beds: -41 }] },
      'leaves R0A02 with -1',
    ],
    [
      'a share outside 0–1',
      { levers: [{ kind: 'divert', org: 'R0A01', to: 'R0A02', share: 1.5 }] },
      'levers[0].share must be a number from 0 to 1',
    ],
    [
      'a start outside the horizon',
      { hours: 72, levers: [{ kind: 'arrivals', org: 'QOP', percent: 10, start_hour: 72 }] },
      'within the 72-hour horizon',
    ],
    [
      'a diversion to itself',
      { levers: [{ kind: 'divert', org: 'R0A', to: 'R0A02', share: 0.2 }] },
      'to itself',
    ],
    [
      'an unknown lever',
      { levers: [{ kind: 'magic', org: 'R0A' }] },
      'levers[0].kind must be one of',
    ],
    ['an ICS outside the scope', { ics: ['QWE'] }, 'QWE is not an ICS you may see'],
  ];
  it.each(cases)('%s: 400 with what to change', async (_, body, message) => {
    const res = await post('operations_qop', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('refuses roles under disclosure control (403)', async () => {
    const res = await post('public', plan);
    expect(res.status).toBe(403);
  });
});

describe('POST /api/scenarios/:id/brief', () => {
  const mark = (who: string, id: string, body: unknown) =>
    t.app.request(`/api/scenarios/${id}/brief`, {
      method: 'POST',
      headers: { ...t.auth(who), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const inBrief = async (who: string) =>
    (
      (await (
        await t.app.request('/api/scenarios?in_brief=true', { headers: t.auth(who) })
      ).json()) as { scenarios: Described[] }
    ).scenarios.map((s) => s.scenario_id);

  it('marks a saved scenario for the daily brief and unmarks it, within the caller’s scope', async () => {
    const res = await post('operations_qop', { ...plan, in_brief: false, name: 'later marked' });
    const id = ((await res.json()) as { scenario: Described }).scenario.scenario_id;
    await finished('operations_qop', id);
    expect(await inBrief('operations_qop')).not.toContain(id);

    const outside = await mark('regional_qwe', id, { in_brief: true });
    expect(outside.status).toBe(404);
    expect(await inBrief('operations_qop')).not.toContain(id);

    const marked = await mark('analyst_qop', id, { in_brief: true });
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as { scenario: { in_brief: boolean } }).scenario.in_brief).toBe(
      true,
    );
    expect(await inBrief('operations_qop')).toContain(id);

    expect((await mark('operations_qop', id, { in_brief: false })).status).toBe(200);
    expect(await inBrief('operations_qop')).not.toContain(id);
  });

  it.each([
    [{}, 'in_brief is required: true or false'],
    [{ in_brief: 'yes' }, 'in_brief must be true or false; got "yes"'],
    [
      { in_brief: true, name: 'x' },
      'the body must be {"in_brief": true} or {"in_brief": false}; got {"in_brief":true,"name":"x"}',
    ],
    [[true], 'the body must be {"in_brief": true} or {"in_brief": false}; got [true]'],
  ])('refuses the body %j with what to send (400)', async (body, error) => {
    const res = await mark('operations_qop', 'scn_Ab3dE5fG7hI9', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });
});
