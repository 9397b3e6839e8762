import { describe, expect, it } from 'vitest';
import { MllpFramer, frameMllp, type MllpFrameEvent } from '../../../pipelines/mllp/index.js';

const frames = (events: MllpFrameEvent[]) =>
  events.flatMap((event) => (event.kind === 'frame' ? [event.bytes.toString('utf8')] : []));

describe('MllpFramer.push(chunk)', () => {
  it('finds several frames in one chunk', () => {
    const framer = new MllpFramer(1000);
    const events = framer.push(
      Buffer.from(frameMllp('MSH|a') + frameMllp('MSH|b') + frameMllp('MSH|c')),
    );
    expect(frames(events)).toEqual(['MSH|a', 'MSH|b', 'MSH|c']);
    expect(events.some((event) => event.kind === 'garbage')).toBe(false);
  });

  it('joins a frame split across chunks, one byte at a time', () => {
    const framer = new MllpFramer(1000);
    const bytes = Buffer.from(frameMllp('MSH|é split\rPID|1') + frameMllp('MSH|next'));
    const found: string[] = [];
    for (let i = 0; i < bytes.length; i += 1)
      found.push(...frames(framer.push(bytes.subarray(i, i + 1))));
    expect(found).toEqual(['MSH|é split\rPID|1', 'MSH|next']);
  });

  it('drops garbage between frames and a frame cut short by a new start block', () => {
    const framer = new MllpFramer(1000);
    const events = framer.push(
      Buffer.from(`junk\r\n${frameMllp('MSH|a')}xx\x0bMSH|cut${frameMllp('MSH|b')}`),
    );
    expect(frames(events)).toEqual(['MSH|a', 'MSH|b']);
    expect(events.filter((event) => event.kind === 'garbage')).toEqual([
      { kind: 'garbage', size: 4 + 2 + 7 },
    ]);
  });

  it('does not count the CR after the end block, even in the next chunk, as garbage', () => {
    const framer = new MllpFramer(1000);
    expect(frames(framer.push(Buffer.from('\x0bMSH|a\x1c')))).toEqual(['MSH|a']);
    expect(framer.push(Buffer.from('\r\n'))).toEqual([]);
  });

  it('reports an oversized frame with its head and size, then carries on', () => {
    const framer = new MllpFramer(100, 10);
    const big = `MSH|${'x'.repeat(500)}`;
    const events = [
      ...framer.push(Buffer.from(frameMllp(big).slice(0, 200))),
      ...framer.push(Buffer.from(frameMllp(big).slice(200) + frameMllp('MSH|ok'))),
    ];
    expect(events[0]).toMatchObject({ kind: 'oversized', size: big.length });
    expect(events[0]!.kind === 'oversized' && events[0]!.head.toString()).toBe('MSH|xxxxxx');
    expect(frames(events)).toEqual(['MSH|ok']);
  });
});
