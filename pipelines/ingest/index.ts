export { decodeBytes, type DecodedText, type TextEncoding } from './decode-bytes.js';
export { decodeWindows1252 } from '../encoding/index.js';
export { feedFor, feedRegistry } from './feeds.js';
export {
  feedStatus,
  type FailedFile,
  type FeedFreshness,
  type FeedStatus,
  type QuarantineCount,
} from './feed-status.js';
export {
  ingestBytes,
  OutOfScopeError,
  ReconciliationError,
  type IngestEffects,
  type IngestOptions,
  type IngestResult,
  type IngestStatus,
  type IngestSteps,
} from './ingest-bytes.js';
export { feedFromPath, ingestFile } from './ingest-file.js';
export { detectFeed } from './detect-feed.js';
export { ingestInbox, type InboxOptions } from './ingest-inbox.js';
export { isValidNhsNumber } from '../nhs-number/index.js';
export { loadPseudonymKey } from './load-pseudonym-key.js';
export { pseudonymise } from '../nhs-number/index.js';
export { pseudonymParams, pseudonymSql, type PseudonymParams } from './pseudonym-params.js';
export { serialised } from './serialised.js';
export { sqlTimestamp } from './sql-timestamp.js';
export { stagePublished } from './stage-published.js';
