import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aeColumns } from '../../../pipelines/feeds/ae/format.js';
import { detectFeed } from '../../../pipelines/ingest/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/feeds/${path}`, import.meta.url)));

describe('detectFeed(bytes)', () => {
  it('tells each feed from its first line', () => {
    expect(detectFeed(bytes(aeColumns.join(',') + '\n'))).toBe('ae');
    expect(detectFeed(bytes('\ufeff' + aeColumns.join(',') + '\r\n'))).toBe('ae');
    expect(detectFeed(bytes('MSH|^~\\&|PAS|XA101|||20250101||ADT^A01|1|P|2.4\r'))).toBe('adt');
    expect(detectFeed(bytes('\x0bMSH|^~\\&|PAS|XA101\r'))).toBe('adt');
    expect(detectFeed(bytes('period,org_code,type,attendances,breaches,admissions\n'))).toBe(
      'ae-monthly',
    );
  });

  it('knows the real MSitAE, sitrep and discharge fixtures', () => {
    expect(detectFeed(fixture('sitrep/clean.csv'))).toBe('sitrep');
    expect(detectFeed(fixture('discharge/clean.csv'))).toBe('discharge');
    expect(detectFeed(bytes('Period,Org Code,Parent Org,Org name,A&E attendances Type 1\n'))).toBe(
      'ae-monthly',
    );
  });

  it('gives undefined for anything else', () => {
    expect(detectFeed(bytes('org_code,region,org_name,icb_name\n'))).toBeUndefined();
    expect(detectFeed(bytes('PK\u0003\u0004'))).toBeUndefined();
    expect(detectFeed(bytes(''))).toBeUndefined();
  });
});
