import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { openWarehouse, type Warehouse } from '../../pipelines/warehouse/index.js';
import { acknowledgeAlert, indicatorRegistry, xmr } from '../../pipelines/indicators/index.js';
import { feedStatus } from '../../pipelines/ingest/index.js';
import { createWriter } from '../../pipelines/writer/index.js';
import type { AppDeps } from '../../server/app-deps.js';
import { createToken } from '../../server/auth/token-store.js';
import { createApp, type ObservatoryApp } from '../../server/create-app.js';
import { EventHub } from '../../server/events/event-hub.js';

export interface TestApp {
  app: ObservatoryApp;
  deps: AppDeps;
  warehouse: Warehouse;
  hub: EventHub;
  logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
  ingestCalls: Array<{ feed: string; fileName: string; bytes: number }>;
  /** Bearer secrets by name: admin, operations, analyst, regional, public, analyst_qop, operations_qop, public_qop, regional_qwe. */
  tokens: Record<string, string>;
  auth(name: string): { authorization: string };
}

export const now = new Date('2024-12-02T10:30:00Z');

export async function makeTestApp(
  settings: Record<string, unknown> = {},
  overrides: Partial<AppDeps> = {},
): Promise<TestApp> {
  const warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(
    readFileSync(join(import.meta.dirname, 'fixtures', 'warehouse.sql'), 'utf8'),
  );
  const logs: TestApp['logs'] = [];
  const log: Logger = {
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => logs.push({ level: 'error', message, fields }),
  };
  const hub = new EventHub(5, () => now);
  const ingestCalls: TestApp['ingestCalls'] = [];
  const config = {
    ...loadConfig({ OBSERVATORY_DATA: '/nonexistent' }),
    // Sign-in attempts are limited per address; in-process requests share one, so tests that
    // sign in many times get room (the limit itself is tested with its own settings).
    settings: {
      api: { versionTtlMs: 0, signInRateLimit: { burst: 1000, perSecond: 1000 } },
      ...settings,
    },
  };
  // The service's writer on the test warehouse: a pushed batch loads, queues and refreshes
  // exactly as it does in production.
  const writer = await createWriter({
    warehouse,
    log,
    now: () => now,
    pseudonymKeyHex: '5a'.repeat(32),
    tmpDir: mkdtempSync(join(tmpdir(), 'test-app-')),
  });
  const deps: AppDeps = {
    connection: warehouse.connection,
    config,
    now: () => now,
    log,
    registry: indicatorRegistry,
    async ingest(feed, fileName, bytes, scope) {
      ingestCalls.push({ feed, fileName, bytes: bytes.byteLength });
      const result = await writer.ingest(feed, fileName, bytes, { scope });
      await writer.refresh();
      return result;
    },
    feedStatus: (connection) => feedStatus(connection),
    xmr,
    acknowledgeAlert,
    events: hub,
    ...overrides,
  };
  const tokens: Record<string, string> = {};
  const made: Array<[string, Parameters<typeof createToken>[1]]> = [
    ['admin', { role: 'admin' }],
    ['operations', { role: 'operations' }],
    ['analyst', { role: 'analyst' }],
    ['regional', { role: 'regional' }],
    ['public', { role: 'public' }],
    ['analyst_qop', { role: 'analyst', ics: ['QOP'] }],
    ['operations_qop', { role: 'operations', ics: ['QOP'] }],
    ['public_qop', { role: 'public', ics: ['QOP'] }],
    ['regional_qwe', { role: 'regional', ics: ['QWE'] }],
  ];
  for (const [name, input] of made)
    tokens[name] = (await createToken(warehouse.connection, input, now)).token;
  const app = createApp(deps);
  return {
    app,
    deps,
    warehouse,
    hub,
    logs,
    ingestCalls,
    tokens,
    auth: (name) => ({ authorization: `Bearer ${tokens[name]}` }),
  };
}
