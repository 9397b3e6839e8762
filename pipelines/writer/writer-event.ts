/** The live events the writer publishes (and the dashboards listen for). */
export const writerEventTypes = [
  'data_landed',
  'live_changed',
  'alert_raised',
  'opel_changed',
] as const;
export type WriterEventType = (typeof writerEventTypes)[number];
