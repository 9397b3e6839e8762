import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../pipelines/config.js';
import type { Logger } from '../pipelines/feeds/feed.js';
import type { IndicatorDefinition } from '../pipelines/indicators/index.js';
import { connectTo, type Warehouse } from '../pipelines/warehouse/index.js';
import type { AppDeps } from '../server/app-deps.js';
import { createToken } from '../server/auth/token-store.js';
import { createApp } from '../server/create-app.js';
import { EventHub } from '../server/events/event-hub.js';

/**
 * The real app over `warehouse`, served on loopback as the service serves it (reads take three
 * connections in turn; a 1,000-entry response cache; no rate limit), beside a bare Hono route
 * `/hello` (the benches' baseline), with an analyst's token.
 */
export async function serveBenchApp(
  warehouse: Warehouse,
  registry: readonly IndicatorDefinition[],
  xmr: AppDeps['xmr'],
): Promise<{ port: number; headers: Record<string, string>; close: () => Promise<void> }> {
  const { connection } = warehouse;
  const quiet: Logger = { info() {}, warn() {}, error: (m, f) => console.error(m, f ?? '') };
  const config = {
    ...loadConfig({ OBSERVATORY_DATA: '/nonexistent' }),
    settings: { api: { rateLimit: { burst: 1e9, perSecond: 1e9 }, cacheEntries: 1000 } },
  };
  const app = createApp({
    connection,
    config,
    now: () => new Date(),
    log: quiet,
    registry,
    ingest: () => Promise.reject(new Error('not in the bench')),
    feedStatus: async () => [],
    xmr,
    acknowledgeAlert: async () => null,
    events: new EventHub(),
    extraConnections: [await connectTo(warehouse.instance), await connectTo(warehouse.instance)],
  });
  const outer = new Hono();
  outer.get('/hello', (c) => c.text('hello world'));
  outer.route('/', app);
  const { token } = await createToken(connection, { role: 'analyst' }, new Date());
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: outer.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(s as Server),
    ) as Server;
  });
  return {
    port: (server.address() as { port: number }).port,
    headers: { authorization: `Bearer ${token}` },
    close: async () => {
      await app.shutdown();
      server.close();
    },
  };
}
