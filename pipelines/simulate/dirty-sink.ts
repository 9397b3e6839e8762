import type { FeedSink } from './feed-sink.js';
export function createDirtySink(
  sink: FeedSink,
  _rate: number,
  _seed: string,
): FeedSink & { finish(): void } {
  return { write: sink.write, finish() {} };
}
