import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorRegistry } from '../../pipelines/indicators/index.js';
import { schemaVersion } from '../../pipelines/warehouse/migrate.js';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

async function get(path: string, who = 'admin', headers: Record<string, string> = {}) {
  return t.app.request(path, { headers: { ...t.auth(who), ...headers } });
}

/** CSV parsed per RFC 4180 (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  return rows;
}

describe('GET /api/orgs', () => {
  it('answers JSON rows with an ETag and revalidation headers', async () => {
    const res = await get('/api/orgs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { data_version: number; rows: Array<{ org_code: string }> };
    expect(body.data_version).toBe(7);
    expect(body.rows.map((r) => r.org_code)).toEqual([
      'ENG',
      'Y62',
      'QOP',
      'QWE',
      'R0A',
      'RW6',
      'R0A01',
      'R0A02',
      'RW601',
    ]);
  });

  it('answers 304 to If-None-Match with the current ETag, and a new ETag once data changes', async () => {
    const first = await get('/api/orgs?type=trust');
    const etag = first.headers.get('etag')!;
    const again = await get('/api/orgs?type=trust', 'admin', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await t.warehouse.connection.run('UPDATE data_version SET version = version + 1');
    const changed = await get('/api/orgs?type=trust', 'admin', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await t.warehouse.connection.run('UPDATE data_version SET version = version - 1');
  });

  it('gives different ETags to different formats, roles and scopes of the same path', async () => {
    const tags = new Set<string>();
    for (const [who, query] of [
      ['admin', ''],
      ['admin', '?format=csv'],
      ['analyst', ''],
      ['analyst_qop', ''],
    ] as const) {
      tags.add((await get(`/api/orgs${query}`, who)).headers.get('etag')!);
    }
    expect(tags.size).toBe(4);
  });
});

describe('formats: JSON, CSV and Arrow carry the same rows', () => {
  const routes = [
    '/api/orgs',
    '/api/indicators/ae_4h_performance/values?org=R0A',
    '/api/indicators/ae_4h_performance/values?org=R0A&by=imd_quintile',
    '/api/forecasts',
    '/api/alerts',
    '/api/live?table=wards',
    '/api/opel',
    '/api/feeds',
  ];
  it.each(routes)('%s', async (path) => {
    const sep = path.includes('?') ? '&' : '?';
    const json = (await (await get(path)).json()) as Record<string, Array<Record<string, unknown>>>;
    const key = path.startsWith('/api/live')
      ? 'wards'
      : path.startsWith('/api/opel')
        ? 'history'
        : path.startsWith('/api/feeds')
          ? 'files'
          : 'rows';
    const rows = json[key]!;
    expect(rows.length).toBeGreaterThan(0);

    const arrowRes = await get(path, 'admin', { accept: 'application/vnd.apache.arrow.stream' });
    expect(arrowRes.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrowRes.arrayBuffer()));
    expect(table.numRows).toBe(rows.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(rows[0]!));
    const arrowRows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
    arrowRows.forEach((row, i) => {
      for (const [name, value] of Object.entries(rows[i]!)) {
        const got = row[name];
        if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value))
          expect(new Date(got as number).toISOString()).toBe(value);
        else if (value !== null && typeof value === 'object')
          expect(JSON.parse(got as string)).toEqual(value);
        else expect(got).toEqual(value);
      }
    });

    const csvRes = await get(`${path}${sep}format=csv`);
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = parseCsv(await csvRes.text());
    expect(header).toEqual(Object.keys(rows[0]!));
    expect(lines.length).toBe(rows.length);
    lines.forEach((line, i) => {
      header!.forEach((name, c) => {
        const value = rows[i]![name];
        const text =
          value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        if (typeof value === 'object' && value !== null)
          expect(JSON.parse(line[c]!)).toEqual(value);
        else expect(line[c]).toBe(text);
      });
    });
  });

  it('quotes CSV fields holding commas and quotes', async () => {
    const text = await (await get('/api/orgs?type=trust', 'admin', { accept: 'text/csv' })).text();
    expect(text).toContain('"Manchester Trust, ""Central"""');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('dictionary-encodes strings in Arrow', async () => {
    const res = await get('/api/indicators/ae_4h_performance/values?format=arrow');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(String(table.schema.fields.find((f) => f.name === 'org_code')!.type)).toMatch(
      /^Dictionary</,
    );
    expect(String(table.schema.fields.find((f) => f.name === 'period_start')!.type)).toMatch(
      /^Timestamp/,
    );
  });

  it('answers 406 for a format a route does not offer', async () => {
    const res = await get('/api/indicators/ae_4h_performance/spc?org=R0A&format=csv');
    expect(res.status).toBe(406);
    expect(((await res.json()) as { error: string }).error).toContain('available as json');
  });
});

describe('indicator routes', () => {
  it('GET /api/indicators lists the registry', async () => {
    const body = (await (await get('/api/indicators', 'public')).json()) as {
      indicators: Array<{ id: string }>;
    };
    expect(body.indicators.map((i) => i.id)).toEqual(indicatorRegistry.map((i) => i.id));
  });

  it('GET values filters by grain, dates and breakdown', async () => {
    const body = (await (
      await get('/api/indicators/ae_4h_performance/values?org=QOP&from=2024-03-01&to=2024-05-01')
    ).json()) as {
      rows: Array<{ period_start: string; org_code: string }>;
    };
    expect(body.rows.map((r) => r.period_start.slice(0, 10))).toEqual([
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
    ]);
  });

  it('GET spc runs XmR over the total series with the polarity and target', async () => {
    const body = (await (await get('/api/indicators/ae_4h_performance/spc?org=R0A')).json()) as {
      improvement: string;
      target: number;
      series: Array<{ value: number }>;
      spc: { points: Array<{ mean: number; upperLimit: number | null }>; warnings: string[] };
    };
    expect(body.improvement).toBe('up');
    // The standard in force at the latest point (December 2024): 76% by March 2024.
    expect(body.target).toBe(0.76);
    expect(body.series).toHaveLength(12);
    expect(body.spc.points).toHaveLength(12);
    // The centre line is the series mean; twelve points are too few for limits (13 needed).
    const mean = body.series.reduce((sum, p) => sum + p.value, 0) / 12;
    for (const point of body.spc.points) {
      expect(point.mean).toBeCloseTo(mean, 9);
      expect(point.upperLimit).toBeNull();
    }
    expect(body.spc.warnings).toEqual([expect.stringContaining('fewer than 13: no limits shown')]);
  });

  it('GET inequality gives the latest period’s groups and the summary', async () => {
    const body = (await (
      await get('/api/indicators/ae_4h_performance/inequality?org=R0A')
    ).json()) as {
      groups: Array<{ category: string }>;
      summary: Array<{ sii: number; rii: number }>;
    };
    expect(body.groups.map((g) => g.category)).toEqual(['1', '2', '3']);
    expect(body.summary[0]).toMatchObject({ sii: 0.4, rii: 1.8 });
  });

  it.each([
    [
      '/api/indicators/ae_4h_performance/values?grain=yearly',
      400,
      'grain must be one of hour, day, week, month; got "yearly"',
    ],
    [
      '/api/indicators/ae_attendance_rate/values?grain=hour',
      400,
      'grain must be one of day, week, month for indicator ae_attendance_rate; got "hour"',
    ],
    [
      '/api/indicators/ae_4h_performance/values?by=postcode',
      400,
      'by must be one of total, imd_decile',
    ],
    [
      '/api/indicators/ae_4h_performance/values?from=2024-02-30',
      400,
      'from must be a date written YYYY-MM-DD; got "2024-02-30"',
    ],
    ['/api/indicators/ae_4h_performance/values?colour=red', 400, 'unknown parameter "colour"'],
    ['/api/indicators/ae_4h_performance/values?org=R0A&org=RW6', 400, 'org was given 2 times'],
    ['/api/indicators/nope/values', 404, 'no indicator "nope"'],
    ['/api/indicators/ae_4h_performance/spc', 400, 'org is required'],
    [
      '/api/indicators/ae_4h_performance/values?org=ZZZ',
      404,
      'no organisation ZZZ that you can see',
    ],
  ])('%s → %i', async (path, status, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; request_id: string };
    expect(body.error).toContain(message);
    expect(body.request_id).toBeTruthy();
  });
});

describe('disclosure control', () => {
  it('suppresses 1–7, rounds to 5 and recomputes percentages for the public role, and says so', async () => {
    const res = await get(
      '/api/indicators/ae_4h_performance/values?org=R0A&by=imd_quintile',
      'public',
    );
    expect(res.headers.get('x-disclosure-control')).toBe(
      'nhs-small-numbers; suppress=1-7; round=5',
    );
    const body = (await res.json()) as {
      disclosure: { rule: string };
      rows: Array<Record<string, number | null>>;
    };
    expect(body.disclosure.rule).toBe('nhs-small-numbers');
    expect(body.rows[0]).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      lower: null,
    });
    expect(body.rows[1]).toMatchObject({ numerator: 100, denominator: 125, value: 0.8 });
    expect(body.rows[2]).toMatchObject({ numerator: 0, denominator: 10, value: 0 });
  });

  it('leaves national (ENG) figures alone and other roles uncontrolled', async () => {
    const eng = (await (
      await get('/api/indicators/ae_4h_performance/values?org=ENG&by=imd_quintile', 'public')
    ).json()) as {
      rows: Array<{ numerator: number }>;
    };
    expect(eng.rows[0]!.numerator).toBe(3);
    const analyst = await get(
      '/api/indicators/ae_4h_performance/values?org=R0A&by=imd_quintile',
      'analyst',
    );
    expect(analyst.headers.get('x-disclosure-control')).toBeNull();
    expect(((await analyst.json()) as { disclosure: unknown }).disclosure).toBeNull();
  });

  it('controls counts: 5 attendances suppressed, 212 shown as 210', async () => {
    const body = (await (
      await get('/api/indicators/ae_attendances/values?org=R0A01&grain=day', 'public')
    ).json()) as {
      rows: Array<{ value: number | null }>;
    };
    expect(body.rows.map((r) => r.value)).toEqual([null, 210]);
  });

  it('applies to the SPC series too', async () => {
    const body = (await (
      await get('/api/indicators/ae_attendances/spc?org=R0A01&grain=day', 'public')
    ).json()) as {
      series: Array<{ value: number }>;
    };
    expect(body.series.map((p) => p.value)).toEqual([210]);
  });
});

describe('live, OPEL, forecasts and alerts', () => {
  it('GET /api/live returns sites, wards, latest OPEL and open alerts', async () => {
    const body = (await (await get('/api/live', 'operations')).json()) as Record<string, unknown[]>;
    expect(body.sites).toHaveLength(2);
    expect(body.wards).toHaveLength(2);
    expect(body.opel).toHaveLength(2);
    expect(body.alerts).toHaveLength(3);
  });

  it('GET /api/opel gives the latest level per org, the history and each day at 08:00', async () => {
    const body = (await (await get('/api/opel?org=R0A')).json()) as {
      latest: Array<{ level: number }>;
      history: unknown[];
      daily: Array<{ org_code: string; assessed_at: string; level: number }>;
    };
    expect(body.latest.map((r) => r.level)).toEqual([3]);
    expect(body.history).toHaveLength(2);
    expect(body.daily.map((r) => [r.assessed_at, r.level])).toEqual([
      ['2024-11-30T08:00:00.000Z', 2],
      ['2024-12-01T08:00:00.000Z', 2],
      ['2024-12-02T08:00:00.000Z', 3],
    ]);
    const scoped = (await (await get('/api/opel?from=2024-12-01', 'analyst_qop')).json()) as {
      daily: Array<{ org_code: string }>;
    };
    expect(scoped.daily.map((r) => r.org_code)).toEqual(['R0A', 'R0A']);
    const csv = await (await get('/api/opel?org=R0A&table=daily&format=csv')).text();
    expect(csv.split('\r\n')[3]).toMatch(/^R0A,.*,2024-12-02T08:00:00.000Z,3,2.6,/);
  });

  it('GET /api/forecasts serves only the latest run', async () => {
    const body = (await (await get('/api/forecasts?site=R0A01')).json()) as {
      rows: Array<{ generated_at: string }>;
    };
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]!.generated_at).toBe('2024-12-02T10:00:00.000Z');
  });

  it('POST /api/alerts/:id/ack acknowledges once, then 409, and the alert list changes at once', async () => {
    const before = (await (await get('/api/alerts?status=open')).json()) as { rows: unknown[] };
    const res = await t.app.request('/api/alerts/101/ack', {
      method: 'POST',
      headers: t.auth('operations'),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('acknowledged');
    const after = (await (await get('/api/alerts?status=open')).json()) as { rows: unknown[] };
    expect(after.rows.length).toBe(before.rows.length - 1);
    const again = await t.app.request('/api/alerts/101/ack', {
      method: 'POST',
      headers: t.auth('operations'),
    });
    expect(again.status).toBe(409);
    const analyst = await t.app.request('/api/alerts/102/ack', {
      method: 'POST',
      headers: t.auth('analyst'),
    });
    expect(analyst.status).toBe(403);
  });
});

describe('feeds and ingest', () => {
  it('GET /api/feeds gives status, ledger with reconciliation, runs and quarantine by reason', async () => {
    const body = (await (await get('/api/feeds')).json()) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    expect(body.files![0]).toMatchObject({ file_name: 'ae-2024-12-01.csv', is_reconciled: true });
    expect(body.quarantine_by_reason![0]).toMatchObject({
      reason_code: 'nhs_number_checksum',
      rows: 1,
    });
    const status = body.status as unknown as { feeds: Array<Record<string, unknown>> };
    expect(status.feeds.find((f) => f.feed === 'ae')).toMatchObject({
      files_loaded: 1,
      rows_in: 10,
      rows_loaded: 8,
      rows_quarantined: 1,
      rows_duplicate: 1,
      last_file_name: 'ae-2024-12-01.csv',
    });
  });

  it('GET /api/feeds/:feed/quarantine pages and filters by reason', async () => {
    const body = (await (
      await get('/api/feeds/ae/quarantine?reason=nhs_number_checksum&limit=10')
    ).json()) as { rows: unknown[] };
    expect(body.rows).toHaveLength(1);
    const none = (await (await get('/api/feeds/ae/quarantine?offset=1')).json()) as {
      rows: unknown[];
    };
    expect(none.rows).toHaveLength(0);
    expect((await get('/api/feeds/xray/quarantine')).status).toBe(400);
  });

  it('POST /api/ingest/:feed loads the batch through the engine and returns the reconciliation', async () => {
    // Four A&E rows: three at sites of the warehouse, one at a site it does not know.
    const csv = readFileSync(new URL('../fixtures/feeds/ae/clean.csv', import.meta.url));
    const res = await t.app.request('/api/ingest/ae?name=push-1.csv', {
      method: 'POST',
      headers: { ...t.auth('operations'), 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { feed: string; name: string; result: unknown };
    expect(body).toMatchObject({ feed: 'ae', name: 'push-1.csv' });
    expect(body.result).toMatchObject({
      status: 'loaded',
      fileName: 'push-1.csv',
      rowsIn: 4,
      loaded: 3,
      quarantined: 1,
      duplicate: 0,
    });
    expect(t.ingestCalls.at(-1)).toEqual({ feed: 'ae', fileName: 'push-1.csv', bytes: csv.length });
    const ledger = await t.warehouse.connection.runAndReadAll(
      `SELECT q.line_number, q.reason_code FROM quarantine q JOIN ingest_file i USING (file_id)
        WHERE i.file_name = 'push-1.csv'`,
    );
    expect(ledger.getRowObjectsJS()).toEqual([{ line_number: 5n, reason_code: 'unknown_site' }]);
    const again = await t.app.request('/api/ingest/ae?name=push-1-again.csv', {
      method: 'POST',
      headers: { ...t.auth('operations'), 'content-type': 'text/csv' },
      body: csv,
    });
    expect(((await again.json()) as { result: { status: string } }).result.status).toBe(
      'skipped_duplicate_file',
    );
  });

  it('refuses empty, unnamed, unreadable and oversized bodies with 4xx', async () => {
    const post = (path: string, body: BodyInit, who = 'operations') =>
      t.app.request(path, {
        method: 'POST',
        headers: { ...t.auth(who), 'content-type': 'application/octet-stream' },
        body,
      });
    expect((await post('/api/ingest/ae?name=x.csv', '')).status).toBe(400);
    expect((await post('/api/ingest/ae', 'a\n1\n')).status).toBe(400);
    expect((await post('/api/ingest/ae?name=../../etc/passwd', 'a\n1\n')).status).toBe(400);
    const unreadable = await post('/api/ingest/ae?name=bin.csv', new Uint8Array([0, 1, 2, 3]));
    expect(unreadable.status).toBe(422);
    expect(((await unreadable.json()) as { error: string }).error).toContain('undecodable');
    expect((await post('/api/ingest/ae?name=x.csv', 'a\n1\n', 'analyst')).status).toBe(403);
  });

  it('answers 413 beyond the configured body limit', async () => {
    const small = await makeTestApp({ api: { maxIngestBytes: 1000, versionTtlMs: 0 } });
    const res = await small.app.request('/api/ingest/ae?name=big.csv', {
      method: 'POST',
      headers: {
        ...small.auth('admin'),
        'content-length': '5000',
        'content-type': 'application/octet-stream',
      },
      body: 'x'.repeat(5000),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain('limit of 1000 bytes');
    expect(small.ingestCalls).toHaveLength(0);
    small.warehouse.close();
  });
});

describe('health, docs and hygiene', () => {
  it('GET /api/health is open, with detail only for signed-in staff', async () => {
    const open = (await (await t.app.request('/api/health')).json()) as Record<string, unknown>;
    expect(open).toMatchObject({
      status: 'ok',
      schema_version: await schemaVersion(t.warehouse.connection),
    });
    expect(open.feeds).toBeUndefined();
    const staff = (await (await get('/api/health', 'operations')).json()) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    const ledger = await t.warehouse.connection.runAndReadAll(
      "SELECT count(*)::INTEGER AS n FROM ingest_file WHERE feed = 'ae'",
    );
    expect(staff.feeds![0]).toMatchObject({ feed: 'ae', files: ledger.getRowObjectsJS()[0]!.n });
    expect(staff.delivery_failures![0]).toMatchObject({
      report: 'weekly',
      recipient: 'withheld',
      last_error: 'withheld',
    });
    const admin = (await (await get('/api/health', 'admin')).json()) as typeof staff;
    expect(admin.delivery_failures![0]).toMatchObject({
      report: 'weekly',
      last_error: 'connection refused',
    });
    expect((await t.app.request('/api/ready')).status).toBe(200);
  });

  it('GET /api/openapi.json documents every mounted route', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of t.app.routeSpecs) {
      expect(
        doc.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method.toLowerCase()],
      ).toBeTruthy();
    }
  });

  it('GET /api/docs is a self-contained page with no script', async () => {
    const res = await t.app.request('/api/docs');
    const page = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('/api/indicators/{id}/values');
    expect(page).not.toMatch(/<script|https?:\/\/(?!localhost)/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers unknown routes with 404 JSON and sets security headers', async () => {
    const res = await get('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('logs each request as structured fields with its request id', async () => {
    await get('/api/orgs', 'admin', { 'x-request-id': 'trace-123' });
    expect(
      t.logs.some(
        (l) =>
          l.fields?.request_id === 'trace-123' &&
          l.fields?.status === 200 &&
          l.fields?.path === '/api/orgs',
      ),
    ).toBe(true);
  });

  it('records data requests in audit_log; analysts read their own, admins all', async () => {
    await get('/api/orgs', 'analyst_qop', { 'x-request-id': 'audit-me' });
    const own = (await (await get('/api/audit', 'analyst_qop')).json()) as {
      rows: Array<Record<string, unknown>>;
    };
    expect(own.rows.every((r) => r.role === 'analyst')).toBe(true);
    expect(own.rows.find((r) => r.request_id === 'audit-me')).toMatchObject({
      route: '/api/orgs',
      status: 200,
      method: 'GET',
    });
    const all = (await (await get('/api/audit?limit=1000')).json()) as {
      rows: Array<Record<string, unknown>>;
    };
    expect(new Set(all.rows.map((r) => r.role)).size).toBeGreaterThan(2);
    expect((await get('/api/audit', 'public')).status).toBe(403);
  });

  it('rate-limits per token with 429 and Retry-After', async () => {
    const limited = await makeTestApp({
      api: { rateLimit: { burst: 3, perSecond: 0.5 }, versionTtlMs: 0 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await limited.app.request('/api/orgs', { headers: limited.auth('analyst') })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await limited.app.request('/api/orgs', { headers: limited.auth('analyst') });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (await limited.app.request('/api/orgs', { headers: limited.auth('admin') })).status,
    ).toBe(200);
    limited.warehouse.close();
  });

  it('turns an unexpected failure into a bare 500 with a request id, logged', async () => {
    const broken = await makeTestApp();
    await broken.warehouse.connection.run('DROP TABLE forecast');
    const res = await broken.app.request('/api/forecasts', { headers: broken.auth('admin') });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; request_id: string };
    expect(body.error).not.toMatch(/forecast|duckdb|at /i);
    expect(
      broken.logs.some((l) => l.level === 'error' && l.fields?.request_id === body.request_id),
    ).toBe(true);
    broken.warehouse.close();
  });
});
