import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.js';
import { roles, type Role } from '../../pipelines/read/index.js';
import { createToken } from '../../server/auth/token-store.js';
import type { Format, RouteSpec } from '../../server/http/route-spec.js';
import { sseReader } from './events/sse-reader.js';
import { makeTestApp, now } from './test-app.js';

/*
 * The access matrix: every route the app documents (its OpenAPI document is built from the
 * same specs, so a new route joins the matrix by being added), plus the event stream, the
 * report archive, the dashboards and the notebooks, asked by every role scoped to one ICS
 * (QOP) and by nobody, about an organisation inside the scope and one outside it, in every
 * format the route offers. Each answer must have the expected status, and no body may name an
 * organisation outside the caller's scope or, for the public, carry a count the disclosure
 * rule would not publish.
 */

const dir = mkdtempSync(join(tmpdir(), 'access-matrix-'));
const reportsDir = join(dir, 'reports');
const staticRoot = join(dir, 'static');
const notebooksRoot = join(dir, 'notebooks');
mkdirSync(staticRoot, { recursive: true });
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>dash</title>');
mkdirSync(join(notebooksRoot, 'assets'), { recursive: true });
writeFileSync(join(notebooksRoot, 'flow.html'), '<!doctype html><title>notebook</title>');
writeFileSync(join(notebooksRoot, 'assets', 'cell-2.arrow'), 'RW601 patient rows');

/** Archived renderings: for QOP and QWE operations, the QOP public, and the all-ICS public. */
const archives = [
  { audience: 'operations-QOP', role: 'operations', ics: ['QOP'], body: 'R0A' },
  { audience: 'operations-QWE', role: 'operations', ics: ['QWE'], body: 'RW6 Other Trust' },
  { audience: 'public-QOP', role: 'public', ics: ['QOP'], body: 'R0A' },
  { audience: 'public', role: 'public', ics: null, body: 'RW6 England-wide' },
].map((a) => {
  const id = `daily-brief--2024-12-01--${a.audience}`;
  const path = join(reportsDir, 'daily-brief', '2024-12-01', a.audience);
  mkdirSync(path, { recursive: true });
  const meta = {
    id,
    report: 'daily-brief',
    period: '2024-12-01',
    period_start: '2024-12-01',
    period_end: '2024-12-01',
    audience: a.audience,
    role: a.role,
    ics: a.ics,
    title: `Daily brief ${a.body}`,
    subtitle: '',
    generated_at: '2024-12-02T06:30:00Z',
    files: ['report.html'],
    figures: [],
  };
  writeFileSync(join(path, 'meta.json'), JSON.stringify(meta));
  writeFileSync(join(path, 'report.html'), `<!doctype html><p>${a.body}</p>`);
  return { ...a, id };
});

