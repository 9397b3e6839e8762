export { adtFeed } from './adt-feed.js';
export { adtEvents, type AdtEvent } from './format.js';
export { parseAdtMessage, type AdtMessage, type AdtParseResult } from './parse-adt-message.js';
export { splitAdtMessages } from './split-adt-messages.js';
export { adtReasons, type AdtReasonCode, type AdtReject } from './reasons.js';
export { parseHl7Timestamp } from './hl7-timestamp.js';
export { deriveSpell, type BedEvent, type DerivedSpell } from './derive-spell.js';
