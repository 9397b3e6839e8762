import type { Principal } from './principal.js';
import { operationalRoles } from './principal.js';

/** A live event as the hub holds it. */
export interface LiveEvent {
  id: number;
  type: string;
  data: unknown;
  at: string;
}

/** Where each organisation sits: org code → its ICS code (null for national and regional). */
export type OrgPlaces = ReadonlyMap<string, string | null>;

const record = (data: unknown): Record<string, unknown> =>
  data && typeof data === 'object' ? (data as Record<string, unknown>) : {};

/**
 * The event as this caller may receive it, or null. Only operational roles get events. An
 * unscoped caller gets every event whole. A scoped caller gets: alerts and OPEL changes of
 * organisations inside the scope (an alert with no organisation needs an unscoped caller),
 * live changes cut to the sites inside the scope, and a data_landed signal carrying only the
 * feed's name (a file can hold any organisation's rows, so its name and counts are not sent).
 * Any other event type is not sent to a scoped caller.
 */
export function visibleEvent(
  event: LiveEvent,
  principal: Principal,
  places: OrgPlaces,
): LiveEvent | null {
  if (!operationalRoles.includes(principal.role)) return null;
  const scope = principal.scope;
  if (scope === null) return event;
  const inScope = (code: unknown) =>
    typeof code === 'string' && scope.includes(places.get(code) ?? '\u0000');
  const data = record(event.data);
  switch (event.type) {
    case 'data_landed':
      return { ...event, data: { feed: data.feed ?? null } };
    case 'live_changed': {
      const sites = Array.isArray(data.sites) ? data.sites.filter(inScope) : [];
      return sites.length > 0 ? { ...event, data: { sites } } : null;
    }
    case 'alert_raised':
    case 'opel_changed':
      return inScope(data.org_code) ? event : null;
    default:
      return null;
  }
}
