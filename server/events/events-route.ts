import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { requireRole } from '../http/register-route.js';
import { operationalRoles, visibleEvent } from '../../pipelines/read/index.js';
import { readerFor } from '../http/reader-for.js';
import { ClientError } from '../validation/param-spec.js';
import type { HubEvent } from './event-hub.js';

function lastEventId(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header('last-event-id') ?? c.req.query('last_event_id');
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw))
    throw new ClientError(
      400,
      `Last-Event-ID must be a whole number; got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return Number(raw);
}

/**
 * GET /api/events: Server-Sent Events. A client reconnecting with Last-Event-ID (or
 * ?last_event_id=) first gets the events it missed from the ring; if some were already
 * dropped it gets a `reset` event telling it to refetch. Comments keep the stream alive.
 */
export function eventsHandler(services: AppServices) {
  return async (c: Context<AppEnv>) => {
    c.set('auditRoute', '/api/events');
    requireRole(c, operationalRoles);
    for (const name of Object.keys(c.req.queries() ?? {})) {
      if (name !== 'last_event_id')
        throw new ClientError(
          400,
          `unknown parameter ${JSON.stringify(name.slice(0, 40))}; this route takes last_event_id`,
        );
    }
    const from = lastEventId(c);
    const hub = services.deps.events;
    const principal = c.get('principal')!;
    const recheck = c.get('recheck');
    const reader = readerFor(services, services.requestDeps(), principal);
    const places = await reader.orgPlaces();
    const visible = (event: HubEvent) => visibleEvent(event, principal, places);
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let closed = false;
      let wake: () => void = () => undefined;
      const queue: HubEvent[] = [];
      const send = async (event: HubEvent) => {
        const shown = visible(event);
        if (!shown) return;
        await stream.writeSSE({
          id: String(shown.id),
          event: shown.type,
          data: JSON.stringify(shown),
        });
      };
      const unsubscribe = hub.subscribe((event) => {
        queue.push(event);
        wake();
      });
      const close = () => {
        closed = true;
        wake();
      };
      services.streams.add(close);
      stream.onAbort(close);
      const heartbeat = setInterval(() => {
        void stream.write(': heartbeat\n\n').catch(close);
      }, services.settings.heartbeatSeconds * 1000);
      // A stream ends within this interval of its token being revoked or its session ending.
      const revalidate = setInterval(() => {
        recheck().then(
          (still) => (still ? undefined : close()),
          () => close(),
        );
      }, services.settings.streamRecheckMs);
      try {
        await stream.write(`retry: 3000\n: connected at event ${hub.lastId}\n\n`);
        if (from !== undefined) {
          const { events, missed } = hub.since(from);
          if (missed)
            await stream.writeSSE({
              event: 'reset',
              data: JSON.stringify({ reason: 'events were missed; refetch' }),
            });
          for (const event of events) await send(event);
          queue.splice(
            0,
            queue.length,
            ...queue.filter((event) => !events.some((e) => e.id === event.id)),
          );
        }
        while (!closed) {
          while (queue.length > 0 && !closed) await send(queue.shift()!);
          if (closed) break;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        clearInterval(heartbeat);
        clearInterval(revalidate);
        unsubscribe();
        services.streams.delete(close);
        await stream.close().catch(() => undefined);
      }
    });
  };
}
