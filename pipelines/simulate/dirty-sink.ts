import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedName } from '../feeds/feed.js';
import type { FeedSink } from './feed-sink.js';
import { decodeWindows1252 } from '../encoding/index.js';
import { createRandom } from './random.js';

/** One injected fault, as logged in `<out>/manifest.dirty.json`. */
export interface DirtyFault {
  feed: FeedName;
  file: string;
  fault: string;
  /** 1-based line of the file (the header is line 1), for CSV faults on one row. */
  line?: number;
  /** MSH-10 of the message, for ADT faults. */
  controlId?: string;
  /** The natural key of the record the fault touches (EC_Ident, Spell_Id, …). */
  key?: string;
}

const csvFaults: Record<string, string[]> = {
  ae: [
    'too_many_columns', 'too_few_columns', 'bad_date', 'non_numeric_age', 'duplicate_row',
    'redelivered_file', 'late_record', 'correction', 'unknown_site', 'unknown_department_type',
    'unknown_ethnic_category', 'unknown_discharge_status', 'nhs_number_checksum',
    'nhs_number_9_digits', 'departure_before_arrival', 'windows_1252', 'utf8_bom', 'truncated_file',
    'empty_file',
  ],
  discharge: [
    'too_many_columns', 'too_few_columns', 'bad_date', 'duplicate_row', 'nhs_number_checksum',
    'unknown_pathway', 'windows_1252', 'utf8_bom', 'truncated_file', 'empty_file', 'redelivered_file',
  ],
  sitrep: ['too_few_columns', 'non_numeric_beds', 'duplicate_row', 'unknown_bed_type', 'utf8_bom', 'empty_file'],
  'ae-monthly': ['utf8_bom'],
  adt: ['out_of_order', 'repeated_message'],
}; // prettier-ignore

const aeCol = {
  key: 0,
  site: 2,
  type: 3,
  arrival: 5,
  departure: 14,
  status: 15,
  age: 16,
  ethnic: 18,
  lsoa: 19,
  nhs: 20,
};
const dischargeCol = { key: 0, nhs: 3, ready: 5, pathway: 7 };

let windows1252: Map<string, number> | undefined;

/** Encodes text as Windows-1252 (characters it lacks become '?'). */
export function encodeWindows1252(text: string): Buffer {
  if (!windows1252) {
    // Built from the WHATWG decoder the ingest uses: Node 20's TextDecoder('windows-1252')
    // decodes 0x80–0x9F as Latin-1 controls, so it cannot serve as the table.
    windows1252 = new Map();
    for (let b = 0x80; b <= 0xff; b++) windows1252.set(decodeWindows1252(Uint8Array.of(b)), b);
  }
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out[n++] = code < 0x80 ? code : (windows1252.get(ch) ?? 0x3f);
  }
  return out.subarray(0, n);
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && !(line[j] === '"' && line[j + 1] !== '"'))
        j += line[j] === '"' ? 2 : 1;
      cells.push(line.slice(i, j + 1));
      i = j + 2;
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

/**
 * Wraps a sink so that about `rate` of the files written carry one fault real feeds have.
 * Every fault is logged (file, line or control id, natural key) and `finish()` writes the log
 * to `<out>/manifest.dirty.json`. Faults are drawn from their own seeded stream.
 */
