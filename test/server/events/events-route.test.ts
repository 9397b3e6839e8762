import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

/** Reads an SSE stream until `done(text)` holds or 3 s pass; one read is kept pending across calls. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  return {
    reader,
    async readUntil(done: (text: string) => boolean): Promise<string> {
      let text = '';
      const deadline = Date.now() + 3000;
      while (!done(text) && Date.now() < deadline) {
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<null>((r) => setTimeout(() => r(null), 100)),
        ]);
        if (chunk === null) continue;
        pending = undefined;
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
  };
}

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
    await new Promise((r) => setTimeout(r, 50));
    expect(t.hub.subscriberCount).toBe(listenersBefore);
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
});
