import cron from 'node-cron';

/** The schedule of each standard job, as node-cron expressions in Europe/London time. */
export interface ScheduleConfig {
  /** Real-time feeds (ae, adt, discharge) from the inbox. Default: every minute. */
  inbox: string;
  /**
   * The daily sitrep (an 08:00 snapshot, submitted by 11:00, resubmitted when corrected).
   * Default: every 15 minutes, so late submissions and corrections land the same day.
   */
  sitrep: string;
  /** NHS England's monthly A&E files. Default: 09:00 daily (files land once a month; idle otherwise). */
  monthly: string;
  /** Parquet lake catch-up export (changed partitions only). Default: every 15 minutes. */
  lake: string;
  /** Full model refresh (incremental refresh already runs per file). Default: hourly at :05. */
  refresh: string;
}

export const defaultSchedules: ScheduleConfig = {
  inbox: '* * * * *',
  sitrep: '*/15 * * * *',
  monthly: '0 9 * * *',
  lake: '*/15 * * * *',
  refresh: '5 * * * *',
};

/**
 * The schedules from configuration (`settings.schedules`, e.g. {"lake": "*\/5 * * * *"}),
 * each falling back to its default. Throws naming the key of an unknown job or a bad expression.
 */
export function scheduleConfig(settings: Record<string, unknown>): ScheduleConfig {
  const given = settings.schedules ?? {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new Error('settings.schedules must be an object of job name → cron expression');
  }
  const config: ScheduleConfig = { ...defaultSchedules };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaultSchedules)) {
      throw new Error(
        `settings.schedules.${key} is not a job (jobs: ${Object.keys(defaultSchedules).join(', ')})`,
      );
    }
    if (typeof value !== 'string' || !cron.validate(value)) {
      throw new Error(
        `settings.schedules.${key} must be a cron expression such as "*/15 * * * *", got ${JSON.stringify(value)}`,
      );
    }
    config[key as keyof ScheduleConfig] = value;
  }
  return config;
}