export function createDirtySink(
  target: FeedSink,
  rate: number,
  seed: string,
  out: string,
): FeedSink & { finish(): void; faults: DirtyFault[] } {
  let completeAt: number | undefined;
  const sink: FeedSink = {
    write: (feed, name, content) => target.write(feed, name, content, completeAt),
  };
  const random = createRandom(seed);
  const faults: DirtyFault[] = [];
  const carried = new Map<string, string[]>();
  const pick = <T>(items: T[]): T => items[random.int(items.length)]!;

  const writeCsv = (feed: FeedName, name: string, content: string): void => {
    const stream = `${feed}:${name.replace(/-[^-]*$/, '')}`;
    const lines = content.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const extra = carried.get(stream);
    if (extra) {
      lines.push(...extra);
      carried.delete(stream);
    }
    const body = () => lines.join('\n') + '\n';
    if (lines.length < 2 || random.next() >= rate) return sink.write(feed, name, body());
    const fault = pick(csvFaults[feed] ?? []);
    const at = 1 + random.int(lines.length - 1);
    const cells = splitCsvLine(lines[at]!);
    const record = (entry: Partial<DirtyFault>) =>
      faults.push({
        feed,
        file: name,
        fault,
        key: feed === 'sitrep' ? cells.slice(0, 4).join('|') : cells[0],
        ...entry,
      });
    const setCell = (i: number, value: string) => {
      cells[i] = value;
      lines[at] = cells.join(',');
    };
    const departed = feed === 'ae' && cells[aeCol.departure] !== '';
    switch (fault) {
      case 'too_many_columns':
        lines[at] += ',EXTRA';
        record({ line: at + 1 });
        break;
      case 'too_few_columns':
        lines[at] = cells.slice(0, -1).join(',');
        record({ line: at + 1 });
        break;
      case 'bad_date':
        setCell(
          feed === 'ae' ? aeCol.arrival : dischargeCol.ready,
          feed === 'ae' ? '2025-13-45T25:61:00+00:00' : '2025-02-30',
        );
        record({ line: at + 1 });
        break;
      case 'non_numeric_age':
        setCell(aeCol.age, 'abc');
        record({ line: at + 1 });
        break;
      case 'non_numeric_beds':
        setCell(6, 'n/a');
        record({ line: at + 1 });
        break;
      case 'duplicate_row':
        lines.splice(at + 1, 0, lines[at]!);
        record({ line: at + 2 });
        break;
      case 'unknown_site':
        setCell(aeCol.site, 'XZZ99');
        record({ line: at + 1 });
        break;
      case 'unknown_department_type':
        setCell(aeCol.type, '07');
        record({ line: at + 1 });
        break;
      case 'unknown_ethnic_category':
        setCell(aeCol.ethnic, 'Q');
        record({ line: at + 1 });
        break;
      case 'unknown_discharge_status':
        setCell(aeCol.status, 'XXX');
        record({ line: at + 1 });
        break;
      case 'unknown_pathway':
        setCell(dischargeCol.pathway, '7');
        record({ line: at + 1 });
        break;
      case 'unknown_bed_type':
        setCell(3, 'xx_ga');
        record({ line: at + 1 });
        break;
      case 'nhs_number_checksum': {
        const i = feed === 'ae' ? aeCol.nhs : dischargeCol.nhs;
        const nhs = cells[i]!;
        setCell(i, nhs.slice(0, 9) + String((Number(nhs[9]) + 1) % 10));
        record({ line: at + 1 });
        break;
      }
      case 'nhs_number_9_digits':
        setCell(aeCol.nhs, cells[aeCol.nhs]!.slice(0, 9));
        record({ line: at + 1 });
        break;
      case 'departure_before_arrival': {
        const arrival = Date.parse(cells[aeCol.arrival]!);
        const offset = cells[aeCol.arrival]!.slice(-6);
        const wall = new Date(arrival - 30 * 60_000 + (offset === '+01:00' ? 3_600_000 : 0));
        setCell(aeCol.departure, wall.toISOString().slice(0, 16) + ':00' + offset);
        if (!departed) setCell(aeCol.status, 'DIS');
        record({ line: at + 1 });
        break;
      }
      case 'late_record': {
        const [moved] = lines.splice(at, 1);
        carried.set(stream, [...(carried.get(stream) ?? []), moved!]);
        record({});
        break;
      }
      case 'correction': {
        // A later record for the same attendance (a corrected age), in the site's next file.
        const copy = [...cells];
        copy[aeCol.age] = String(Number(copy[aeCol.age]) + 1);
        carried.set(stream, [...(carried.get(stream) ?? []), copy.join(',')]);
        record({});
        break;
      }
      case 'redelivered_file':
        sink.write(feed, name.replace(/\.csv$/, '-redelivered.csv'), body());
        record({});
        break;
      case 'windows_1252': {
        if (feed === 'ae') setCell(aeCol.lsoa, `\u201c${cells[aeCol.lsoa]}\u201d`);
        record(feed === 'ae' ? { line: at + 1 } : {});
        return sink.write(feed, name, encodeWindows1252(body()));
      }
      case 'utf8_bom':
        record({});
        return sink.write(feed, name, '\ufeff' + body());
      case 'truncated_file': {
        const text = body();
        const cut = text.length - 1 - Math.ceil(lines[lines.length - 1]!.length / 2);
        record({ line: lines.length, key: splitCsvLine(lines[lines.length - 1]!)[0] });
        return sink.write(feed, name, text.slice(0, cut));
      }
      case 'empty_file':
        sink.write(feed, name.replace(/\.csv$/, '-empty.csv'), '');
        record({});
        break;
    }
    sink.write(feed, name, body());
  };

  const writeAdt = (name: string, content: string): void => {
    const messages = content.split(/(?=MSH\|)/);
    if (messages.length >= 2 && random.next() < rate) {
      const at = random.int(messages.length - 1);
      const id = (m: string) => m.split('\r')[0]!.split('|')[9]!;
      if (random.next() < 0.5) {
        const [a, b] = [messages[at]!, messages[at + 1]!];
        messages[at] = b;
        messages[at + 1] = a;
        faults.push({ feed: 'adt', file: name, fault: 'out_of_order', controlId: id(a) });
      } else {
        messages.splice(at + 1, 0, messages[at]!);
        faults.push({
          feed: 'adt',
          file: name,
          fault: 'repeated_message',
          controlId: id(messages[at]!),
        });
      }
    }
    sink.write('adt', name, messages.join(''));
  };

  return {
    faults,
    write(feed, name, content, at) {
      completeAt = at;
      if (typeof content !== 'string') return sink.write(feed, name, content);
      if (feed === 'adt') writeAdt(name, content);
      else writeCsv(feed, name, content);
    },
    finish() {
      mkdirSync(out, { recursive: true });
      const path = join(out, 'manifest.dirty.json');
      writeFileSync(path + '.tmp', JSON.stringify(faults, null, 1) + '\n');
      renameSync(path + '.tmp', path);
    },
  };
}
