import { describe, expect, it } from 'vitest';
import { detectAeMonthlyFormat } from '../../../../pipelines/feeds/ae-monthly/detect-format.js';
import { msitaeHeader, nhsrHeader } from '../../../../pipelines/feeds/ae-monthly/format.js';
import { FeedError } from '../../../../pipelines/feeds/feed.js';

describe('detectAeMonthlyFormat(headerLine)', () => {
  it('recognises the 22 MSitAE columns, with or without the stray trailing columns', () => {
    expect(detectAeMonthlyFormat(msitaeHeader.join(','))).toEqual({
      format: 'msitae',
      columnCount: 22,
    });
    expect(detectAeMonthlyFormat(`${msitaeHeader.join(',')},,,,,,a`)).toEqual({
      format: 'msitae',
      columnCount: 28,
    });
  });

  it('recognises the NHS-R header', () => {
    expect(detectAeMonthlyFormat(nhsrHeader.join(','))).toEqual({ format: 'nhsr', columnCount: 6 });
  });

  it('names the NHS-R column that differs', () => {
    const attempt = () =>
      detectAeMonthlyFormat('period,org_code,type,attendances,breaches,admitted');
    expect(attempt).toThrow(FeedError);
    expect(attempt).toThrow("column 6 is 'admitted', expected 'admissions'");
  });

  it('names a missing MSitAE column', () => {
    expect(() => detectAeMonthlyFormat(msitaeHeader.slice(0, 21).join(','))).toThrow(
      "column 22 'Other emergency admissions' is missing",
    );
  });
});