const settings = {
  api: { versionTtlMs: 0, signInRateLimit: { burst: 100_000, perSecond: 1000 } },
};
const t = await makeTestApp(settings, {
  config: { ...loadConfig({ OBSERVATORY_DATA: dir }), settings },
  staticRoot,
  notebooksRoot,
});
afterAll(() => {
  t.warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One token per role, each scoped to QOP; and nobody. */
const scoped = new Map<Role, string>();
for (const role of roles)
  scoped.set(role, (await createToken(t.warehouse.connection, { role, ics: ['QOP'] }, now)).token);
type Caller = Role | 'anonymous';
const callers: Caller[] = [...roles, 'anonymous'];

/** Codes of the other ICS (QWE) in the test warehouse: no answer to a QOP caller may hold one. */
const outside = /\b(QWE|RW6|RW601)\b/;
/** The organisation a route is asked about, inside and outside the caller's scope. */
const orgFor = {
  org: { in: 'R0A', out: 'RW6' },
  site: { in: 'R0A01', out: 'RW601' },
} as const;
type Variant = 'in' | 'out' | 'none';

/** Values for path parameters that are not organisations; a new route's parameter goes here. */
const pathSamples: Record<string, string | Record<'in' | 'out', string>> = {
  'GET /api/indicators/:id/values id': 'ae_4h_performance',
  'GET /api/indicators/:id/spc id': 'ae_4h_performance',
  'GET /api/indicators/:id/inequality id': 'ae_4h_performance',
  'POST /api/alerts/:id/ack id': { in: '101', out: '102' },
  'DELETE /api/tokens/:tokenId tokenId': 'tok_0000000000',
  'GET /api/scenarios/:id id': 'scn_Ab3dE5fG7hI9',
  'POST /api/scenarios/:id/brief id': 'scn_Ab3dE5fG7hI9',
};
const querySamples: Record<string, string> = { 'POST /api/ingest/:feed name': 'matrix.csv' };

/** Writes are sent a body that stops at validation, so the matrix changes nothing it reads. */
const writeBodies: Record<string, string> = {
  'POST /api/tokens': '{"role":"emperor"}',
  'POST /api/reports/:report/run': '{"date":"not a date"}',
  'POST /api/scenarios': '{"levers":"none"}',
  'POST /api/scenarios/:id/brief': '{"in_brief":true}',
};

/**
 * What an allowed caller inside its scope gets, where it is not 200 (with why). Anything not
 * listed must answer 200: a new route that answers otherwise fails here until it is listed.
 */
const allowedAnswers: Record<string, { statuses: number[]; why: string }> = {
  'GET /api/scenarios/:id': { statuses: [404], why: 'no scenario is stored in this warehouse' },
  'POST /api/alerts/:id/ack': { statuses: [200, 409], why: 'the first caller acknowledges it' },
  'POST /api/ingest/:feed': { statuses: [400], why: 'an empty batch is refused' },
  'POST /api/tokens': { statuses: [400], why: 'the role is not one' },
  'DELETE /api/tokens/:tokenId': { statuses: [404], why: 'no such token' },
  'POST /api/reports/:report/run': { statuses: [400], why: 'the date is not one' },
  'POST /api/scenarios': { statuses: [400], why: 'the body is not a scenario' },
  'POST /api/scenarios/:id/brief': {
    statuses: [404],
    why: 'no scenario is stored in this warehouse',
  },
};

/** Routes that show the caller its own requests (see the matrix cell). */
const echoesOwnRequests = new Set(['GET /api/audit']);

/** A parameter as the OpenAPI document describes it (the document is built from the schemas). */
interface DocumentedParam {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  schema: { enum?: string[]; pattern?: string };
}
const document = (await (await t.app.request('/api/openapi.json')).json()) as {
  paths: Record<string, Record<string, { parameters?: DocumentedParam[] }>>;
};
function paramsOf(spec: RouteSpec): DocumentedParam[] {
  const operation =
    document.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method.toLowerCase()];
  if (!operation) throw new Error(`${spec.method} ${spec.path} is not in the OpenAPI document`);
  return (operation.parameters ?? []).filter((p) => p.name !== 'format');
}
const isOrgCode = (p: DocumentedParam) => p.schema.pattern === '^[A-Z0-9]{1,12}$';

const orgParam = (spec: RouteSpec) => paramsOf(spec).find((p) => p.name in orgFor && isOrgCode(p));

function variantsOf(spec: RouteSpec): Variant[] {
  const key = `${spec.method} ${spec.path}`;
  const pathSample = paramsOf(spec).some(
    (p) => typeof pathSamples[`${key} ${p.name}`] === 'object',
  );
  const org = orgParam(spec);
  // A route whose organisation is optional is also asked without one: its whole answer.
  if (org && !org.required) return ['none', 'in', 'out'];
  return org || pathSample ? ['in', 'out'] : ['none'];
}

/**
 * The tables a download can carry (the optional `table` parameter's values, each a different
 * read): CSV and Arrow cells ask for each; [undefined] when the route has no such choice.
 */
function tablesOf(spec: RouteSpec, format: Format): Array<string | undefined> {
  const table = paramsOf(spec).find((p) => p.name === 'table' && !p.required && p.schema.enum);
  return table && format !== 'json' ? table.schema.enum! : [undefined];
}

function urlOf(spec: RouteSpec, variant: Variant, format: Format, table?: string): string {
  const key = `${spec.method} ${spec.path}`;
  let path = spec.path;
  const query = new URLSearchParams();
  for (const param of paramsOf(spec)) {
    let value: string | undefined;
    if (param.name in orgFor && isOrgCode(param)) {
      if (variant !== 'none') value = orgFor[param.name as keyof typeof orgFor][variant];
    } else if (param.in === 'path') {
      const sample = pathSamples[`${key} ${param.name}`];
      if (typeof sample === 'object') value = sample[variant === 'out' ? 'out' : 'in'];
      else value = sample ?? param.schema.enum?.[0];
      if (value === undefined)
        throw new Error(`the access matrix needs a sample for ${key} ${param.name} (pathSamples)`);
    } else if (param.required) {
      value = querySamples[`${key} ${param.name}`] ?? param.schema.enum?.[0];
      if (value === undefined)
        throw new Error(`the access matrix needs a sample for ${key} ${param.name} (querySamples)`);
    }
    if (value === undefined) continue;
    if (param.in === 'path') path = path.replace(`:${param.name}`, encodeURIComponent(value));
    else query.set(param.name, value);
  }
  if (table !== undefined) query.set('table', table);
  if (format !== 'json') query.set('format', format);
  return query.size > 0 ? `${path}?${query}` : path;
}

function expectedStatuses(spec: RouteSpec, caller: Caller, variant: Variant): number[] {
  if (spec.roles === 'anyone') return [200];
  if (caller === 'anonymous') return [401];
  if (!spec.roles.includes(caller)) return [403];
  // Every caller here is scoped: a route over every ICS at once refuses them all.
  if (spec.unscopedOnly) return [403];
  if (variant === 'out') return [404];
  return allowedAnswers[`${spec.method} ${spec.path}`]?.statuses ?? [200];
}

function headersOf(caller: Caller, spec: Pick<RouteSpec, 'method'>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (caller !== 'anonymous') headers.authorization = `Bearer ${scoped.get(caller)}`;
  if (spec.method !== 'GET') headers.origin = 'http://localhost';
  return headers;
}

/** The body as text, Arrow decoded to JSON, so one search covers every format. */
async function bodyText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if ((res.headers.get('content-type') ?? '').includes('arrow') && res.status === 200) {
    const rows = tableFromIPC(bytes)
      .toArray()
      .map((row) => row.toJSON() as Record<string, unknown>);
    return JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  }
  return new TextDecoder().decode(bytes);
}

