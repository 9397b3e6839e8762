import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

/*
 * Each route's parameters and JSON body are zod schemas: the same schema checks the request
 * (a 400 naming the parameter, what it must be and what was sent) and writes the OpenAPI
 * document. These tests read both sides of that one definition.
 */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
}

async function operation(path: string, method: string): Promise<Operation> {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return doc.paths[path]![method]!;
}

async function errorOf(path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, {
    ...init,
    headers: { ...t.auth('admin'), ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, error: ((await res.json()) as { error?: string }).error };
}

describe('parameters', () => {
  it.each([
    ['/api/journey?org=QOP&days=0', 'days must be a whole number from 1 to 92; got "0"'],
    ['/api/journey?org=QOP&days=2.5', 'days must be a whole number from 1 to 92; got "2.5"'],
    ['/api/journey?days=3', 'org is required: organisation code (site, trust, ICS or region)'],
    [
      '/api/journey?org=qop',
      'org must be an organisation code of 1–12 capital letters or digits (e.g. QOP); got "qop"',
    ],
    [
      '/api/alerts?status=closed',
      'status must be one of open, acknowledged, resolved; got "closed"',
    ],
    [
      '/api/feeds/ae/quarantine?reason=Bad%20Row',
      'reason must be a reason code of lower-case letters, digits and _ (GET /api/feeds lists them); got "Bad Row"',
    ],
    ['/api/alerts/0/ack', 'id must be a whole number from 1 to 9007199254740991; got "0"'],
    ['/api/orgs?format=xml', 'format must be one of json, csv, arrow; got "xml"'],
  ])('%s → 400 %s', async (path, message) => {
    const method = path.endsWith('/ack') ? 'POST' : 'GET';
    const headers: Record<string, string> = method === 'POST' ? { origin: 'http://localhost' } : {};
    expect(await errorOf(path, { method, headers })).toEqual({ status: 400, error: message });
  });

  it('takes an empty value as absent, as a form sends an empty field', async () => {
    const res = await t.app.request('/api/opel?org=&from=&to=', { headers: t.auth('admin') });
    expect(res.status).toBe(200);
  });

  it('hands the handler typed values with their defaults', async () => {
    const res = await t.app.request('/api/feeds/ae/quarantine', { headers: t.auth('admin') });
    expect(res.status).toBe(200);
    const audit = await t.app.request('/api/audit?limit=1', { headers: t.auth('admin') });
    expect(((await audit.json()) as { rows: unknown[] }).rows).toHaveLength(1);
  });
});

describe('the OpenAPI document is written from the same schemas', () => {
  it('documents each parameter with its type, bounds, default and whether it is required', async () => {
    const journey = await operation('/api/journey', 'get');
    const byName = Object.fromEntries(journey.parameters!.map((p) => [p.name, p]));
    expect(byName.org).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'string', pattern: '^[A-Z0-9]{1,12}$' },
    });
    expect(byName.days).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 92, default: 7 },
    });
    expect(byName.to).toMatchObject({ required: false, schema: { format: 'date' } });
    expect(byName.format!.schema.enum).toEqual(['json', 'csv', 'arrow']);
    const ack = await operation('/api/alerts/{id}/ack', 'post');
    expect(ack.parameters!.find((p) => p.name === 'id')).toMatchObject({
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    });
  });

  it('documents a JSON body from the schema that checks it', async () => {
    const create = await operation('/api/tokens', 'post');
    const schema = create.requestBody!.content['application/json']!.schema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.properties.role!.enum).toEqual([
      'admin',
      'operations',
      'analyst',
      'regional',
      'public',
    ]);
    expect(schema.properties.label).toMatchObject({ type: 'string', maxLength: 200 });
    expect(schema.required).toEqual(['role']);
    const refused = await errorOf('/api/tokens', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'analyst', label: 'x'.repeat(201) }),
    });
    expect(refused).toEqual({
      status: 400,
      error: `label must be text of at most 200 characters; got "${'x'.repeat(79)}…`,
    });
  });
});
