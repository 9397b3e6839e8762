import { hour } from '../durations.js';

/**
 * Events kept in hourly buckets and run an hour at a time, in time order; events at the same
 * time run in the order they were scheduled.
 */
export class EventQueue<E extends { t: number }> {
  private readonly buckets = new Map<number, Array<{ event: E; seq: number }>>();
  private seq = 0;

  schedule(event: E): void {
    const key = Math.floor(event.t / hour);
    let list = this.buckets.get(key);
    if (!list) {
      list = [];
      this.buckets.set(key, list);
    }
    list.push({ event, seq: this.seq++ });
  }

  /**
   * Runs the events of the hour starting at `start` (UTC ms, on the hour), and those they
   * schedule within it.
   */
  runHour(start: number, handle: (event: E) => void): void {
    const key = start / hour;
    for (;;) {
      const entries = this.buckets.get(key);
      if (!entries || entries.length === 0) break;
      this.buckets.delete(key);
      entries.sort((a, b) => a.event.t - b.event.t || a.seq - b.seq);
      for (const entry of entries) handle(entry.event);
    }
  }
}
