import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consoleLogger } from '../../../pipelines/log/index.js';

/** A destination stream that keeps what is written, line by line. */
function collector(): Writable & { lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return Object.assign(stream, { lines });
}

const now = () => new Date('2026-12-06T20:41:07.250Z');

describe('consoleLogger(options)', () => {
  it('writes JSON lines with the level by name, the time, the message and the fields', () => {
    const out = collector();
    const log = consoleLogger({ format: 'json', destination: out, now });
    log.info('inbox loaded', { files: 12, rows: 3400 });
    log.warn('feed late', { feed: 'ae' });
    log.error('load failed', { file: 'x.csv', file_id: 7n });
    expect(out.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        level: 'info',
        time: '2026-12-06T20:41:07.250Z',
        message: 'inbox loaded',
        files: 12,
        rows: 3400,
      },
      { level: 'warn', time: '2026-12-06T20:41:07.250Z', message: 'feed late', feed: 'ae' },
      {
        level: 'error',
        time: '2026-12-06T20:41:07.250Z',
        message: 'load failed',
        file: 'x.csv',
        file_id: 7,
      },
    ]);
  });

  it('writes one readable line per entry for a terminal', () => {
    const out = collector();
    const log = consoleLogger({ destination: out, now });
    log.info('inbox loaded', { files: 12 });
    log.error('stopping');
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: inbox loaded \{"files":12\}$/);
    expect(out.lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] ERROR: stopping$/);
  });
});
