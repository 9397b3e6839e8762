import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestApp, type TestApp } from '../test-app.js';
import { sseReader } from './sse-reader.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

function ids(text: string): number[] {
  return [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
}

describe('GET /api/events', () => {
  it('streams events with ids, and a reconnecting client resumes after Last-Event-ID', async () => {
    const listenersBefore = t.hub.subscriberCount;
    const first = t.hub.publish('data_landed', { feed: 'ae', file_id: 1 });
    t.hub.publish('live_changed', { sites: ['R0A01'] });
    t.hub.publish('alert_raised', { alert_id: 104 });
    const res = await t.app.request('/api/events', {
      headers: { ...t.auth('operations'), 'last-event-id': String(first.id) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = sseReader(res);
    const missed = await stream.readUntil((text) => ids(text).length >= 2);
    expect(ids(missed)).toEqual([first.id + 1, first.id + 2]);
    expect(missed).toContain('event: alert_raised');
    t.hub.publish('opel_changed', { org_code: 'R0A', level: 4 });
    const more = await stream.readUntil((text) => text.includes('opel_changed'));
    expect(ids(more)).toEqual([first.id + 3]);
    expect(JSON.parse(/^data: (.*)$/m.exec(more)![1]!)).toMatchObject({
      type: 'opel_changed',
      data: { level: 4 },
    });
    await stream.reader.cancel();
    await vi.waitFor(() => expect(t.hub.subscriberCount).toBe(listenersBefore), {
      timeout: 10_000,
      interval: 5,
    });
  });

  it('tells a client that fell out of the ring to refetch', async () => {
    for (let i = 0; i < 8; i++) t.hub.publish('live_changed', { i });
    const res = await t.app.request('/api/events?last_event_id=1', { headers: t.auth('analyst') });
    const stream = sseReader(res);
    const text = await stream.readUntil((s) => ids(s).length >= 5);
    expect(text).toContain('event: reset');
    expect(ids(text)).toHaveLength(5);
    await stream.reader.cancel();
  });

  it('refuses the public role and a malformed Last-Event-ID', async () => {
    expect((await t.app.request('/api/events', { headers: t.auth('public') })).status).toBe(403);
    expect(
      (
        await t.app.request('/api/events', {
          headers: { ...t.auth('analyst'), 'last-event-id': 'x1' },
        })
      ).status,
    ).toBe(400);
  });

  it('gives a scoped caller only its own ICS, replayed history included', async () => {
    const start = t.hub.lastId;
    t.hub.publish('alert_raised', { alert_id: 7, org_code: 'RW6', title: 'Other Trust breach' });
    t.hub.publish('data_landed', { feed: 'ae', file: 'ae-rw6.csv', rows_in: 4, loaded: 4 });
    t.hub.publish('opel_changed', { org_code: 'R0A', level: 3 });
    const res = await t.app.request(`/api/events?last_event_id=${start}`, {
      headers: t.auth('analyst_qop'),
    });
    const stream = sseReader(res);
    const replayed = await stream.readUntil((text) => text.includes('opel_changed'));
    t.hub.publish('live_changed', { sites: ['RW601', 'R0A02'] });
    t.hub.publish('alert_raised', { alert_id: 8, org_code: null, title: 'feed late' });
    t.hub.publish('opel_changed', { org_code: 'QWE', level: 4 });
    t.hub.publish('alert_raised', { alert_id: 9, org_code: 'R0A01', title: 'own site' });
    const live = await stream.readUntil((text) => text.includes('own site'));
    await stream.reader.cancel();
    const text = replayed + live;
    expect(text).not.toMatch(/RW6|QWE|Other Trust|ae-rw6|feed late|rows_in/);
    expect(ids(text)).toEqual([start + 2, start + 3, start + 4, start + 7]);
    expect(text).toContain('"data":{"feed":"ae"}');
    expect(text).toContain('"sites":["R0A02"]');
  });

  it('ends an open stream within about a second of its token being revoked', async () => {
    const made = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: {
        ...t.auth('admin'),
        'content-type': 'application/json',
        origin: 'http://localhost',
      },
      body: JSON.stringify({ role: 'operations', label: 'to revoke' }),
    });
    const { token, token_id } = (await made.json()) as { token: string; token_id: string };
    const res = await t.app.request('/api/events', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the connected comment
    await t.warehouse.connection.run(
      "UPDATE api_token SET revoked_at = TIMESTAMP '2024-12-02 10:30:00' WHERE token_id = $1",
      [token_id],
    );
    const deadline = Date.now() + 3000;
    let done = false;
    while (!done && Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
      ]);
      if (next === null) break;
      done = next.done;
    }
    expect(done).toBe(true);
    await reader.cancel();
  });
});
