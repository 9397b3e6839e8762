import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicatorModels } from '../../../pipelines/indicators/index.js';
import { indicatorById, indicators } from '../../../pipelines/indicators/registry.js';

const required = [
  'ae_4h_performance',
  'ae_4h_performance_type1',
  'ae_12h_from_arrival',
  'ae_12h_from_dta',
  'ae_attendances',
  'ae_time_in_department',
  'ae_time_in_department_median',
  'ae_time_in_department_p95',
  'ambulance_handover_over_30',
  'ambulance_handover_over_60',
  'ambulance_handover_mean',
  'ga_bed_occupancy',
  'escalation_beds_open',
  'nctr_patients',
  'discharge_delay_days',
  'discharges_same_day_ready',
  'ae_attendance_rate',
  'ae_attendance_rate_dsr',
  'admission_rate',
  'ae_booked_online',
  'reattendance_7d',
  'time_to_initial_assessment',
  'length_of_stay_mean',
  'long_stay_21d',
];

describe('indicators (the registry)', () => {
  it('holds every indicator the observatory promises, once', () => {
    const ids = indicators.map((indicator) => indicator.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of required) expect(ids).toContain(id);
  });

  it('gives each a unit, polarity, kind, targets, grains, levels and an existing SQL file', () => {
    for (const indicator of indicators) {
      expect(['proportion', 'rate_per_100k', 'count', 'minutes', 'days', 'beds']).toContain(
        indicator.unit,
      );
      expect(['higher_is_better', 'lower_is_better', 'neither']).toContain(indicator.polarity);
      expect(Array.isArray(indicator.targets), indicator.id).toBe(true);
      expect(indicator.grains.length, indicator.id).toBeGreaterThan(0);
      expect(indicator.levels.length, indicator.id).toBeGreaterThan(0);
      expect(indicator.title.length + indicator.definition.length, indicator.id).toBeGreaterThan(
        20,
      );
      expect(
        existsSync(join(import.meta.dirname, '../../../pipelines/models', indicator.sql)),
        indicator.sql,
      ).toBe(true);
    }
  });

  it('names for each indicator a model the refresh runs, and the refresh runs no other', () => {
    const run = new Set<string>(Object.values(indicatorModels).flat());
    const named = new Set(indicators.map((indicator) => indicator.sql));
    expect([...named].filter((sql) => !run.has(sql))).toEqual([]);
    expect([...run].filter((sql) => !named.has(sql))).toEqual([]);
    expect(indicatorModels.siteMeasures).toEqual([
      'ae-site-measures.sql',
      'sitrep-site-measures.sql',
      'spell-site-measures.sql',
      'discharge-site-measures.sql',
    ]);
  });

  it('keeps the NHS targets as data', () => {
    expect(indicatorById('ae_4h_performance').targets).toContainEqual(
      expect.objectContaining({ value: 0.78, comparison: '>=', from: '2025-03-01' }),
    );
    expect(indicatorById('ae_4h_performance').targets).toContainEqual(
      expect.objectContaining({ value: 0.95, constitutional: true }),
    );
    expect(indicatorById('ae_12h_from_arrival').targets).toContainEqual(
      expect.objectContaining({ value: 0.1, comparison: '<=' }),
    );
    expect(indicatorById('ae_booked_online').breakdowns).toEqual(
      expect.arrayContaining(['age_band', 'imd_decile', 'ethnic_group']),
    );
    expect(indicatorById('discharge_delay_days').breakdowns).toEqual(
      expect.arrayContaining(['pathway', 'local_authority']),
    );
  });

  it('names an unknown id in its error', () => {
    expect(() => indicatorById('ae_5h')).toThrow('unknown indicator "ae_5h"');
  });
});
