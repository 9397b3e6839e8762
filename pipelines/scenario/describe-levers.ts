import type { Lever } from './scenario-request.js';

/**
 * A lever in words, e.g. "20 G&A beds opened at Rowan Dale" or "delays of pathway 3 patients
 * with no criteria to reside cut by 50% at Rowan Dale"; `nameOf` names an organisation code.
 */
export function describeLever(lever: Lever, nameOf: (code: string) => string): string {
  const at = nameOf(lever.org);
  const from = lever.start_hour ? ` from hour ${lever.start_hour}` : '';
  switch (lever.kind) {
    case 'beds':
      return `${Math.abs(lever.beds ?? 0)} G&A beds ${(lever.beds ?? 0) < 0 ? 'closed' : 'opened'} at ${at}${from}`;
    case 'nctr_cut':
      return `delays of ${lever.pathway === undefined ? '' : `pathway ${lever.pathway} `}patients with no criteria to reside cut by ${lever.percent}% at ${at}${from}`;
    case 'extra_discharges':
      return `${lever.per_day} extra pathway ${lever.pathway} discharges a day at ${at}${from}`;
    case 'arrivals':
      return `arrivals ${(lever.percent ?? 0) < 0 ? 'down' : 'up'} ${Math.abs(lever.percent ?? 0)}% at ${at}${from}`;
    case 'handover_cap':
      return `ambulance handovers capped at ${lever.minutes} minutes at ${at}${from}`;
    case 'divert':
      return `${Math.round((lever.share ?? 0) * 100)}% of ambulance arrivals at ${at} diverted to ${nameOf(lever.to ?? '')}${from}`;
  }
}

/** Every lever in words, joined ("no change" for none). */
export function describeLevers(levers: readonly Lever[], nameOf: (code: string) => string): string {
  if (levers.length === 0) return 'no change';
  const parts = levers.map((lever) => describeLever(lever, nameOf));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('; ')} and ${parts.at(-1)!}`;
}

/** The longest name a saved scenario may have. */
export const scenarioNameMaxLength = 120;

/** A scenario's default name: its levers in words, cut to the longest name allowed. */
export function defaultScenarioName(
  levers: readonly Lever[],
  nameOf: (code: string) => string,
): string {
  const words = describeLevers(levers, nameOf);
  return words.length <= scenarioNameMaxLength
    ? words
    : `${words.slice(0, scenarioNameMaxLength - 1).trimEnd()}…`;
}