/** Sub-national counts the public may never see: 1 to 7, or not a multiple of 5. */
function uncontrolledCounts(text: string): string[] {
  const found: string[] = [];
  const check = (row: Record<string, unknown>) => {
    if (row.org_code === 'ENG') return;
    for (const name of ['numerator', 'denominator']) {
      const value = row[name];
      if (value === null || value === undefined || value === '') continue;
      const n = Number(value);
      // A definition's numerator and denominator are words (the registry), not counts.
      if (typeof value === 'string' && Number.isNaN(n)) continue;
      if (n !== 0 && (n % 5 !== 0 || n <= 7)) found.push(`${String(row.org_code)} ${name} ${n}`);
    }
  };
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      check(value as Record<string, unknown>);
      Object.values(value).forEach(walk);
    }
  };
  if (text.startsWith('{') || text.startsWith('[')) walk(JSON.parse(text));
  else {
    const [header, ...lines] = text.trim().split('\r\n');
    const names = (header ?? '').split(',');
    for (const line of lines)
      check(Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
  }
  return found;
}

const specs = t.app.routeSpecs.filter((spec) => spec.path !== '/api/events');
const cells: Array<{
  spec: RouteSpec;
  caller: Caller;
  variant: Variant;
  format: Format;
  table?: string;
}> = [];
for (const spec of specs)
  for (const caller of callers)
    for (const variant of variantsOf(spec))
      for (const format of spec.formats)
        for (const table of tablesOf(spec, format))
          cells.push({ spec, caller, variant, format, table });

