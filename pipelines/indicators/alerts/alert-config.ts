import type { FeedName } from '../../feeds/feed.js';

export interface AlertConfig {
  /** Indicators watched by the SPC rule (day series, total, per trust and ICS). */
  spcIndicators: string[];
  /** Days of history behind each XmR chart. */
  spcWindowDays: number;
  /** Expected minutes between files per feed; a feed is late after lateFactor × that. */
  feedCadenceMinutes: Partial<Record<FeedName, number>>;
  lateFactor: number;
  /** Arrivals an hour each site can take; unset sites use the 95th percentile of their last 8 weeks. */
  arrivalCapacityPerHour: Record<string, number>;
}

export const defaultAlertConfig: AlertConfig = {
  spcIndicators: [
    'ae_4h_performance',
    'ae_12h_from_arrival',
    'ambulance_handover_mean',
    'ga_bed_occupancy',
    'nctr_patients',
  ],
  spcWindowDays: 90,
  feedCadenceMinutes: { ae: 60, adt: 60, sitrep: 1440, discharge: 1440, 'ae-monthly': 46_080 },
  lateFactor: 2,
  arrivalCapacityPerHour: {},
};

/** The alert configuration from `settings.alerts` over the default. */
export function alertConfigFrom(settings: Record<string, unknown> = {}): AlertConfig {
  const given = settings.alerts;
  if (given === undefined) return defaultAlertConfig;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new Error('settings.alerts must be an object');
  }
  const config = { ...defaultAlertConfig, ...(given as Partial<AlertConfig>) };
  if (!(config.lateFactor >= 1)) throw new Error('settings.alerts.lateFactor must be ≥ 1');
  if (!(Number.isInteger(config.spcWindowDays) && config.spcWindowDays >= 13)) {
    throw new Error('settings.alerts.spcWindowDays must be a whole number ≥ 13');
  }
  return config;
}
