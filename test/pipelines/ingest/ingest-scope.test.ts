import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestBytes,
  OutOfScopeError,
  type IngestEffects,
  feedStatus,
} from '../../../pipelines/ingest/index.js';
import {
  openWarehouse,
  type Warehouse,
  seedReference,
} from '../../../pipelines/warehouse/index.js';
import { loadConfig } from '../../../pipelines/config.js';
import { acknowledgeAlert, indicatorRegistry, xmr } from '../../../pipelines/indicators/index.js';
import { createToken } from '../../../server/auth/token-store.js';
import { createApp } from '../../../server/create-app.js';
import { EventHub } from '../../../server/events/event-hub.js';

const referenceDir = join(import.meta.dirname, '..', '..', '..', 'data', 'reference');
const header =
  'Snapshot_Date,Provider_Code,Site_Code,Bed_Type,Core_Beds_Available,Escalation_Beds_Available,Beds_Occupied,Void_Beds,LoS_7_Plus,LoS_14_Plus,LoS_21_Plus';
const xqa = '2025-06-10,XA4,XA401,adult_ga,400,12,395,6,160,80,40';
const xqb = '2025-06-10,XB1,XB101,adult_ga,300,0,290,3,120,60,30';
const file = (...rows: string[]) => new TextEncoder().encode([header, ...rows, ''].join('\n'));

let warehouse: Warehouse;
let effects: IngestEffects;
const tmp = mkdtempSync(join(tmpdir(), 'ingest-scope-'));

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await seedReference(warehouse.connection, referenceDir);
  const quiet = () => undefined;
  effects = {
    connection: warehouse.connection,
    now: () => new Date('2025-06-11T09:00:00Z'),
    log: { info: quiet, warn: quiet, error: quiet },
    pseudonymKeyHex: '5e'.repeat(32),
    tmpDir: tmp,
  };
}, 60_000);
afterAll(() => {
  warehouse.close();
  rmSync(tmp, { recursive: true, force: true });
});

const count = async (table: string) =>
  Number(
    (await warehouse.connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]![0],
  );

describe('ingestBytes with a sender scope', () => {
  it('refuses a whole file holding a row for another ICS, and keeps nothing of it', async () => {
    const attempt = ingestBytes('sitrep', 'mixed.csv', file(xqa, xqb), effects, {
      scope: ['XQA'],
    });
    await expect(attempt).rejects.toBeInstanceOf(OutOfScopeError);
    await expect(attempt).rejects.toThrow(/XB101.*outside this token's scope \(XQA\)/);
    expect(await count('ingest_file')).toBe(0);
    expect(await count('bed_sitrep')).toBe(0);
  });

  it('loads a file whose every row is inside the scope, and the refused bytes for an unscoped sender', async () => {
    const own = await ingestBytes('sitrep', 'own.csv', file(xqa), effects, { scope: ['XQA'] });
    expect(own).toMatchObject({ status: 'loaded', loaded: 1 });
    const all = await ingestBytes('sitrep', 'mixed.csv', file(xqa, xqb), effects, { scope: null });
    expect(all.status).toBe('loaded');
  });
});

describe('POST /api/ingest/:feed with a scoped operations token', () => {
  it('answers 403 naming the site outside the scope, and loads nothing', async () => {
    const app = createApp({
      connection: warehouse.connection,
      config: { ...loadConfig({ OBSERVATORY_DATA: tmp }), settings: {} },
      now: effects.now,
      log: effects.log,
      registry: indicatorRegistry,
      ingest: (feed, name, bytes, scope) => ingestBytes(feed, name, bytes, effects, { scope }),
      feedStatus: (connection) => feedStatus(connection),
      xmr,
      acknowledgeAlert,
      events: new EventHub(),
    });
    const { token } = await createToken(
      warehouse.connection,
      { role: 'operations', ics: ['XQA'] },
      effects.now(),
    );
    const files = await count('ingest_file');
    const fresh = xqb.replace('2025-06-10', '2025-06-11');
    const res = await app.request('/api/ingest/sitrep?name=pushed.csv', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/csv',
        'content-length': String(file(fresh).byteLength),
      },
      body: file(fresh),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/XB101.*outside/);
    expect(await count('ingest_file')).toBe(files);
  });
});
