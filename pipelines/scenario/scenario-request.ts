import { ScenarioError } from './scenario-error.js';
import { scenarioNameMaxLength } from './describe-levers.js';

export const leverKinds = [
  'beds',
  'extra_discharges',
  'nctr_cut',
  'arrivals',
  'handover_cap',
  'divert',
] as const;
export type LeverKind = (typeof leverKinds)[number];

/**
 * One change to test. `org` is a site, a trust (its sites) or an ICS (every site); `start_hour`
 * is hours after the scenario's start (default 0).
 * - beds: G&A beds opened (+) or closed (−), `beds`.
 * - extra_discharges: `per_day` more discharges a day of patients with no criteria to reside on
 *   `pathway` (longest waiting first), at 11:00 each day.
 * - nctr_cut: delays of patients with no criteria to reside (on `pathway`, or all) shortened by
 *   `percent`; patients waiting then fall by about as much once the delays turn over.
 * - arrivals: arrivals up (+) or down (−) by `percent`.
 * - handover_cap: ambulance handovers take at most `minutes` (cohorting).
 * - divert: `share` (0–1) of ambulance arrivals at `org` go to the site `to`.
 */
export interface Lever {
  kind: LeverKind;
  org: string;
  start_hour?: number;
  beds?: number;
  pathway?: number;
  per_day?: number;
  percent?: number;
  minutes?: number;
  share?: number;
  to?: string;
}

export interface ScenarioRequest {
  name: string;
  /** Start (UTC ISO); default: the data clock. */
  at: string | null;
  hours: number;
  replications: number;
  seed: number;
  /** ICS codes simulated; default: every ICS the caller may see with data. */
  ics: string[] | null;
  levers: Lever[];
  /** Show in the daily brief. */
  in_brief: boolean;
}

const leverFields: Record<LeverKind, string[]> = {
  beds: ['beds'],
  extra_discharges: ['pathway', 'per_day'],
  nctr_cut: ['percent'],
  arrivals: ['percent'],
  handover_cap: ['minutes'],
  divert: ['share', 'to'],
};

