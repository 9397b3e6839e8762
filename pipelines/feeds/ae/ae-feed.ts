import type { Feed } from '../feed.js';
import { loadCsvFeed, type CsvFeedSpec } from '../csv-feed/load-csv-feed.js';
import { aeColumns } from './format.js';

const spec: CsvFeedSpec = {
  name: 'ae',
  columns: aeColumns,
  rulesSql: new URL('./rules.sql', import.meta.url),
  fact: {
    table: 'ae_attendance',
    history: 'ae_attendance_history',
    key: ['attendance_id'],
    columns: [
      'trust_code',
      'site_code',
      'department_type',
      'attendance_category',
      'arrived_at',
      'arrival_mode',
      'attendance_source',
      'is_booked',
      'acuity',
      'ambulance_handover_at',
      'initial_assessment_at',
      'seen_at',
      'decided_to_admit_at',
      'departed_at',
      'disposal',
      'wait_minutes',
      'handover_minutes',
      'age_years',
      'sex',
      'ethnic_category',
      'ethnic_group',
      'lsoa_code',
      'imd_decile',
      'patient_id',
    ],
    // Arrival and departure days both feed indicators (arrivals per hour, 4 hours by departure).
    touched: [
      { site: 'site_code', bucket: "date_trunc('hour', arrived_at)", day: 'london_day(bucket)' },
      { site: 'site_code', bucket: "date_trunc('hour', departed_at)", day: 'london_day(bucket)' },
    ],
  },
};

/**
 * The A&E (ECDS-style) feed: parses and validates a file inside DuckDB, quarantines bad rows
 * with reasons (reasons.ts), pseudonymises NHS numbers and merges attendances by EC_Ident
 * (a later record with different content is a correction; identical content a duplicate).
 */
export const aeFeed: Feed = {
  name: 'ae',
  load: (context) => loadCsvFeed(spec, context),
};
