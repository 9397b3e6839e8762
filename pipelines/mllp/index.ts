export {
  adtIngestStore,
  type AdtBatchOutcome,
  type AdtIngestStoreOptions,
} from './adt-ingest-store.js';
export { frameMllp } from './frame-mllp.js';
export { buildHl7Ack, type MllpAck } from './hl7-ack.js';
export { MllpFramer, type MllpFrameEvent } from './mllp-framer.js';
export {
  startMllpListener,
  type MllpListener,
  type MllpListenerOptions,
  type MllpStore,
} from './start-mllp-listener.js';
export { mllpSettingsFrom, type MllpSettings } from './mllp-settings.js';