function fail(message: string): never {
  throw new ScenarioError(message);
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

function numberIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    fail(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Checks the shape of a scenario request (types and ranges a lever can have anywhere); whether
 * its organisations exist and its levers fit the sites is `resolveLevers`'s to say.
 */
export function parseScenarioRequest(body: unknown, defaultSeed: number): ScenarioRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    fail(
      'the body must be a JSON object such as {"levers": [{"kind": "beds", "org": "XA4", "beds": 20}]}',
    );
  const input = body as Record<string, unknown>;
  const known = ['name', 'at', 'hours', 'replications', 'seed', 'ics', 'levers', 'in_brief'];
  for (const key of Object.keys(input))
    if (!known.includes(key)) fail(`unknown field ${key}; the fields are ${known.join(', ')}`);
  const name = input.name ?? 'Untitled scenario';
  if (typeof name !== 'string' || name.length > scenarioNameMaxLength)
    fail(`name must be text of at most ${scenarioNameMaxLength} characters`);
  let at: string | null = null;
  if (input.at !== undefined && input.at !== null) {
    if (typeof input.at !== 'string' || Number.isNaN(Date.parse(input.at)))
      fail(
        `at must be a date and time such as 2025-11-04T08:00:00Z, got ${JSON.stringify(input.at)}`,
      );
    at = new Date(input.at).toISOString();
  }
  const hours = input.hours === undefined ? 72 : integerIn(input.hours, 'hours', 1, 336);
  const replications =
    input.replications === undefined ? 50 : integerIn(input.replications, 'replications', 10, 1000);
  const seed =
    input.seed === undefined ? defaultSeed : integerIn(input.seed, 'seed', 0, 2 ** 31 - 1);
  let ics: string[] | null = null;
  if (input.ics !== undefined && input.ics !== null) {
    if (
      !Array.isArray(input.ics) ||
      input.ics.length === 0 ||
      !input.ics.every((c) => typeof c === 'string' && /^[A-Z0-9]{2,8}$/.test(c))
    )
      fail('ics must be a list of ICS codes such as ["XQA"]');
    ics = input.ics as string[];
  }
  const rawLevers = input.levers ?? [];
  if (!Array.isArray(rawLevers) || rawLevers.length > 50)
    fail('levers must be a list of at most 50 levers');
  const levers = rawLevers.map((raw, i) => parseLever(raw, `levers[${i}]`, hours));
  const inBrief = input.in_brief ?? false;
  if (typeof inBrief !== 'boolean') fail('in_brief must be true or false');
  return { name, at, hours, replications, seed, ics, levers, in_brief: inBrief };
}

function parseLever(raw: unknown, name: string, hours: number): Lever {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail(`${name} must be an object such as {"kind": "beds", "org": "XA4", "beds": 20}`);
  const lever = raw as Record<string, unknown>;
  const kind = lever.kind;
  if (typeof kind !== 'string' || !(leverKinds as readonly string[]).includes(kind))
    fail(`${name}.kind must be one of ${leverKinds.join(', ')}, got ${JSON.stringify(kind)}`);
  const fields = leverFields[kind as LeverKind];
  const allowed = [
    'kind',
    'org',
    'start_hour',
    ...fields,
    ...(kind === 'nctr_cut' ? ['pathway'] : []),
  ];
  for (const key of Object.keys(lever))
    if (!allowed.includes(key))
      fail(`${name}: a ${kind} lever has no field ${key}; its fields are ${allowed.join(', ')}`);
  if (typeof lever.org !== 'string' || !/^[A-Z0-9]{2,8}$/.test(lever.org))
    fail(
      `${name}.org must be a site, trust or ICS code such as XA401, got ${JSON.stringify(lever.org)}`,
    );
  const out: Lever = { kind: kind as LeverKind, org: lever.org };
  if (lever.start_hour !== undefined) {
    if (
      typeof lever.start_hour !== 'number' ||
      !Number.isInteger(lever.start_hour) ||
      lever.start_hour < 0 ||
      lever.start_hour >= hours
    )
      fail(
        `${name}.start_hour must be a whole hour within the ${hours}-hour horizon (0 to ${hours - 1}), got ${JSON.stringify(lever.start_hour)}`,
      );
    out.start_hour = lever.start_hour;
  }
  for (const field of fields)
    if (lever[field] === undefined) fail(`${name}: a ${kind} lever needs ${field}`);
  switch (kind as LeverKind) {
    case 'beds':
      out.beds = integerIn(lever.beds, `${name}.beds`, -10_000, 10_000);
      break;
    case 'extra_discharges':
      out.pathway = integerIn(lever.pathway, `${name}.pathway`, 0, 3);
      out.per_day = integerIn(lever.per_day, `${name}.per_day`, 0, 1000);
      break;
    case 'nctr_cut':
      out.percent = numberIn(lever.percent, `${name}.percent`, 0, 100);
      if (lever.pathway !== undefined && lever.pathway !== null)
        out.pathway = integerIn(lever.pathway, `${name}.pathway`, 0, 3);
      break;
    case 'arrivals':
      out.percent = numberIn(lever.percent, `${name}.percent`, -100, 500);
      break;
    case 'handover_cap':
      out.minutes = numberIn(lever.minutes, `${name}.minutes`, 0, 1440);
      break;
    case 'divert':
      out.share = numberIn(lever.share, `${name}.share`, 0, 1);
      if (typeof lever.to !== 'string' || !/^[A-Z0-9]{2,8}$/.test(lever.to))
        fail(`${name}.to must be a site code such as XA401, got ${JSON.stringify(lever.to)}`);
      out.to = lever.to;
      break;
  }
  return out;
}
