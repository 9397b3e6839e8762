import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { frameMllp } from '../../pipelines/mllp/index.js';
import { refreshQueued } from '../../pipelines/refresh/index.js';
import { formatAdtMessage, type AdtMessageInput } from '../../pipelines/simulate/index.js';
import type { HubEvent } from '../../server/events/event-hub.js';
import { startObservatory, type Observatory } from '../../service/observatory.js';
import { openTestClient } from '../pipelines/mllp/mllp-test-client.js';

const silent: Logger = { info() {}, warn() {}, error() {} };
const at = Date.parse('2025-11-03T10:00:00Z');
const minute = 60_000;

function adt(
  event: AdtMessageInput['event'],
  spellId: string,
  offset: number,
  more: Partial<AdtMessageInput> = {},
): string {
  return formatAdtMessage({
    event,
    controlId: `${spellId}-${event}`,
    siteCode: 'XA101',
    icsCode: 'XQA',
    at: at + offset * minute,
    nhsNumber: '9434765919',
    birthDate: '19500101',
    sex: 'F',
    spellId,
    ward: 'XA101W01',
    bed: 'B1',
    admittedAt: at,
    ...more,
  });
}

let dir: string;
let observatory: Observatory;
let release: () => void = () => undefined;
let refreshEntered: () => void = () => undefined;
const entered = new Promise<void>((resolve) => (refreshEntered = resolve));
const released = new Promise<void>((resolve) => (release = resolve));
/** Refreshes since the test armed the gate. */
let refreshes = 0;
let armed = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mllp-ack-'));
  const reference = join(dir, 'reference');
  mkdirSync(reference);
  for (const file of ['org.synthetic.csv', 'lsoa.synthetic.csv', 'ward.synthetic.csv'])
    cpSync(join(import.meta.dirname, '..', '..', 'data', 'reference', file), join(reference, file));
  const config = loadConfig({
    OBSERVATORY_DATA: join(dir, 'data'),
    OBSERVATORY_CONFIG: '',
    PORT: '0',
    MLLP_PORT: '0',
    OBSERVATORY_DEMO: '0',
  });
  observatory = await startObservatory({
    config: { ...config, referenceDir: reference, settings: {} },
    log: silent,
    demo: false,
    published: false,
    schedules: false,
    // The first refresh once armed holds until the test releases it: a refresh as slow as we like.
    refresh: async (connection, effects) => {
      if (armed) refreshes += 1;
      if (armed && refreshes === 1) {
        refreshEntered();
        await released;
      }
      return refreshQueued(connection, effects);
    },
  });
  await observatory.ready;
}, 60_000);

afterAll(async () => {
  release();
  await observatory?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MLLP ACKs while a refresh runs', () => {
  it('answers A01/A02/A03 once each message commits, not after the refresh; the live state follows', async () => {
    // A pushed file starts a refresh, which then holds.
    armed = true;
    const first = await observatory.writer.ingest(
      'adt',
      'first.hl7',
      Buffer.from(frameMllp(adt('A01', 'SP-1', 0)), 'utf8'),
    );
    expect(first.status).toBe('loaded');
    await entered;

    const events: HubEvent[] = [];
    const unsubscribe = observatory.events.subscribe((event) => events.push(event));
    const client = await openTestClient(observatory.mllpPort!);
    const messages = [
      adt('A01', 'SP-2', 5),
      adt('A02', 'SP-2', 10, { ward: 'XA101W02', bed: 'B7', priorWard: 'XA101W01' }),
      adt('A03', 'SP-1', 15, { dischargedAt: at + 15 * minute }),
    ];
    for (const message of messages) client.write(frameMllp(message));
    const acks = await client.waitForAcks(3, 10_000);
    // Every ACK is in while the first refresh is still held.
    expect(refreshes).toBe(1);
    expect(acks.map((ack) => ack.split('\r')[1]?.split('|')[1])).toEqual(['AA', 'AA', 'AA']);
    expect(events.filter((e) => e.type === 'data_landed').length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.type === 'live_changed')).toBe(false);

    // Released, the pending refresh takes the messages in: live state and the event stream.
    release();
    await observatory.writer.idle();
    expect(refreshes).toBe(2);
    expect(events.some((e) => e.type === 'live_changed')).toBe(true);
    const response = await fetch(`${observatory.url}/api/live`, {
      headers: { Authorization: `Bearer ${observatory.cliToken}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      wards: Array<{ ward_code: string; occupied: number }>;
    };
    const occupied = Object.fromEntries(
      body.wards
        .filter((row) => row.ward_code === 'XA101W01' || row.ward_code === 'XA101W02')
        .map((row) => [row.ward_code, Number(row.occupied)]),
    );
    expect(occupied).toEqual({ XA101W01: 0, XA101W02: 1 });
    unsubscribe();
    client.socket.destroy();
  }, 60_000);
});
