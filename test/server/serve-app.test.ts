import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../server/serve-app.js';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

describe('serveApp(app, {host, port})', () => {
  it('serves on loopback, and close() ends SSE streams, finishes in-flight requests and writes the audit', async () => {
    const server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${server.port}`;
    const events = await fetch(`${base}/api/events`, { headers: t.auth('operations') });
    const reader = events.body!.getReader();
    await reader.read();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const ingest = t.deps.ingest;
    t.deps.ingest = async (...args) => {
      await slow;
      return ingest(...args);
    };
    const inFlight = fetch(`${base}/api/ingest/ae?name=slow.csv`, {
      method: 'POST',
      headers: t.auth('admin'),
      body: 'a\n1\n',
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = server.close();
    setTimeout(release, 100);
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
    t.deps.ingest = ingest;
  });
});
