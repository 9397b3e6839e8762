import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestBytes } from '../../../pipelines/ingest/index.js';
import type { Logger } from '../../../pipelines/feeds/feed.js';
import {
  adtIngestStore,
  frameMllp,
  startMllpListener,
  type MllpAck,
  type MllpListener,
  type MllpListenerOptions,
} from '../../../pipelines/mllp/index.js';
import type { Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import {
  adtMessage,
  loadAdtText,
  openAdtWarehouse,
  rows,
  testKeyHex,
} from '../feeds/adt/adt-test-kit.js';
import { msa, openTestClient } from './mllp-test-client.js';

const message = (id: string, extra: Partial<Parameters<typeof adtMessage>[0]> = {}) =>
  adtMessage({
    event: 'A01',
    id,
    at: '20250601101500+0100',
    ward: 'W1',
    visit: `V-${id}`,
    ...extra,
  });

/** A store the test releases by hand, recording every call. */
function gatedStore() {
  const calls: string[][] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  return {
    calls,
    open() {
      release();
    },
    reset() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    store: async (messages: string[]): Promise<MllpAck[]> => {
      calls.push(messages);
      await gate;
      return messages.map(() => ({ ack: 'AA' as const }));
    },
  };
}

const logLines: Array<{ level: string; message: string }> = [];
const log: Logger = {
  info: (m) => logLines.push({ level: 'info', message: m }),
  warn: (m) => logLines.push({ level: 'warn', message: m }),
  error: (m) => logLines.push({ level: 'error', message: m }),
};

let listener: MllpListener | null = null;
async function start(options: Omit<MllpListenerOptions, 'log' | 'port'>): Promise<MllpListener> {
  listener = await startMllpListener({ port: 0, log, ...options });
  return listener;
}
beforeEach(() => {
  logLines.length = 0;
});
afterEach(async () => {
  await listener?.close();
  listener = null;
});

describe('startMllpListener(options)', () => {
  it('binds 127.0.0.1 and answers nothing until the store resolves, then AA in order', async () => {
    const gated = gatedStore();
    const { port } = await start({ store: gated.store });
    const client = await openTestClient(port);
    expect(client.socket.remoteAddress).toBe('127.0.0.1');
    const bytes = Buffer.from(
      [message('M1'), message('M2'), message('M3')].map(frameMllp).join(''),
    );
    // Two writes, the first ending inside the first frame: each is handed to the kernel before
    // the next, so the listener has to join frames split across reads.
    await new Promise<void>((resolve) =>
      client.socket.write(bytes.subarray(0, 37), () => resolve()),
    );
    await new Promise<void>((resolve) => client.socket.write(bytes.subarray(37), () => resolve()));
    await vi.waitFor(() => expect(gated.calls.flat().length).toBe(3), {
      timeout: 10_000,
      interval: 5,
    });
    expect(client.acks).toEqual([]);
    gated.open();
    const acks = await client.waitForAcks(3);
    expect(acks.map(msa)).toEqual([
      { code: 'AA', controlId: 'M1', text: '' },
      { code: 'AA', controlId: 'M2', text: '' },
      { code: 'AA', controlId: 'M3', text: '' },
    ]);
    client.socket.destroy();
  });

  it('hands messages that arrive together to one store call', async () => {
    const gated = gatedStore();
    gated.open();
    const { port } = await start({ store: gated.store });
    const client = await openTestClient(port);
    client.write(Array.from({ length: 20 }, (_, i) => frameMllp(message(`B${i}`))).join(''));
    await client.waitForAcks(20);
    expect(gated.calls.length).toBe(1);
    expect(gated.calls[0]!.length).toBe(20);
    client.socket.destroy();
  });

  it('answers AE with the reason when the store fails, and keeps serving', async () => {
    let shouldFail = true;
    const { port } = await start({
      store: async (messages) => {
        if (shouldFail) throw new Error('disk full');
        return messages.map(() => ({ ack: 'AA' as const }));
      },
    });
    const client = await openTestClient(port);
    client.write(frameMllp(message('F1')));
    const [failed] = await client.waitForAcks(1);
    expect(msa(failed!)).toMatchObject({ code: 'AE', controlId: 'F1' });
    expect(msa(failed!).text).toContain('store_failed');
    shouldFail = false;
    client.write(frameMllp(message('F2')));
    const acks = await client.waitForAcks(2);
    expect(msa(acks[1]!)).toMatchObject({ code: 'AA', controlId: 'F2' });
    expect(logLines.some((line) => line.level === 'error')).toBe(true);
    client.socket.destroy();
  });

  it('drops garbage between frames, answers oversized and non-HL7 frames AR, and never crashes', async () => {
    const gated = gatedStore();
    gated.open();
    const { port } = await start({ store: gated.store, maxFrameBytes: 2000 });
    const client = await openTestClient(port);
    const big = message('BIG', { bed: 'x'.repeat(5000) });
    client.write(
      `${frameMllp(message('G1'))}noise\r\nmore noise${frameMllp(big)}${frameMllp('hello')}`,
    );
    client.write(Buffer.from([0xff, 0xfe, 0x00, 0x0b]));
    client.write(frameMllp(message('G2')));
    const acks = (await client.waitForAcks(4)).map(msa);
    expect(acks.map((a) => [a.code, a.controlId])).toEqual([
      ['AA', 'G1'],
      ['AR', 'BIG'],
      ['AR', ''],
      ['AA', 'G2'],
    ]);
    expect(acks[1]!.text).toContain('message_too_large');
    expect(acks[2]!.text).toContain('not_hl7');
    expect(gated.calls.flat().map((m) => m.slice(0, 3))).toEqual(['MSH', 'MSH']);
    expect(logLines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(3);
    client.socket.destroy();
  });

  it('closes a connection whose first bytes are not a start block: an HTTP POST cannot smuggle a frame in', async () => {
    const gated = gatedStore();
    gated.open();
    const { port } = await start({ store: gated.store });
    const client = await openTestClient(port);
    const frame = frameMllp(message('SMUGGLED'));
    client.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nContent-Length: ${frame.length}\r\n\r\n${frame}`,
    );
    await client.closed;
    expect(client.acks).toEqual([]);
    expect(gated.calls).toEqual([]);
    expect(logLines.some((l) => l.message.includes('not an MLLP start block'))).toBe(true);
  });

  it('closes a connection from a peer outside allowedPeers before reading it', async () => {
    const gated = gatedStore();
    gated.open();
    const guarded = await start({ store: gated.store, allowedPeers: ['10.9.9.9'] });
    const client = await openTestClient(guarded.port);
    client.write(frameMllp(message('OUTSIDER')));
    await client.closed;
    expect(gated.calls).toEqual([]);
    await guarded.close();
    const allowed = await start({ store: gated.store, allowedPeers: ['127.0.0.1'] });
    const insider = await openTestClient(allowed.port);
    insider.write(frameMllp(message('INSIDER')));
    expect(msa((await insider.waitForAcks(1))[0]!).code).toBe('AA');
    insider.socket.destroy();
  });

  it('close() waits for messages in flight, acknowledges them, then ends connections', async () => {
    const gated = gatedStore();
    const server = await start({ store: gated.store });
    const client = await openTestClient(server.port);
    client.write(frameMllp(message('C1')) + frameMllp(message('C2')));
    await vi.waitFor(() => expect(gated.calls.flat().length).toBe(2), {
      timeout: 10_000,
      interval: 5,
    });
    let isClosed = false;
    const closing = server.close().then(() => (isClosed = true));
    listener = null;
    // close() has stopped taking connections, and is still waiting for the two messages
    await vi.waitFor(
      () =>
        new Promise<void>((resolve, reject) => {
          const probe = connect({ host: '127.0.0.1', port: server.port });
          probe.once('connect', () => (probe.destroy(), reject(new Error('still accepting'))));
          probe.once('error', () => resolve());
        }),
      { timeout: 10_000, interval: 20 },
    );
    expect(isClosed).toBe(false);
    expect(client.acks).toEqual([]);
    gated.open();
    await closing;
    await client.closed;
    expect(client.acks.map((ack) => msa(ack).controlId)).toEqual(['C1', 'C2']);
  });
});

describe('adtIngestStore(options) behind the listener', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await openAdtWarehouse();
  });
  afterEach(() => warehouse.close());

  it('stores messages in the warehouse and answers AE/AR with the quarantine reason', async () => {
    const { connection } = warehouse;
    const store = adtIngestStore({
      connection,
      ingest: async (_name, bytes) => {
        const { fileId } = await loadAdtText(connection, Buffer.from(bytes).toString('utf8'));
        return { fileId, status: 'loaded' };
      },
    });
    const { port } = await start({ store });
    const client = await openTestClient(port);
    client.write(
      [
        message('S1'),
        message('S2', { nhs: '9434765918' }),
        message('S3', { event: 'A04' }),
        message('S4', { ward: 'NOPE' }),
        message('S1'),
        `${message('S5')}\r${message('S6')}`,
      ]
        .map(frameMllp)
        .join(''),
    );
    const acks = (await client.waitForAcks(6)).map(msa);
    expect(acks.map((a) => [a.code, a.controlId])).toEqual([
      ['AA', 'S1'],
      ['AE', 'S2'],
      ['AR', 'S3'],
      ['AE', 'S4'],
      ['AA', 'S1'],
      ['AR', 'S5'],
    ]);
    expect(acks[1]!.text).toMatch(/^nhs_number_checksum: /);
    expect(acks[2]!.text).toMatch(/^unsupported_event: /);
    expect(acks[3]!.text).toMatch(/^unknown_ward: /);
    expect(await rows(connection, 'SELECT message_control_id FROM bed_event')).toEqual([
      { message_control_id: 'S1' },
    ]);
    expect(
      await rows(connection, 'SELECT reason_code FROM quarantine ORDER BY line_number'),
    ).toEqual([
      { reason_code: 'nhs_number_checksum' },
      { reason_code: 'unsupported_event' },
      { reason_code: 'unknown_ward' },
    ]);
    client.socket.destroy();
  });

  it('lands each batch through the ingest engine: a ledger row that reconciles, ACKs after commit', async () => {
    const { connection } = warehouse;
    const tmpDir = mkdtempSync(join(tmpdir(), 'mllp-ingest-'));
    try {
      const effects = {
        connection,
        now: () => new Date(),
        log,
        pseudonymKeyHex: testKeyHex,
        tmpDir,
      };
      const store = adtIngestStore({
        connection,
        ingest: (name, bytes) => ingestBytes('adt', name, bytes, effects),
      });
      const { port } = await start({ store });
      const client = await openTestClient(port);
      client.write(
        [message('E1'), message('E2', { nhs: '123' }), message('E1')].map(frameMllp).join(''),
      );
      const acks = (await client.waitForAcks(3)).map(msa);
      expect(acks.map((a) => [a.code, a.controlId])).toEqual([
        ['AA', 'E1'],
        ['AE', 'E2'],
        ['AA', 'E1'],
      ]);
      expect(
        await rows(
          connection,
          "SELECT status, rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM ingest_file WHERE feed = 'adt'",
        ),
      ).toEqual([
        {
          status: 'loaded',
          rows_in: 3n,
          rows_loaded: 1n,
          rows_quarantined: 1n,
          rows_duplicate: 1n,
        },
      ]);
      expect(await rows(connection, 'SELECT spell_id, status FROM spell')).toEqual([
        { spell_id: 'V-E1', status: 'admitted' },
      ]);
      client.socket.destroy();
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  });
});
