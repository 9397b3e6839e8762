import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRows } from '../../dashboards/layout/api-client.js';
import { observatoryClient } from '../../notebooks/client/observatory-client.js';
import { serveApp } from '../../server/serve-app.js';
import { makeTestApp, type TestApp } from './test-app.js';

/*
 * GET /api/indicators/:id/values without org= answers in pages: following `next` (JSON) or
 * the Link header (CSV, Arrow) gives exactly the rows that asking organisation by organisation
 * gives — in scope, disclosure-controlled the same way — each page at most `limit` rows and
 * ending at a whole organisation and period.
 */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  // 7 organisations × 300 days × 6 quintile groups, small counts among them.
  await t.warehouse.connection.run(`
    INSERT INTO indicator_value
    SELECT 'ae_4h_performance', o.org, 'day', TIMESTAMP '2023-01-01' + INTERVAL (d) DAY, 'imd_quintile', q.cat,
           n, n + k, n / (n + k) * 100, NULL, NULL
    FROM (VALUES ('ENG'), ('QOP'), ('QWE'), ('R0A'), ('RW6'), ('R0A01'), ('RW601')) o(org),
         range(300) r(d),
         (VALUES ('1'), ('2'), ('3'), ('4'), ('5'), ('Unknown')) q(cat),
         LATERAL (SELECT (hash(o.org, d, q.cat) % 40)::DOUBLE AS n,
                         (hash(d, q.cat, o.org) % 30)::DOUBLE + 1 AS k)`);
});
afterAll(() => t.warehouse.close());

const path = '/api/indicators/ae_4h_performance/values';
const query = 'grain=day&by=imd_quintile';

async function get(url: string, caller: string, accept = 'application/json') {
  return t.app.request(url, { headers: { ...t.auth(caller), accept } });
}

type Row = Record<string, unknown>;
const key = (row: Row) => `${String(row.org_code)} ${String(row.period_start)}`;

/** Every page's rows, following `next` from the first page. */
async function allPages(caller: string, first: string) {
  const pages: Row[][] = [];
  let url: string | null = first;
  while (url) {
    const res = await get(url, caller);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: Row[]; next: string | null };
    expect(res.headers.get('link')).toBe(body.next ? `<${body.next}>; rel="next"` : null);
    pages.push(body.rows);
    url = body.next;
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

/** The same rows asked organisation by organisation (each answer whole), in code order. */
async function byOrganisation(caller: string) {
  const orgs = (await (await get('/api/orgs', caller)).json()) as { rows: Row[] };
  const rows: Row[] = [];
  for (const code of orgs.rows.map((o) => String(o.org_code)).sort()) {
    const res = await get(`${path}?${query}&org=${code}`, caller);
    const body = (await res.json()) as { rows: Row[]; next: string | null };
    expect(body.next).toBeNull();
    rows.push(...body.rows);
  }
  return rows;
}

describe('GET /values without org= is paged', () => {
  for (const caller of ['analyst', 'public', 'analyst_qop', 'public_qop']) {
    it(`pages hold exactly the rows asked organisation by organisation (${caller})`, async () => {
      const pages = await allPages(caller, `${path}?${query}&limit=1000`);
      expect(pages.length).toBeGreaterThan(3);
      for (const [i, page] of pages.entries()) {
        expect(page.length).toBeLessThanOrEqual(1000);
        if (i < pages.length - 1) {
          // a page ends at a whole organisation and period: the next one starts a new one
          expect(key(pages[i + 1]![0]!)).not.toBe(key(page.at(-1)!));
          expect(page.length).toBeGreaterThan(900);
        }
      }
      expect(pages.flat()).toEqual(await byOrganisation(caller));
      if (caller.endsWith('_qop'))
        expect(new Set(pages.flat().map((r) => r.org_code))).toEqual(
          new Set(['ENG', 'QOP', 'R0A', 'R0A01']),
        );
    });
  }

  it('pages by default (10,000 rows) and answers with org= whole', async () => {
    const res = await get(`${path}?${query}`, 'analyst');
    const body = (await res.json()) as { rows: Row[]; next: string | null };
    expect(body.rows.length).toBeLessThanOrEqual(10_000);
    expect(body.rows.length).toBeGreaterThan(9_000);
    expect(body.next).toMatch(/^\/api\/indicators\/ae_4h_performance\/values\?.*cursor=/);
    const whole = (await (await get(`${path}?${query}&org=R0A`, 'analyst')).json()) as {
      rows: Row[];
      next: string | null;
    };
    expect(whole.rows.length).toBe(1800);
    expect(whole.next).toBeNull();
  });

  it('CSV and Arrow pages link to the next with a Link header', async () => {
    for (const [format, count] of [
      ['csv', (text: Buffer) => text.toString('utf8').trim().split('\n').length - 1],
      ['arrow', (bytes: Buffer) => tableFromIPC(bytes).numRows],
    ] as const) {
      let url: string | null = `${path}?${query}&limit=5000&format=${format}`;
      let rows = 0;
      let pages = 0;
      while (url) {
        const res = await get(url, 'analyst_qop');
        expect(res.status).toBe(200);
        rows += count(Buffer.from(await res.arrayBuffer()));
        pages++;
        const link = res.headers.get('link');
        url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
        if (url) expect(url).toContain(`format=${format}`);
      }
      expect({ format, rows, pages }).toEqual({ format, rows: 7_200, pages: 2 });
    }
  });

  it('refuses a cursor it did not make and a page under 1,000 rows, in words', async () => {
    for (const bad of ['nonsense', Buffer.from('["qwe", 1]').toString('base64url'), 'a/b']) {
      const res = await get(`${path}?${query}&cursor=${bad}`, 'analyst');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/cursor/);
    }
    const small = await get(`${path}?${query}&limit=10`, 'analyst');
    expect(small.status).toBe(400);
  });

  it('a cursor never reaches outside the caller’s scope', async () => {
    // A cursor pointing into QWE's codes, from an unscoped caller's pages, given to a QOP one.
    const pages = await allPages('analyst', `${path}?${query}&limit=5000`);
    expect(pages.length).toBeGreaterThan(2);
    const first = (await (await get(`${path}?${query}&limit=5000`, 'analyst')).json()) as {
      next: string;
    };
    const res = await get(first.next, 'analyst_qop');
    const body = (await res.json()) as { rows: Row[] };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(
      body.rows.every((r) => ['ENG', 'QOP', 'R0A', 'R0A01'].includes(String(r.org_code))),
    ).toBe(true);
  });

  it('the notebook client and the dashboards read every page', async () => {
    const expected = await byOrganisation('analyst_qop');
    const server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${server.port}`;
    const token = t.tokens.analyst_qop!;
    const original = globalThis.fetch;
    try {
      const client = observatoryClient({ baseUrl: base, token });
      const table = await client.table(path, { grain: 'day', by: 'imd_quintile', limit: '1000' });
      expect(table.numRows).toBe(expected.length);
      expect(table.getChild('org_code')!.toArray()).toEqual(expected.map((r) => r.org_code));
      // The pages' own fetch, with the origin and token a browser would add.
      globalThis.fetch = (input, init) =>
        original(`${base}${String(input)}`, {
          ...init,
          headers: { ...(init?.headers as object), authorization: `Bearer ${token}` },
        });
      const { rows } = await getRows<Row>(`${path}?${query}&limit=1000`);
      expect(rows.map((r) => r.category)).toEqual(expected.map((r) => r.category));
      expect(rows.length).toBe(expected.length);
    } finally {
      globalThis.fetch = original;
      await server.close();
    }
  });
});
