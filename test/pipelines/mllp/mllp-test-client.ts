import { connect, type Socket } from 'node:net';
import { MllpFramer } from '../../../pipelines/mllp/index.js';

/** A loopback MLLP client for tests: writes raw bytes, collects ACK frames as text. */
export interface TestClient {
  socket: Socket;
  acks: string[];
  write(bytes: string | Buffer): void;
  /** Resolves once `count` ACKs have arrived in total (rejects after `ms`). */
  waitForAcks(count: number, ms?: number): Promise<string[]>;
  closed: Promise<void>;
}

export async function openTestClient(port: number): Promise<TestClient> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const framer = new MllpFramer(10 * 1024 * 1024);
  const acks: string[] = [];
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    for (const event of framer.push(chunk)) {
      if (event.kind === 'frame') acks.push(event.bytes.toString('utf8'));
    }
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    acks,
    closed,
    write(bytes) {
      socket.write(bytes);
    },
    waitForAcks(count, ms = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${acks.length} of ${count} ACKs after ${ms} ms`)),
          ms,
        );
        const check = () => {
          if (acks.length >= count) {
            clearTimeout(timer);
            resolve(acks.slice(0, count));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
  };
}

/** MSA-1, MSA-2 and MSA-3 of an ACK. */
export function msa(ack: string): { code: string; controlId: string; text: string } {
  const segment = ack.split('\r').find((s) => s.startsWith('MSA|')) ?? '';
  const [, code = '', controlId = '', text = ''] = segment.split('|');
  return { code, controlId, text };
}
