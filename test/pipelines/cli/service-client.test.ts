import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTokenFile, serviceClient } from '../../../pipelines/cli/index.js';

const seen: Array<{ method: string; url: string; authorization: string; body: string }> = [];
let server: Server;
let port: number;

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization ?? '',
        body,
      });
      if (request.url === '/api/missing') {
        response.writeHead(404).end('{"error":"no such thing"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":{"ok":true}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('serviceClient', () => {
  it('sends JSON with the command-line token as bearer and returns the JSON answer', async () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'client-'));
    writeFileSync(join(secretsDir, cliTokenFile), 'tok-123\n');
    const client = serviceClient({ host: '0.0.0.0', port, secretsDir });
    expect(client.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(client.token()).toBe('tok-123');
    expect(await client.isUp()).toBe(true);
    expect(await client.request('POST', '/api/reports/daily/run', { date: '2026-01-02' })).toEqual({
      result: { ok: true },
    });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/api/reports/daily/run',
      authorization: 'Bearer tok-123',
      body: '{"date":"2026-01-02"}',
    });
    await expect(client.request('GET', '/api/missing')).rejects.toThrow(
      'GET /api/missing: HTTP 404 {"error":"no such thing"}',
    );
  });

  it('says which file is missing when the service has written no token', async () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'client-'));
    const client = serviceClient({ host: '127.0.0.1', port, secretsDir });
    expect(client.token()).toBeUndefined();
    await expect(client.request('GET', '/api/feeds')).rejects.toThrow(
      `the service is running but ${join(secretsDir, cliTokenFile)} is missing`,
    );
  });
});
