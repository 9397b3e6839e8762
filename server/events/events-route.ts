import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { requireRole } from '../http/register-route.js';
import { operationalRoles, visibleEvent } from '../../pipelines/read/index.js';
import { readerFor } from '../http/reader-for.js';
import { ClientError } from '../validation/client-error.js';
import { optional, param, refuseUnknownQuery } from '../validation/params.js';
import type { HubEvent } from './event-hub.js';

/** The stream's one query parameter (the Last-Event-ID header is the alternative). */
export const eventsQuery = {
  last_event_id: optional(
    param.integer('resume after this event id (or the Last-Event-ID header)', 0, 2 ** 53 - 1),
  ),
};

function lastEventId(c: Context<AppEnv>): number | undefined {
  refuseUnknownQuery(Object.keys(eventsQuery), c.req.queries() ?? {});
  const header = c.req.header('last-event-id');
  const raw = header ?? c.req.query('last_event_id');
  const parsed = eventsQuery.last_event_id.safeParse(raw);
  if (parsed.success) return parsed.data;
  const name = header === undefined ? 'last_event_id' : 'Last-Event-ID';
  throw new ClientError(
    400,
    `${name} must be ${parsed.error.issues[0]!.message}; got ${JSON.stringify(raw!.slice(0, 40))}`,
  );
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