describe('the access matrix', () => {
  it('covers every route of the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(t.app.routeSpecs.map((s) => `${s.method} ${s.path}`).sort()).toEqual(documented.sort());
    console.info(
      `access matrix: ${specs.length} routes + events, ${callers.length} callers, ${cells.length} route cells`,
    );
  });

  it.each(specs.map((spec) => [`${spec.method} ${spec.path}`, spec] as const))(
    '%s',
    async (_, spec) => {
      const mine = cells.filter((cell) => cell.spec === spec);
      const failures: string[] = [];
      for (const { caller, variant, format, table } of mine) {
        const url = urlOf(spec, variant, format, table);
        const body = writeBodies[`${spec.method} ${spec.path}`];
        const headers = headersOf(caller, spec);
        // The audit log shows a caller its own requests, which in this matrix name the other
        // ICS on purpose: a fresh token per caller, whose history is clean, asks for it.
        if (echoesOwnRequests.has(`${spec.method} ${spec.path}`) && caller !== 'anonymous')
          headers.authorization = `Bearer ${(await createToken(t.warehouse.connection, { role: caller, ics: ['QOP'] }, now)).token}`;
        if (spec.method !== 'GET' && spec.requestBody) {
          headers['content-type'] = spec.requestBody.contentType;
          headers['content-length'] = String(body?.length ?? 0);
        }
        const res = await t.app.request(url, { method: spec.method, headers, body });
        const cell = `${caller} ${variant} ${format} ${spec.method} ${url}`;
        const wanted = expectedStatuses(spec, caller, variant);
        if (!wanted.includes(res.status)) failures.push(`${cell}: ${res.status}, not ${wanted}`);
        // A 404 names what was asked for; only what the service adds counts as a leak.
        const asked =
          variant === 'out' ? url.match(/=(RW6|RW601)\b|\/(10[0-9])\//)?.[1] : undefined;
        const answer = await bodyText(res);
        const text = res.status === 404 && asked ? answer.replaceAll(asked, '') : answer;
        if (caller !== 'anonymous' && outside.test(text))
          failures.push(`${cell}: names ${outside.exec(text)![0]}`);
        if (caller === 'public' || caller === 'anonymous')
          for (const count of uncontrolledCounts(text)) failures.push(`${cell}: ${count}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it('GET /api/events gives each caller only its own ICS, replay included', async () => {
    const first = t.hub.lastId;
    t.hub.publish('alert_raised', { alert_id: 102, org_code: 'RW6', title: 'RW6 alert' });
    t.hub.publish('opel_changed', { org_code: 'QWE', level: 4 });
    t.hub.publish('live_changed', { sites: ['RW601', 'R0A01'] });
    t.hub.publish('data_landed', { feed: 'ae', file: 'ae-RW6.csv', rows_in: 3 });
    const marker = t.hub.publish('opel_changed', { org_code: 'R0A', level: 2 });
    for (const caller of callers) {
      const res = await t.app.request(`/api/events?last_event_id=${first}`, {
        headers: headersOf(caller, { method: 'GET' }),
      });
      const allowed = caller !== 'anonymous' && caller !== 'public';
      expect(res.status, caller).toBe(caller === 'anonymous' ? 401 : allowed ? 200 : 403);
      if (!allowed) continue;
      const stream = sseReader(res);
      const text = await stream.readUntil((seen) => seen.includes(`id: ${marker.id}\n`));
      await stream.reader.cancel();
      expect(text, caller).toContain(`id: ${marker.id}\n`);
      expect(text, caller).not.toMatch(outside);
      expect(text, caller).not.toContain('rows_in');
    }
  });

  it('the report archive: each caller reads its own audience and scope only', async () => {
    for (const caller of callers) {
      const list = await t.app.request('/api/reports', {
        headers: headersOf(caller, { method: 'GET' }),
      });
      expect(list.status, caller).toBe(caller === 'anonymous' ? 401 : 200);
      if (caller !== 'anonymous') expect(await list.text(), caller).not.toMatch(outside);
      for (const archive of archives) {
        for (const file of ['report.html', 'meta.json']) {
          const res = await t.app.request(`/api/reports/${archive.id}?file=${file}`, {
            headers: headersOf(caller, { method: 'GET' }),
          });
          // A controlled caller reads controlled renderings only; others may read either.
          const sameClass = caller !== 'public' || archive.role === 'public';
          const readable =
            caller !== 'anonymous' &&
            sameClass &&
            archive.ics !== null &&
            archive.ics.every((c) => c === 'QOP');
          const wanted = caller === 'anonymous' ? 401 : readable ? 200 : 404;
          expect(res.status, `${caller} ${archive.id} ${file}`).toBe(wanted);
          const text = (await res.text()).replaceAll(archive.id, '');
          if (caller !== 'anonymous') expect(text).not.toMatch(outside);
        }
      }
    }
  });

  it('the dashboards and notebooks: pages behind sign-in, no data file for anyone', async () => {
    for (const caller of callers) {
      const headers = headersOf(caller, { method: 'GET' });
      const signedIn = caller !== 'anonymous';
      for (const path of ['/index.html', '/notebooks/flow.html']) {
        const res = await t.app.request(path, { headers });
        expect(res.status, `${caller} ${path}`).toBe(signedIn ? 200 : 303);
      }
      const data = await t.app.request('/notebooks/assets/cell-2.arrow', { headers });
      expect(data.status, caller).toBe(signedIn ? 404 : 303);
      expect(await data.text()).not.toMatch(outside);
    }
  });
});
