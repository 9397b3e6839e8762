import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveApp } from '../../server/serve-app.js';
import { makeTestApp, type TestApp } from './test-app.js';

// An ingest that tells when a request reaches it and answers only when released.
let entered: () => void = () => undefined;
let release: () => void = () => undefined;
const inHandler = new Promise<void>((resolve) => (entered = resolve));
const released = new Promise<void>((resolve) => (release = resolve));

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp(
    {},
    {
      async ingest() {
        entered();
        await released;
        return { fileId: 1n, rowsIn: 1, loaded: 1, quarantined: 0, duplicate: 0 };
      },
    },
  );
});
afterAll(() => t.warehouse.close());

/** Resolves once a new TCP connection to the port is refused. */
function refused(port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const probe = connect({ host: '127.0.0.1', port });
    probe.once('connect', () => (probe.destroy(), reject(new Error('still accepting'))));
    probe.once('error', () => resolve());
  });
}

describe('serveApp(app, {host, port})', () => {
  it('serves on loopback, and close() ends SSE streams, finishes in-flight requests and writes the audit', async () => {
    const server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${server.port}`;
    const events = await fetch(`${base}/api/events`, { headers: t.auth('operations') });
    const reader = events.body!.getReader();
    await reader.read();
    const inFlight = fetch(`${base}/api/ingest/ae?name=slow.csv`, {
      method: 'POST',
      headers: { ...t.auth('admin'), 'content-type': 'application/octet-stream' },
      body: 'a\n1\n',
    });
    await inHandler;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    // the port stops taking connections while the request is still being answered
    await vi.waitFor(() => refused(server.port), { timeout: 10_000, interval: 10 });
    expect(closed).toBe(false);
    release();
    const res = await inFlight;
    expect(res.status).toBe(201);
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    await closing;
    await expect(fetch(`${base}/api/ready`)).rejects.toThrow();
    const audit = await t.warehouse.connection.runAndReadAll(
      "SELECT count(*) FROM audit_log WHERE route = '/api/ingest/:feed'",
    );
    expect(audit.getRowsJS()[0]![0]).toBe(1n);
  });
});
