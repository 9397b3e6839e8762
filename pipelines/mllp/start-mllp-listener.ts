import { createServer, type Socket } from 'node:net';
import type { Logger } from '../feeds/feed.js';
import { frameMllp } from './frame-mllp.js';
import { buildHl7Ack, type MllpAck } from './hl7-ack.js';
import { MllpFramer } from './mllp-framer.js';

/**
 * Durably stores messages and says how each went, in order. The listener acknowledges a
 * message only after the promise resolves; a rejection answers every message of the batch AE.
 */
export type MllpStore = (messages: string[]) => Promise<MllpAck[]>;

export interface MllpListenerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 2575; 0 picks a free port. */
  port?: number;
  store: MllpStore;
  log: Logger;
  /** Frames larger than this are answered AR unread. Default 1 MiB. */
  maxFrameBytes?: number;
  /** At most this many messages per store call. Default 1000. */
  maxBatch?: number;
  /** A connection with this many messages awaiting their ACK stops being read. Default 5000. */
  maxPendingPerConnection?: number;
  now?: () => Date;
  /**
   * Peer addresses allowed to connect (e.g. the integration engine's); others are closed on
   * connect. Default: any (the listener binds 127.0.0.1 unless configured otherwise).
   */
  allowedPeers?: readonly string[];
}

/** 0x0B, the MLLP start block: the first byte a sender writes on a connection. */
const startBlock = 0x0b;

/** An IPv4 peer as Node reports it on a dual-stack socket (::ffff:1.2.3.4) written plainly. */
function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export interface MllpListener {
  port: number;
  /** Stops accepting, stores and acknowledges every message already received, then closes. */
  close(): Promise<void>;
}

interface Connection {
  socket: Socket;
  pending: number;
  isClosed: boolean;
  isPaused: boolean;
}

interface Received {
  connection: Connection;
  text: string;
  /** An answer decided without storing (oversized, not HL7). */
  preset?: MllpAck;
}

/**
 * A TCP server speaking MLLP: every complete frame is queued, queued messages are handed to
 * `store` together (one call at a time, so messages that arrive together share one
 * transaction), and each is answered with an HL7 ACK once the store has resolved.
 * Garbage between frames is dropped with a log line; oversized frames are answered AR. A
 * connection whose first byte is not the MLLP start block is closed unread, and with
 * `allowedPeers` only those addresses may connect.
 */
export async function startMllpListener(options: MllpListenerOptions): Promise<MllpListener> {
  const host = options.host ?? '127.0.0.1';
  const maxFrameBytes = options.maxFrameBytes ?? 1024 * 1024;
  const maxBatch = options.maxBatch ?? 1000;
  const maxPending = options.maxPendingPerConnection ?? 5000;
  const now = options.now ?? (() => new Date());
  const { log, store } = options;
  const connections = new Set<Connection>();
  const queue: Received[] = [];
  let draining: Promise<void> | null = null;
  let isClosing = false;

  const server = createServer((socket) => {
    // ACKs are small writes awaited by the sender: without this, Nagle's algorithm and the
    // peer's delayed ACK add ~40 ms to every send-and-wait round trip on Linux.
    socket.setNoDelay(true);
    const connection: Connection = { socket, pending: 0, isClosed: false, isPaused: false };
    connections.add(connection);
    const framer = new MllpFramer(maxFrameBytes);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    if (
      options.allowedPeers &&
      !options.allowedPeers.includes(plainAddress(socket.remoteAddress))
    ) {
      log.warn('mllp: connection from a peer not in allowedPeers closed', { peer });
      socket.destroy();
      return;
    }
    let first = true;
    socket.on('data', (chunk: Buffer) => {
      if (first && chunk.length > 0) {
        first = false;
        // A sender's first byte is a start block; anything else (an HTTP request a web page
        // made a browser send here, a port scanner) is not read for frames at all.
        if (chunk[0] !== startBlock) {
          log.warn('mllp: connection closed: its first bytes are not an MLLP start block', {
            peer,
            first: chunk
              .subarray(0, 16)
              .toString('latin1')
              .replace(/[^\x20-\x7e]/g, '.'),
          });
          socket.destroy();
          return;
        }
      }
      for (const event of framer.push(chunk)) {
        if (event.kind === 'garbage') {
          log.warn('mllp: dropped bytes outside any frame', { peer, bytes: event.size });
        } else if (event.kind === 'oversized') {
          log.warn('mllp: frame over the size cap answered AR', { peer, bytes: event.size });
          enqueue(connection, event.head.toString('utf8'), {
            ack: 'AR',
            code: 'message_too_large',
            text: `message_too_large: ${event.size} bytes, over the cap of ${maxFrameBytes}`,
          });
        } else {
          const text = event.bytes.toString('utf8');
          const isHl7 = text.trimStart().startsWith('MSH');
          if (!isHl7) log.warn('mllp: frame without an MSH segment answered AR', { peer });
          enqueue(
            connection,
            text,
            isHl7
              ? undefined
              : { ack: 'AR', code: 'not_hl7', text: 'not_hl7: the frame does not start with MSH' },
          );
        }
      }
    });
    socket.on('error', (error) => {
      log.warn('mllp: connection error', { peer, error: error.message });
    });
    socket.on('close', () => {
      connection.isClosed = true;
      connections.delete(connection);
    });
  });

  function enqueue(connection: Connection, text: string, preset?: MllpAck): void {
    queue.push({ connection, text, preset });
    connection.pending += 1;
    if (connection.pending >= maxPending && !connection.isPaused) {
      connection.isPaused = true;
      connection.socket.pause();
    }
    if (draining === null) {
      draining = drain().finally(() => {
        draining = null;
      });
    }
  }

  async function drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      await storeAndAcknowledge(queue.splice(0, maxBatch));
    }
  }

  async function storeAndAcknowledge(batch: Received[]): Promise<void> {
    const toStore = batch.filter((item) => item.preset === undefined);
    let results: MllpAck[] = [];
    if (toStore.length > 0) {
      try {
        results = await store(toStore.map((item) => item.text));
        if (results.length !== toStore.length) {
          throw new Error(`store answered ${results.length} messages for ${toStore.length}`);
        }
      } catch (error) {
        log.error('mllp: store failed; the batch is answered AE', {
          messages: toStore.length,
          error: (error as Error).message,
        });
        const failed: MllpAck = {
          ack: 'AE',
          code: 'store_failed',
          text: 'store_failed: the message was not stored; send it again',
        };
        results = toStore.map(() => failed);
      }
    }
    let next = 0;
    const at = now();
    for (const item of batch) {
      const result = item.preset ?? results[next++]!;
      const { connection } = item;
      connection.pending -= 1;
      if (!connection.isClosed && !connection.socket.destroyed) {
        connection.socket.write(frameMllp(buildHl7Ack(item.text, result, at)));
      }
      if (connection.isPaused && connection.pending < maxPending / 2 && !isClosing) {
        connection.isPaused = false;
        connection.socket.resume();
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 2575, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('mllp: server error', { error: error.message }));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  log.info('mllp: listening', { host, port });

  return {
    port,
    async close() {
      isClosing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.socket.pause();
      while (draining !== null) await draining;
      for (const connection of connections) connection.socket.end();
      const forced = setTimeout(() => {
        for (const connection of connections) connection.socket.destroy();
      }, 2000);
      await closed;
      clearTimeout(forced);
      log.info('mllp: closed', { port });
    },
  };
}
