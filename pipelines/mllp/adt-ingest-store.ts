import type { DuckDBConnection } from '@duckdb/node-api';
import { adtReasons, splitAdtMessages, type AdtReasonCode } from '../feeds/adt/index.js';
import { frameMllp } from './frame-mllp.js';
import type { MllpAck } from './hl7-ack.js';
import type { MllpStore } from './start-mllp-listener.js';

/** What the store needs back from the ingest of one batch (a subset of IngestResult). */
export interface AdtBatchOutcome {
  fileId: bigint;
  status: string;
  errorCode?: string;
  errorDetail?: string;
}

export interface AdtIngestStoreOptions {
  /** Where quarantine rows are read after the ingest has committed. */
  connection: DuckDBConnection;
  /**
   * Loads one batch as an ADT file and resolves once it is committed, e.g.
   * `(name, bytes) => ingestBytes('adt', name, bytes, effects)`.
   */
  ingest: (name: string, bytes: Uint8Array) => Promise<AdtBatchOutcome>;
  now?: () => Date;
}

let batchSequence = 0;

/**
 * An MllpStore that lands each batch as one ADT file (`mllp/<time>-<n>.hl7`, every message
 * MLLP-framed) and answers each message from the file's quarantine rows: AA when loaded or
 * a duplicate, AE/AR with the reason (reasons.ts) when quarantined. A frame holding more than
 * one message is answered AR without being stored, so positions in the file stay one per
 * message.
 */
export function adtIngestStore(options: AdtIngestStoreOptions): MllpStore {
  const now = options.now ?? (() => new Date());
  return async (messages) => {
    const acks: Array<MllpAck | null> = messages.map((message) => {
      const count = splitAdtMessages(message).length;
      return count === 1
        ? null
        : {
            ack: 'AR',
            code: 'not_hl7',
            text: `not_hl7: the frame holds ${count} messages; send one message per frame`,
          };
    });
    const toFile = messages.filter((_, index) => acks[index] === null);
    if (toFile.length === 0) return acks as MllpAck[];
    batchSequence += 1;
    const name = `mllp/${now().toISOString().replace(/[-:.]/g, '')}-${batchSequence}.hl7`;
    const outcome = await options.ingest(name, Buffer.from(toFile.map(frameMllp).join(''), 'utf8'));
    const byLine = new Map<number, MllpAck>();
    if (outcome.status === 'failed') {
      const failed: MllpAck = {
        ack: 'AE',
        code: outcome.errorCode ?? 'store_failed',
        text: `${outcome.errorCode ?? 'store_failed'}: ${outcome.errorDetail ?? 'the batch could not be loaded'}`,
      };
      toFile.forEach((_, index) => byLine.set(index + 1, failed));
    } else {
      const reader = await options.connection.runAndReadAll(
        'SELECT line_number, reason_code, detail FROM quarantine WHERE file_id = $1',
        [outcome.fileId],
      );
      for (const [line, code, detail] of reader.getRowsJS()) {
        const reason = adtReasons[code as AdtReasonCode];
        byLine.set(Number(line), {
          ack: reason?.ack ?? 'AE',
          code: String(code),
          text: `${String(code)}: ${String(detail ?? reason?.text ?? '')}`,
        });
      }
    }
    let line = 0;
    return acks.map((ack) => ack ?? byLine.get((line += 1)) ?? { ack: 'AA' });
  };
}
