import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adtEvents } from '../../../pipelines/feeds/adt/format.js';
import { aeColumns } from '../../../pipelines/feeds/ae/format.js';
import { dischargeColumns } from '../../../pipelines/feeds/discharge/format.js';
import { sitrepColumns } from '../../../pipelines/feeds/sitrep/format.js';
import {
  isValidNhsNumber,
  simulate,
  startLiveSimulation,
  type LiveOptions,
  type SimulateOptions,
} from '../../../pipelines/simulate/index.js';
import { createManualClock } from '../../../pipelines/clock/index.js';
import { parseSimulateArgs } from '../../../pipelines/simulate/parse-simulate-args.js';
import { feedFiles } from './read-feed.js';

const silent = { info() {}, warn() {}, error() {} };
const effects = { clock: { now: () => new Date('2026-01-10T12:34:00Z') }, log: silent };
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  dirs.push(dir);
  return dir;
};

/** sha256 of every file under `out`, by relative path. */
function digest(out: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    result[path.slice(out.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return result;
}

// Three days across the spring clock change, two days of warm-up, so the run is quick.
const base: SimulateOptions = { days: 3, seed: 7, out: '', start: '2025-03-29', warmupDays: 2 };
let out: string;

beforeAll(() => {
  out = tempDir();
  simulate({ ...base, out }, effects);
}, 120_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('simulate(options, effects)', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', () => {
    const again = tempDir();
    simulate({ ...base, out: again }, effects);
    const first = digest(out);
    expect(Object.keys(first).length).toBeGreaterThan(100);
    expect(digest(again)).toEqual(first);
    const other = tempDir();
    simulate({ ...base, seed: 8, out: other }, effects);
    expect(digest(other)).not.toEqual(first);
  }, 120_000);

  it('writes one folder per feed with the headers of their format.ts', () => {
    const header = (feed: string) =>
      readFileSync(join(out, feed, feedFiles(out, feed)[0]!), 'utf8').split('\n')[0];
    expect(header('ae')).toBe(aeColumns.join(','));
    expect(header('sitrep')).toBe(sitrepColumns.join(','));
    expect(header('discharge')).toBe(dischargeColumns.join(','));
    expect(
      feedFiles(out, 'adt').every((name) => /^X[A-E]\d0\d-\d{8}T\d{2}b?\.hl7$/.test(name)),
    ).toBe(true);
  });

  it('starts each MSitAE file with the published header, byte for byte, and ends it with the totals', () => {
    const expected = readFileSync('test/fixtures/simulate/msitae-header.csv');
    const files = feedFiles(out, 'ae-monthly');
    expect(files).toEqual(['MSitAE-2025-03.csv', 'MSitAE-2025-04.csv']);
    for (const name of files) {
      const bytes = readFileSync(join(out, 'ae-monthly', name));
      expect(bytes.subarray(0, expected.length).equals(expected)).toBe(true);
      const lines = bytes.toString('utf8').trimEnd().split('\r\n');
      const total = lines.at(-1)!.split(',');
      expect(total.slice(0, 4)).toEqual(['TOTAL', 'TOTAL', 'TOTAL', 'TOTAL']);
      const sum = lines.slice(1, -1).reduce((s, l) => s + Number(l.split(',')[4]), 0);
      expect(Number(total[4])).toBe(sum);
      expect(lines[1]).toMatch(/^MSitAE-(MARCH|APRIL)-2025,XA1,/);
    }
  });

  it('gives every record a valid NHS number from the 999 test range', () => {
    let checked = 0;
    for (const name of feedFiles(out, 'ae')) {
      for (const line of readFileSync(join(out, 'ae', name), 'utf8')
        .trim()
        .split('\n')
        .slice(1)) {
        const nhs = line.slice(line.lastIndexOf(',') + 1);
        expect(isValidNhsNumber(nhs), nhs).toBe(true);
        expect(nhs.startsWith('999')).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('writes well-formed HL7 v2.4 ADT files in event order with unique control ids', () => {
    const ids = new Set<string>();
    const seen = new Set<string>();
    for (const name of feedFiles(out, 'adt')) {
      const text = readFileSync(join(out, 'adt', name), 'utf8');
      let last = '';
      for (const message of text.split(/(?=MSH\|)/)) {
        const segments = message.split('\r').filter(Boolean);
        expect(segments.map((s) => s.slice(0, 3))).toEqual(['MSH', 'EVN', 'PID', 'PV1']);
        const msh = segments[0]!.split('|');
        const event = msh[8]!.split('^')[1]!;
        expect(msh[8]).toBe(`ADT^${event}`);
        expect(adtEvents).toContain(event);
        expect(msh[11]).toBe('2.4');
        expect(msh[3]).toBe(name.slice(0, 5));
        expect(ids.has(msh[9]!)).toBe(false);
        ids.add(msh[9]!);
        seen.add(event);
        const evn = segments[1]!.split('|');
        expect(evn[6]).toMatch(/^\d{14}[+-]\d{4}$/);
        expect(evn[6]! >= last || evn[6]!.slice(12) !== last.slice(12)).toBe(true);
        last = evn[6]!;
        const pid3 = segments[2]!.split('|')[3]!;
        expect(pid3).toMatch(/^\d{10}\^\^\^NHS\^NH$/);
        expect(isValidNhsNumber(pid3.slice(0, 10))).toBe(true);
        const pv1 = segments[3]!.split('|');
        expect(pv1[19]).toMatch(/^X[A-E]\d\d{8}$/);
        expect(pv1[3]).toMatch(/^X[A-E]\d01W\d\d\^\^B\d+\^X[A-E]\d01$/);
      }
    }
    expect(ids.size).toBeGreaterThan(1000);
    for (const event of ['A01', 'A02', 'A03', 'A08']) expect(seen).toContain(event);
  });

  it('links a person across A&E, admission and discharge by one NHS number', () => {
    const admitted = new Map<string, string>();
    for (const name of feedFiles(out, 'ae')) {
      for (const line of readFileSync(join(out, 'ae', name), 'utf8')
        .trim()
        .split('\n')
        .slice(1)) {
        const c = line.split(',');
        if (c[15] === 'ADM') admitted.set(`${c[2]}|${c[14]}|${c[20]}`, c[0]!);
      }
    }
    const spellNhs = new Map<string, string>();
    let linked = 0;
    let admissions = 0;
    for (const name of feedFiles(out, 'adt')) {
      for (const message of readFileSync(join(out, 'adt', name), 'utf8').split(/(?=MSH\|)/)) {
        const [msh, , pid, pv1] = message.split('\r').map((s) => s.split('|'));
        const nhs = pid![3]!.slice(0, 10);
        spellNhs.set(pv1![19]!, nhs);
        if (msh![8] !== 'ADT^A01' || msh![6] !== pv1![44]) continue;
        admissions++;
        const t = pv1![44]!;
        const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:00${t.slice(14, 17)}:${t.slice(17)}`;
        if (admitted.has(`${msh![3]}|${iso}|${nhs}`)) linked++;
      }
    }
    expect(admissions).toBeGreaterThan(200);
    expect(linked / admissions).toBeGreaterThan(0.97);
    let discharges = 0;
    for (const name of feedFiles(out, 'discharge')) {
      for (const line of readFileSync(join(out, 'discharge', name), 'utf8')
        .trim()
        .split('\n')
        .slice(1)) {
        const c = line.split(',');
        if (!spellNhs.has(c[0]!)) continue;
        expect(c[3]).toBe(spellNhs.get(c[0]!));
        discharges++;
      }
    }
    expect(discharges).toBeGreaterThan(100);
  });

  it('writes the region at --scale region: five ICSs of four trusts', () => {
    const region = tempDir();
    const result = simulate(
      { ...base, days: 1, scale: 'region', out: region, warmupDays: 0 },
      effects,
    );
    const trusts = new Set(feedFiles(region, 'ae').map((n) => n.slice(0, 3)));
    expect(trusts.size).toBe(20);
    // About 1.26 attendances per 1,000 people a day for 6.3 million people.
    expect(result.attendances).toBeGreaterThan(6_500);
    expect(result.attendances).toBeLessThan(10_000);
  }, 120_000);

  it('ends a history run at the current hour by default', () => {
    const dir = tempDir();
    const result = simulate({ days: 1, seed: 1, out: dir, warmupDays: 0 }, effects);
    expect(result.end.toISOString()).toBe('2026-01-10T12:00:00.000Z');
    expect(result.start.toISOString()).toBe('2026-01-09T12:00:00.000Z');
  }, 60_000);
});

describe('simulate() with dirty: RATE', () => {
  it('injects faults into the files, each logged in manifest.dirty.json', () => {
    const dir = tempDir();
    simulate({ ...base, out: dir, dirty: 0.2 }, effects);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.dirty.json'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(manifest.length).toBeGreaterThan(50);
    const kinds = new Set(manifest.map((f) => f.fault));
    for (const fault of ['out_of_order', 'repeated_message', 'duplicate_row', 'too_many_columns']) {
      expect(kinds).toContain(fault);
    }
    for (const fault of manifest) {
      const name = String(fault.file);
      expect(readdirSync(join(dir, String(fault.feed)))).toContain(name);
      if (fault.fault === 'utf8_bom') {
        expect(readFileSync(join(dir, String(fault.feed), name)).subarray(0, 3)).toEqual(
          Buffer.from([0xef, 0xbb, 0xbf]),
        );
      }
      if (fault.fault === 'repeated_message') {
        const text = readFileSync(join(dir, 'adt', name), 'utf8');
        expect(text.split(`|${String(fault.controlId)}|`).length).toBe(3);
      }
      if (fault.fault === 'too_many_columns') {
        const line = readFileSync(join(dir, String(fault.feed), name), 'utf8').split('\n')[
          Number(fault.line) - 1
        ]!;
        expect(line.endsWith(',EXTRA')).toBe(true);
      }
    }
    const again = tempDir();
    simulate({ ...base, out: again, dirty: 0.2 }, effects);
    expect(digest(again)).toEqual(digest(dir));
  }, 120_000);
});

/** The latest time stamped anywhere in a feed file (A&E ISO times, HL7 TS), as UTC ms. */
function latestStamp(text: string): number {
  let latest = -Infinity;
  for (const m of text.matchAll(/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})/g))
    latest = Math.max(latest, Date.parse(m[1]!));
  for (const m of text.matchAll(/\|(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})/g))
    latest = Math.max(
      latest,
      Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}:${m[8]}`),
    );
  return latest;
}

/** Files under `out` not seen before, with their content: `seen` is updated. */
function newFiles(out: string, seen: Set<string>): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath, entry.name).slice(out.length + 1);
    if (seen.has(path)) continue;
    seen.add(path);
    found.push({ path, text: readFileSync(join(out, path), 'utf8') });
  }
  return found;
}

describe('startLiveSimulation(options, effects)', () => {
  const minute = 60_000;
  const live = { days: 1, seed: 3, warmupDays: 1, lagHours: 3, speed: 600 };

  /** Runs a live feed on a manual clock minute by minute, checking each file as it appears. */
  function drive(
    out: string,
    clock: ReturnType<typeof createManualClock>,
    until: string,
    options: Partial<LiveOptions> = {},
  ) {
    const seen = new Set<string>();
    const appeared = new Map<string, number>();
    const feed = startLiveSimulation({ ...live, out, ...options }, { clock, log: silent });
    const started = clock.now().getTime();
    newFiles(out, seen);
    while (clock.now().getTime() < Date.parse(until)) {
      clock.advance(minute);
      const now = clock.now().getTime();
      for (const file of newFiles(out, seen)) {
        appeared.set(file.path, now);
        expect(
          latestStamp(file.text),
          `${file.path} at ${clock.now().toISOString()}`,
        ).toBeLessThanOrEqual(now);
      }
    }
    return { feed, appeared, started };
  }

  it('catches up at speed, then writes each hour when it ends and ADT messages as they happen, never ahead of the wall clock', async () => {
    const dir = tempDir();
    const clock = createManualClock('2026-01-10T12:34:00Z');
    const { feed, appeared } = drive(dir, clock, '2026-01-10T13:40:00Z');
    // The history ends three hours before the current hour; the gap is replayed in the first minute.
    expect(feed.historyStart.toISOString()).toBe('2026-01-09T09:00:00.000Z');
    for (const hourFile of ['ae/XA101-20260110T09.csv', 'ae/XA101-20260110T11.csv'])
      expect(appeared.get(hourFile)).toBe(Date.parse('2026-01-10T12:35:00Z'));
    // The hour in progress at the start is written when it ends, not before.
    expect(appeared.get('ae/XA101-20260110T12.csv')).toBe(Date.parse('2026-01-10T13:00:00Z'));
    expect(appeared.has('ae/XA101-20260110T13.csv')).toBe(false);
    // ADT messages come in five-minute files within minutes of happening.
    const adt = [...appeared.keys()].filter((p) => /^adt\/X..01-20260110T13\d\d\.hl7$/.test(p));
    expect(adt.length).toBeGreaterThan(3);
    for (const path of adt) {
      const slotEnd = Date.parse(`2026-01-10T13:${path.slice(-6, -4)}:00Z`) + 5 * minute;
      expect(appeared.get(path)).toBe(slotEnd);
    }
    expect(feed.following()).toBe(true);
    expect(feed.releasedTo().getTime()).toBeLessThanOrEqual(clock.now().getTime());
    await feed.stop();
  }, 60_000);

  it('resumes after a stop where it left off, writing the same files as a run never stopped', async () => {
    const continuous = tempDir();
    drive(
      continuous,
      createManualClock('2026-01-10T12:34:00Z'),
      '2026-01-10T14:10:00Z',
    ).feed.stop();
    const stopped = tempDir();
    const clock = createManualClock('2026-01-10T12:34:00Z');
    const first = drive(stopped, clock, '2026-01-10T13:22:00Z').feed;
    await first.stop();
    clock.advance(10 * minute);
    drive(stopped, clock, '2026-01-10T14:10:00Z', {
      historyWritten: true,
      start: first.historyStart.toISOString(),
      resumeFrom: first.releasedTo().getTime(),
    });
    expect(digest(stopped)).toEqual(digest(continuous));
  }, 60_000);
});

describe('parseSimulateArgs(argv)', () => {
  it('reads the options', () => {
    expect(
      parseSimulateArgs(['--days', '5', '--seed', 'x', '--out', '/tmp/o', '--scale', 'region']),
    ).toMatchObject({
      days: 5,
      seed: 'x',
      out: '/tmp/o',
      scale: 'region',
      live: false,
      batch: 'day',
    });
  });

  it('writes daily files for a history, hourly ones when asked, dirty or live', () => {
    const argv = ['--days', '5', '--out', '/tmp/o'];
    expect(parseSimulateArgs([...argv, '--batch', 'hour']).batch).toBe('hour');
    expect(parseSimulateArgs([...argv, '--dirty', '0.1']).batch).toBe('hour');
    expect(parseSimulateArgs([...argv, '--live']).batch).toBe('hour');
  });

  it.each([
    [['--days', 'x', '--out', 'o'], /--days must be a whole number/],
    [['--days', '3'], /--out DIR is required/],
    [['--days', '3', '--out', 'o', '--scale', 'nation'], /--scale must be ics or region/],
    [['--days', '3', '--out', 'o', '--start', '2025-13-01'], /--start must be a date/],
    [['--days', '3', '--out', 'o', '--dirty', '2'], /--dirty must be a rate/],
    [['--days', '3', '--out', 'o', '--speed', '5'], /--speed only applies with --live/],
    [['--days', '3', '--out', 'o', '--bogus'], /unknown argument --bogus/],
    [['--days', '3', '--out', 'o', '--batch', 'week'], /--batch must be day or hour/],
    [['--days', '3', '--out', 'o', '--batch', 'day', '--dirty', '0.1'], /use --batch hour/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });
});
