import { createHash } from 'node:crypto';
import { decodeWindows1252 } from '../../pipelines/encoding/index.js';

/** One injected fault, as the dirty simulator logs it. */
export interface Fault {
  feed: string;
  file: string;
  fault: string;
  line?: number;
  controlId?: string;
  key?: string;
}

/** A file as it was delivered to the inbox, before any ingest. */
export interface Delivered {
  feed: string;
  name: string;
  bytes: Buffer;
}

/** What the ledger must hold for one distinct delivered content. */
export interface ExpectedLedgerRow {
  feed: string;
  file_name: string;
  status: 'loaded' | 'failed';
  error_code: string | null;
  encoding: string | null;
  rows_in: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
}

/** A quarantined row: file, 1-based line (message position for HL7), reason. */
export interface ExpectedQuarantine {
  file_name: string;
  line_number: number;
  reason_code: string;
}

/** The quarantine reason each line-level fault must get. */
export const reasonOf: Record<string, string> = {
  departure_before_arrival: 'departure_before_arrival',
  nhs_number_checksum: 'nhs_number_checksum',
  nhs_number_9_digits: 'nhs_number_format',
  unknown_discharge_status: 'unknown_code',
  unknown_ethnic_category: 'unknown_code',
  unknown_department_type: 'unknown_code',
  unknown_pathway: 'unknown_code',
  unknown_bed_type: 'unknown_code',
  unknown_site: 'unknown_site',
  bad_date: 'invalid_datetime',
  non_numeric_age: 'invalid_number',
  non_numeric_beds: 'invalid_number',
  too_many_columns: 'malformed_row',
  too_few_columns: 'malformed_row',
  truncated_file: 'truncated_row',
};

/** The natural key columns of each row-level CSV feed (the record versioned over time). */
const keyColumns: Record<string, number[]> = {
  ae: [0], // EC_Ident
  discharge: [0], // Spell_Id
  sitrep: [0, 2, 3], // Snapshot_Date, Site_Code, Bed_Type
};

function decode(bytes: Buffer): { encoding: string; text: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8-bom', text: bytes.subarray(3).toString('utf8') };
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // As the feeds read it: a row repeated from a UTF-8 file must compare equal to it.
    return { encoding: 'windows-1252', text: decodeWindows1252(bytes) };
  }
}

/**
 * What an ingest of `delivered` (in the inbox's order: feed by feed, oldest name first) must
 * leave in the ledger and quarantine, worked out from the delivered bytes and the injected
 * faults alone, by the published rules of the feeds:
 * - the same bytes of a feed are recorded once; an empty file fails as `empty_file`;
 * - each row with a line-level fault is quarantined on its line with the fault's reason, and
 *   no other row is;
 * - a CSV row identical to the latest accepted version of its natural key (earlier in the
 *   file or in an earlier file) is a duplicate, as is an HL7 message whose control id
 *   (MSH-10) was already accepted; every other row is loaded.
 */
export function expectedOutcomes(
  delivered: readonly Delivered[],
  faults: readonly Fault[],
): { ledger: ExpectedLedgerRow[]; quarantine: ExpectedQuarantine[] } {
  const ledger: ExpectedLedgerRow[] = [];
  const quarantine: ExpectedQuarantine[] = [];
  const seenBytes = new Set<string>();
  const current = new Map<string, string>();
  const controlIds = new Set<string>();
  for (const file of delivered) {
    const sha = `${file.feed}:${createHash('sha256').update(file.bytes).digest('hex')}`;
    if (seenBytes.has(sha)) continue;
    seenBytes.add(sha);
    const base = { feed: file.feed, file_name: file.name };
    if (file.bytes.length === 0) {
      ledger.push({
        ...base,
        status: 'failed',
        error_code: 'empty_file',
        encoding: null,
        rows_in: 0,
        rows_loaded: 0,
        rows_quarantined: 0,
        rows_duplicate: 0,
      });
      continue;
    }
    const { encoding, text } = decode(file.bytes);
    let rowsIn = 0;
    let duplicate = 0;
    const bad = new Map<number, string>();
    for (const f of faults)
      if (f.feed === file.feed && f.file === file.name && f.line !== undefined && reasonOf[f.fault])
        bad.set(f.line, reasonOf[f.fault]!);
    if (file.feed === 'adt') {
      for (const message of text.split(/(?=MSH\|)/)) {
        if (message.trim() === '') continue;
        rowsIn += 1;
        const id = message.split('\r')[0]!.split('|')[9]!;
        if (controlIds.has(id)) duplicate += 1;
        controlIds.add(id);
      }
    } else if (file.feed in keyColumns) {
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      lines.slice(1).forEach((raw, i) => {
        const line = raw.replace(/\r$/, '');
        const lineNumber = i + 2;
        rowsIn += 1;
        if (bad.has(lineNumber)) return;
        const cells = line.split(',');
        const key = `${file.feed}:${keyColumns[file.feed]!.map((c) => cells[c]).join('|')}`;
        if (current.get(key) === line) duplicate += 1;
        else current.set(key, line);
      });
    } else {
      throw new Error(`no rule for the ${file.feed} feed`);
    }
    for (const [line, reason] of bad)
      quarantine.push({ file_name: file.name, line_number: line, reason_code: reason });
    ledger.push({
      ...base,
      status: 'loaded',
      error_code: null,
      encoding,
      rows_in: rowsIn,
      rows_loaded: rowsIn - bad.size - duplicate,
      rows_quarantined: bad.size,
      rows_duplicate: duplicate,
    });
  }
  return { ledger, quarantine };
}
