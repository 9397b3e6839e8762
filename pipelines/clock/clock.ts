/**
 * The one answer to "what time is it" in the observatory: the service, the demo feed, the
 * schedules, the reports and the API take it as an effect, so they agree with each other and
 * tests pin it (see `createManualClock`).
 */
export interface Clock {
  /** The wall-clock time now. */
  now(): Date;
  /** Calls `fn` once when `ms` of this clock's time have passed; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}
