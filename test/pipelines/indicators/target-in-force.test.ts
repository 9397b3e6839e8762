import { describe, expect, it } from 'vitest';
import {
  assuranceTarget,
  improvementOf,
  indicatorRegistry,
  targetInForce,
} from '../../../pipelines/indicators/index.js';

const targets = [
  { value: 0.76, from: '2024-03-01' },
  { value: 0.78, from: '2025-03-01' },
  { value: 0.95, from: '2004-01-01', constitutional: true },
];

describe('the target in force', () => {
  it('is the latest operational target whose start is on or before the period', () => {
    expect(targetInForce(targets, '2024-02-29')).toBeUndefined();
    expect(targetInForce(targets, '2024-03-01')?.value).toBe(0.76);
    expect(targetInForce(targets, '2025-02-28')?.value).toBe(0.76);
    expect(targetInForce(targets, '2025-03-01')?.value).toBe(0.78);
    expect(targetInForce([...targets].reverse(), '2026-01-01')?.value).toBe(0.78);
  });

  it('is never a constitutional standard', () => {
    expect(targetInForce([targets[2]!], '2026-01-01')).toBeUndefined();
  });

  it('gives SPC assurance the earliest operational target before any is in force, else the first listed', () => {
    expect(assuranceTarget(targets, '2025-06-01')).toBe(0.78);
    expect(assuranceTarget(targets, '2023-06-01')).toBe(0.76);
    expect(assuranceTarget([targets[2]!], '2023-06-01')).toBe(0.95);
    expect(assuranceTarget([], '2023-06-01')).toBeNull();
  });
});

describe('improvementOf', () => {
  it('reads each polarity of the registry as an XmR direction', () => {
    expect(improvementOf('higher_is_better')).toBe('up');
    expect(improvementOf('lower_is_better')).toBe('down');
    expect(improvementOf('neither')).toBe('neither');
    for (const indicator of indicatorRegistry)
      expect(['up', 'down', 'neither']).toContain(improvementOf(indicator.polarity));
  });
});
