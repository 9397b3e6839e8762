/** The live events the dashboards listen for. */
export const eventTypes = ['data_landed', 'live_changed', 'alert_raised', 'opel_changed'] as const;
export type EventType = (typeof eventTypes)[number];

export interface HubEvent {
  id: number;
  type: EventType;
  data: unknown;
  at: string;
}

type Listener = (event: HubEvent) => void;

/**
 * Fans live events out to SSE clients. Ids increase by one; the last `capacity` events are
 * kept so a client reconnecting with Last-Event-ID gets what it missed.
 */
export class EventHub {
  private readonly ring: HubEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private nextId = 1;

  constructor(
    private readonly capacity = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  publish(type: EventType, data: unknown): HubEvent {
    const event: HubEvent = { id: this.nextId++, type, data, at: this.now().toISOString() };
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Events after `lastId` still in the ring, and whether some were already dropped. */
  since(lastId: number): { events: HubEvent[]; missed: boolean } {
    const events = this.ring.filter((event) => event.id > lastId);
    const oldest = this.ring[0]?.id ?? this.nextId;
    return { events, missed: lastId + 1 < oldest };
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
