import type { Feed } from '../feed.js';
import { loadCsvFeed, type CsvFeedSpec } from '../csv-feed/load-csv-feed.js';
import { sitrepColumns } from './format.js';

const spec: CsvFeedSpec = {
  name: 'sitrep',
  columns: sitrepColumns,
  rulesSql: new URL('./rules.sql', import.meta.url),
  fact: {
    table: 'bed_sitrep',
    history: 'bed_sitrep_history',
    key: ['snapshot_date', 'site_code', 'bed_type'],
    columns: [
      'trust_code',
      'core_available',
      'escalation_available',
      'occupied',
      'void_beds',
      'los_7plus',
      'los_14plus',
      'los_21plus',
    ],
    touched: [{ site: 'site_code', bucket: 'snapshot_date', day: "strftime(bucket, '%Y-%m-%d')" }],
  },
};

/**
 * The daily bed sitrep feed: validates a file inside DuckDB, quarantines bad rows with
 * reasons (reasons.ts) and merges rows by (Snapshot_Date, Site_Code, Bed_Type): a
 * resubmission with different counts is a correction, an identical one a duplicate.
 */
export const sitrepFeed: Feed = {
  name: 'sitrep',
  load: (context) => loadCsvFeed(spec, context),
};
