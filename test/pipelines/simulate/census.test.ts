import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../pipelines/clock/index.js';
import { parseAdtMessage, type AdtMessage } from '../../../pipelines/feeds/adt/index.js';
import type { FeedSink } from '../../../pipelines/simulate/feed-sink.js';
import { simulate, startLiveSimulation } from '../../../pipelines/simulate/index.js';
import { readReference } from '../../../pipelines/simulate/read-reference.js';
import { RegionSimulation } from '../../../pipelines/simulate/region-simulation.js';
import {
  openWarehouse,
  seedReference,
  type Warehouse,
} from '../../../pipelines/warehouse/index.js';
import { loadAdtText, rows } from '../feeds/adt/adt-test-kit.js';
import { feedFiles } from './read-feed.js';

// The census: the first hour a simulator writes starts with an A01 for every patient already
// in a bed, with a control id of its own (`<site>C<spell>`), so an ADT feed that starts there
// knows who is in hospital. Two days of the demo ICS are simulated unwritten first (the beds
// fill from empty), then three hours are written, away from the clock changes.

const hour = 3_600_000;
const day = 24 * hour;
const firstWritten = Date.parse('2025-11-12T10:00:00Z');
const warmStart = firstWritten - 2 * day;
const windowEnd = firstWritten + 3 * hour;
const silent = { info() {}, warn() {}, error() {} };
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-census-'));
  dirs.push(dir);
  return dir;
};

/** The messages of a file of HL7 text, as the ADT feed reads them. */
function messagesOf(text: string): Array<{ text: string; message: AdtMessage }> {
  return text
    .split(/(?=MSH\|)/)
    .filter((part) => part.startsWith('MSH'))
    .map((part) => {
      const parsed = parseAdtMessage(part);
      if (!('message' in parsed)) throw new Error(`unreadable message: ${part}`);
      return { text: part, message: parsed.message };
    });
}

const isCensus = (m: AdtMessage): boolean => m.control_id === `${m.sending_facility}C${m.spell_id}`;

