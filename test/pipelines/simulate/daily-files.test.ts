import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, simulateFollowingHours } from '../../../pipelines/simulate/index.js';
import { feedFiles } from './read-feed.js';

const effects = {
  clock: { now: () => new Date('2026-01-01T00:00:00Z') },
  log: { info() {}, warn() {}, error() {} },
};
const root = mkdtempSync(join(tmpdir(), 'simulate-daily-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// From mid-morning on Saturday 25 October 2025 over the clock change (the repeated 01:00 hour)
// to mid-morning on Monday: a partial first and last day.
const base = { days: 2, seed: 'daily', start: '2025-10-25T09:00:00Z' };
const hourly = join(root, 'hour');
const daily = join(root, 'day');

beforeAll(() => {
  simulate({ ...base, out: hourly, batch: 'hour' }, effects);
  simulate({ ...base, out: daily, batch: 'day' }, effects);
});

/** `20251026T01b` sorts after `20251026T01`: the hourly files in the order they describe. */
const hourKey = (name: string): string => /-(\d{8}T\d{2}b?)\.\w+$/.exec(name)![1]!;

/** What a day's extract built from the hourly files holds: the last line per attendance. */
function hourlyByDay(feed: 'ae' | 'adt'): Map<string, string[]> {
  const names = feedFiles(hourly, feed).sort((a, b) => (hourKey(a) < hourKey(b) ? -1 : 1));
  const days = new Map<string, Map<string, string>>();
  let message = 0;
  for (const name of names) {
    const day = hourKey(name).slice(0, 8);
    let records = days.get(day);
    if (!records) days.set(day, (records = new Map()));
    const text = readFileSync(join(hourly, feed, name), 'utf8');
    if (feed === 'adt') {
      for (const m of text.split(/(?=MSH\|)/)) records.set(String(message++), m);
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      if (line) records.set(line.slice(0, line.indexOf(',')), line);
    }
  }
  return new Map([...days].map(([day, records]) => [day, [...records.values()].sort()]));
}

function dailyByDay(feed: 'ae' | 'adt'): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const name of feedFiles(daily, feed)) {
    const day = /-(\d{8})\.\w+$/.exec(name)![1]!;
    const text = readFileSync(join(daily, feed, name), 'utf8');
    const records =
      feed === 'adt' ? text.split(/(?=MSH\|)/) : text.split('\n').slice(1).filter(Boolean);
    days.set(day, records.sort());
  }
  return days;
}

describe("simulate() with batch: 'day'", () => {
  it('writes one A&E and one ADT file per local day, the repeated hour included', () => {
    expect(feedFiles(daily, 'ae')).toEqual([
      'ae-20251025.csv',
      'ae-20251026.csv',
      'ae-20251027.csv',
    ]);
    expect(feedFiles(daily, 'adt')).toEqual([
      'adt-20251025.hl7',
      'adt-20251026.hl7',
      'adt-20251027.hl7',
    ]);
  });

  it("holds each day's last A&E record per attendance, as the hourly files give it", () => {
    const expected = hourlyByDay('ae');
    const actual = dailyByDay('ae');
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [day, lines] of expected) expect(actual.get(day), day).toEqual(lines);
  });

  it('holds every ADT message of the hourly files of its day', () => {
    const expected = hourlyByDay('adt');
    const actual = dailyByDay('adt');
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [day, messages] of expected) expect(actual.get(day), day).toEqual(messages);
  });

  it('writes the other feeds exactly as the hourly run does', () => {
    for (const feed of ['sitrep', 'discharge', 'ae-monthly']) {
      const names = feedFiles(hourly, feed);
      expect(feedFiles(daily, feed)).toEqual(names);
      for (const name of names)
        expect(
          readFileSync(join(daily, feed, name)).equals(readFileSync(join(hourly, feed, name))),
          name,
        ).toBe(true);
    }
  });
});

describe('simulateFollowingHours()', () => {
  // The hours after a one-day daily history, from 09:00 on Sunday to 01:00 on Monday: the
  // hourly run of two days wrote the same hours (the midnight discharge file among them).
  const following = join(root, 'following');
  let written = { files: 0, bytes: 0 };
  beforeAll(() => {
    written = simulateFollowingHours({ ...base, days: 1, batch: 'day' }, 16, following, effects);
  });

  it('writes the hours after the history byte for byte as one hourly run does', () => {
    const stamps = new Set<string>();
    let files = 0;
    for (const feed of ['ae', 'adt', 'discharge']) {
      for (const name of feedFiles(following, feed)) {
        files++;
        if (feed === 'ae' || feed === 'adt') stamps.add(hourKey(name));
        expect(
          readFileSync(join(following, feed, name)).equals(readFileSync(join(hourly, feed, name))),
          name,
        ).toBe(true);
      }
    }
    expect(written.files).toBe(files);
    expect([...stamps].sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => {
        const at = new Date(Date.parse('2025-10-26T09:00:00Z') + i * 3_600_000);
        return `${at.toISOString().slice(0, 10).replaceAll('-', '')}T${String(at.getUTCHours()).padStart(2, '0')}`;
      }),
    );
    expect(feedFiles(following, 'discharge')).toEqual(['discharge-2025-10-26.csv']);
    expect(readdirSync(following).sort()).toEqual(['adt', 'ae', 'discharge']);
  });

  it('refuses a number of hours that is not a whole number from 1', () => {
    expect(() => simulateFollowingHours({ ...base, days: 1 }, 0, following, effects)).toThrow(
      'hours must be a whole number ≥ 1, got 0',
    );
  });
});
