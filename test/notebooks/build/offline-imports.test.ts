import { describe, expect, it } from 'vitest';
import { packageOf } from '../../../notebooks/build/offline-imports.js';

describe('packageOf(specifier)', () => {
  it.each([
    ['https://cdn.jsdelivr.net/npm/@observablehq/plot/+esm', '@observablehq/plot'],
    ['https://cdn.jsdelivr.net/npm/apache-arrow@17.0.0/+esm', 'apache-arrow'],
    ['https://cdn.jsdelivr.net/npm/d3-dsv/+esm', 'd3-dsv'],
    [
      'https://cdn.jsdelivr.net/npm/@observablehq/inputs/dist/index.css',
      '@observablehq/inputs/dist/index.css',
    ],
    ['npm:@observablehq/plot@0.6', '@observablehq/plot'],
    ['npm:d3', 'd3'],
  ])('maps %s to the installed package %s', (specifier, local) => {
    expect(packageOf(specifier)).toBe(local);
  });

  it('leaves local and other remote specifiers alone', () => {
    expect(packageOf('./lib/statistics.ts')).toBeUndefined();
    expect(packageOf('d3')).toBeUndefined();
    expect(packageOf('https://esm.sh/d3')).toBeUndefined();
  });
});
