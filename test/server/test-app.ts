import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { openWarehouse, type Warehouse } from '../../pipelines/warehouse/open-warehouse.js';
import type {
  AppDeps,
  IndicatorDefinition,
  SeriesPoint,
  XmrOptions,
} from '../../server/app-deps.js';
import { createToken } from '../../server/auth/token-store.js';
import { createApp, type ObservatoryApp } from '../../server/create-app.js';
import { EventHub } from '../../server/events/event-hub.js';

export const registry: IndicatorDefinition[] = [
  {
    id: 'four_hour',
    title: 'A&E 4-hour performance',
    definition: 'Share of attendances leaving within 4 hours of arrival',
    unit: 'percent',
    polarity: 'higher is better',
    targets: [{ value: 78, label: '2024/25 operational standard' }],
    grains: ['day', 'week', 'month'],
    breakdowns: ['imd_quintile', 'imd_decile', 'ethnic_group'],
  },
  {
    id: 'attendances',
    title: 'A&E attendances',
    definition: 'Attendances at A&E',
    unit: 'count',
    polarity: 'neither',
    grains: ['hour', 'day'],
    breakdowns: [],
  },
];

/** A small but real XmR: mean, limits from the mean moving range, points outside them. */
export function xmrForTests(points: readonly SeriesPoint[], options: XmrOptions) {
  const values = points.map((p) => p.value);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const mr = ranges.reduce((a, b) => a + b, 0) / ranges.length;
  return {
    mean,
    upper: mean + 2.66 * mr,
    lower: mean - 2.66 * mr,
    improvement: options.improvement,
    target: options.target ?? null,
    points: points.map((p) => ({
      ...p,
      outside: p.value > mean + 2.66 * mr || p.value < mean - 2.66 * mr,
    })),
  };
}

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
    settings: { api: { versionTtlMs: 0 }, ...settings },
  };
  const deps: AppDeps = {
    connection: warehouse.connection,
    config,
    now: () => now,
    log,
    registry,
    async ingest(feed, fileName, bytes) {
      ingestCalls.push({ feed, fileName, bytes: bytes.byteLength });
      if (new TextDecoder().decode(bytes.subarray(0, 8)).startsWith('\u0000')) {
        const { FeedError } = await import('../../pipelines/feeds/feed.js');
        throw new FeedError('undecodable', 'the file is not text');
      }
      const lines = new TextDecoder().decode(bytes).split('\n').filter(Boolean).length - 1;
      return { fileId: 2n, rowsIn: lines, loaded: lines, quarantined: 0, duplicate: 0 };
    },
    feedStatus: async () => [
      { feed: 'ae', last_loaded_at: '2024-12-02T09:00:01Z', is_late: false },
    ],
    xmr: xmrForTests,
    async acknowledgeAlert(connection, id, by, at) {
      await connection.run(
        "UPDATE alert SET status = 'acknowledged', acknowledged_by = $1, acknowledged_at = $2::TIMESTAMP WHERE alert_id = $3",
        [by, at.toISOString().replace('Z', ''), Number(id)],
      );
      return { alert_id: Number(id) };
    },
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
