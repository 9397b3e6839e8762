import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { ObservatoryApp } from './create-app.js';

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Stops accepting, ends SSE streams, finishes in-flight requests, writes the audit buffer. */
  close(): Promise<void>;
}

/** Serves the app on host:port (127.0.0.1 by default); resolves once listening. */
export function serveApp(
  app: ObservatoryApp,
  options: { host?: string; port: number },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port },
      (info) => {
        resolve({
          port: info.port,
          close: async () => {
            const closed = new Promise<void>((done) => (server as Server).close(() => done()));
            await app.shutdown();
            (server as Server).closeIdleConnections?.();
            await closed;
            // Requests that were in flight have finished now: write their audit entries too.
            await app.shutdown();
          },
        });
      },
    ) as Server;
    server.once('error', reject);
  });
}