/** Every ADT message of the files under `out`, in file order. */
function adtFolder(out: string): Array<{ text: string; message: AdtMessage }> {
  return feedFiles(out, 'adt').flatMap((name) =>
    messagesOf(readFileSync(join(out, 'adt', name), 'utf8')),
  );
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('RegionSimulation.step(start, sink): the census', () => {
  it('writes one census A01 for each patient in a bed in the first hour written, and none later', () => {
    const simulation = new RegionSimulation(readReference(), 'ics', 'census', {
      adtSlotMinutes: 5,
    });
    for (let t = warmStart; t < firstWritten; t += hour) simulation.step(t, undefined);
    const inBeds = new Map<string, { spell: string; ward: string; bed: string }>();
    for (const ics of simulation.icss) {
      for (const site of ics.sites) {
        for (const spell of site.beds.inpatients) {
          inBeds.set(`${site.code}C${spell.id}`, {
            spell: spell.id,
            ward: spell.ward.code,
            bed: 'B' + String(spell.bed).padStart(2, '0'),
          });
        }
      }
    }
    const files: Array<{ completeAt: number; text: string }> = [];
    const sink: FeedSink = {
      write(feed, _name, content, completeAt) {
        if (feed === 'adt') files.push({ completeAt: completeAt!, text: String(content) });
      },
    };
    for (let t = firstWritten; t < windowEnd; t += hour) simulation.step(t, sink);

    expect(inBeds.size).toBeGreaterThan(100);
    const firstHour = files
      .filter((f) => f.completeAt <= firstWritten + hour)
      .flatMap((f) => messagesOf(f.text).map((m) => m.message));
    const census = firstHour.filter(isCensus);
    expect(census.map((m) => m.control_id).sort()).toEqual([...inBeds.keys()].sort());
    for (const m of census) {
      expect(m.event_type).toBe('A01');
      expect(m.event_at.getTime()).toBe(firstWritten);
      expect({ spell: m.spell_id, ward: m.ward_code, bed: m.bed }).toEqual(
        inBeds.get(m.control_id),
      );
    }
    const later = files
      .filter((f) => f.completeAt > firstWritten + hour)
      .flatMap((f) => messagesOf(f.text).map((m) => m.message));
    expect(later.length).toBeGreaterThan(10);
    expect(later.filter(isCensus)).toEqual([]);
  });
});

describe('startLiveSimulation(options, effects): the census read by the ADT feed', () => {
  const seed = 5;
  /** The live window's messages: a feed started at `firstWritten` with beds already full. */
  let live: Array<{ text: string; message: AdtMessage }>;
  /** A warehouse that loaded only the live window. */
  let fromLive: Warehouse;
  /** A warehouse that loaded the same ICS from empty beds up to the end of the window. */
  let fromEmpty: Warehouse;

  const openIcsWarehouse = async (): Promise<Warehouse> => {
    const warehouse = await openWarehouse(':memory:');
    await seedReference(warehouse.connection, 'data/reference');
    return warehouse;
  };
  const spellState = (connection: DuckDBConnection, where = 'true') =>
    rows(
      connection,
      `SELECT spell_id, patient_id, site_code, status, admitted_at, discharged_at, ward_code, bed
       FROM spell WHERE ${where} ORDER BY spell_id`,
    );
  const wardStays = (connection: DuckDBConnection) =>
    rows(connection, 'SELECT * FROM ward_stay ORDER BY spell_id, from_at');

  beforeAll(async () => {
    const liveOut = tempDir();
    const clock = createManualClock(windowEnd);
    const feed = startLiveSimulation(
      {
        days: 0,
        seed,
        out: liveOut,
        start: new Date(firstWritten).toISOString(),
        warmupDays: 2,
        speed: 600,
      },
      { clock, log: silent },
    );
    clock.advance(1000);
    expect(feed.releasedTo().getTime()).toBeGreaterThanOrEqual(windowEnd);
    await feed.stop();
    live = adtFolder(liveOut);

    // The same seed written from the start of the warm-up, when the beds are empty: every
    // admission is in the files, so no census is needed.
    const emptyOut = tempDir();
    simulate(
      {
        days: 3,
        seed,
        out: emptyOut,
        start: new Date(warmStart).toISOString(),
        warmupDays: 0,
        batch: 'hour',
      },
      { clock, log: silent },
    );
    const upToWindowEnd = adtFolder(emptyOut).filter(
      (m) => m.message.event_at.getTime() < windowEnd,
    );
    fromEmpty = await openIcsWarehouse();
    await loadAdtText(fromEmpty.connection, upToWindowEnd.map((m) => m.text).join(''));
    fromLive = await openIcsWarehouse();
    await loadAdtText(fromLive.connection, live.map((m) => m.text).join(''));
  }, 120_000);

  afterAll(async () => {
    await fromLive?.close();
    await fromEmpty?.close();
  });

  it('writes the census in the first hour of a live window only', () => {
    const census = live.filter((m) => isCensus(m.message));
    expect(census.length).toBeGreaterThan(100);
    for (const { message } of census) {
      expect(message.event_type).toBe('A01');
      expect(message.event_at.getTime()).toBe(firstWritten);
    }
    expect(new Set(census.map((m) => m.message.spell_id)).size).toBe(census.length);
  });

  it('lets a feed that starts with the live window end it with the same patients in the same beds as one that saw them admitted', async () => {
    const known = await spellState(
      fromEmpty.connection,
      `status = 'admitted' OR last_event_at >= TIMESTAMP '${new Date(firstWritten).toISOString().slice(0, 19)}'`,
    );
    expect(known.filter((s) => s.status === 'admitted').length).toBeGreaterThan(100);
    expect(await spellState(fromLive.connection)).toEqual(known);
  });

  it('adds no spell, stay or bed when the census comes again for spells the feed already has', async () => {
    const { connection } = fromEmpty;
    const spells = await spellState(connection);
    const stays = await wardStays(connection);
    const census = live.filter((m) => isCensus(m.message));
    expect(census.length).toBeGreaterThan(100);
    // A census after the admissions: new A01s (their control ids are new) for admitted spells.
    const first = await loadAdtText(connection, live.map((m) => m.text).join(''));
    expect(first).toMatchObject({
      loaded: census.length,
      duplicate: live.length - census.length,
      quarantined: 0,
    });
    expect(await spellState(connection)).toEqual(spells);
    expect(await wardStays(connection)).toEqual(stays);
    // The same census sent again: duplicates by control id.
    const again = await loadAdtText(connection, census.map((m) => m.text).join(''));
    expect(again).toMatchObject({ loaded: 0, duplicate: census.length });
    expect(await spellState(connection)).toEqual(spells);
    expect(await wardStays(connection)).toEqual(stays);
  });
});
