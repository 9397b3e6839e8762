import type { Feed } from '../feed.js';
import { loadCsvFeed, type CsvFeedSpec } from '../csv-feed/load-csv-feed.js';
import { dischargeColumns } from './format.js';

const spec: CsvFeedSpec = {
  name: 'discharge',
  columns: dischargeColumns,
  rulesSql: new URL('./rules.sql', import.meta.url),
  fact: {
    table: 'discharge',
    history: 'discharge_history',
    key: ['spell_id'],
    columns: [
      'patient_id',
      'trust_code',
      'site_code',
      'admitted_at',
      'ready_date',
      'discharged_at',
      'pathway',
      'delay_reason_code',
      'la_code',
      'age_years',
      'sex',
      'delay_days',
    ],
    // Discharges count on their day, patients no longer meeting the criteria from their ready
    // date, and length of stay from admission.
    touched: [
      { site: 'site_code', bucket: "date_trunc('hour', discharged_at)", day: 'london_day(bucket)' },
      { site: 'site_code', bucket: 'ready_date', day: "strftime(bucket, '%Y-%m-%d')" },
      { site: 'site_code', bucket: "date_trunc('hour', admitted_at)", day: 'london_day(bucket)' },
    ],
  },
};

/**
 * The discharge / no-criteria-to-reside feed: validates a file inside DuckDB, matches delay
 * reasons on their normal form, quarantines bad rows with reasons (reasons.ts), pseudonymises
 * NHS numbers and merges spells by Spell_Id (a later record completing the discharge is a
 * correction; an identical one a duplicate).
 */
export const dischargeFeed: Feed = {
  name: 'discharge',
  load: (context) => loadCsvFeed(spec, context),
};
