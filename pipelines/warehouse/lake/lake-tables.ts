/** A warehouse table exported to the lake, and how its rows map to partitions. */
export interface LakeTable {
  table: string;
  /** SQL over the table's columns giving the event time whose UTC month is the partition. */
  eventTime: string;
  /** The trust code column for a `provider=` partition level, when the table has one. */
  provider?: string;
  /**
   * Rows keyed by period, weeks included: a touched day also changes the week that holds it,
   * which starts on a Monday that may fall in the month before.
   */
  weekly?: boolean;
}

/**
 * The lake's tables: lake/<table>/month=YYYY-MM[/provider=<trust>]/data.parquet.
 * Partition values are not repeated inside the files (Spark and Trino read them from the path).
 */
export const lakeTables: readonly LakeTable[] = [
  { table: 'ae_attendance', eventTime: 'arrived_at', provider: 'trust_code' },
  { table: 'bed_event', eventTime: 'event_at' },
  { table: 'spell', eventTime: 'coalesce(admitted_at, last_event_at)', provider: 'trust_code' },
  { table: 'ward_stay', eventTime: 'from_at' },
  { table: 'bed_sitrep', eventTime: 'snapshot_date', provider: 'trust_code' },
  { table: 'discharge', eventTime: 'admitted_at', provider: 'trust_code' },
  { table: 'ae_monthly', eventTime: 'period_start' },
  { table: 'indicator_value', eventTime: 'period_start', weekly: true },
];
