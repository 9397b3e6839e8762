import type { SimulateOptions } from './simulate-options.js';

export const usage =
  'usage: npm run simulate -- --days N --seed S --out DIR [--scale ics|region] [--start YYYY-MM-DD] [--lag HOURS] [--batch day|hour] [--dirty RATE] [--live --speed K]';

/** Parses the CLI arguments; throws an Error whose message says what is wrong. */
export function parseSimulateArgs(
  argv: string[],
): SimulateOptions & { live: boolean; speed: number } {
  const values = new Map<string, string>();
  let live = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--live') {
      live = true;
      continue;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (
      !name ||
      !['days', 'seed', 'out', 'scale', 'start', 'lag', 'batch', 'dirty', 'speed'].includes(name)
    ) {
      throw new Error(`unknown argument ${arg}\n${usage}`);
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new Error(`--${name} needs a value\n${usage}`);
    values.set(name, value);
  }
  const days = Number(values.get('days') ?? (live ? '90' : NaN));
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`--days must be a whole number ≥ 0, got ${values.get('days')}\n${usage}`);
  const out = values.get('out');
  if (!out) throw new Error(`--out DIR is required\n${usage}`);
  const scale = values.get('scale') ?? 'ics';
  if (scale !== 'ics' && scale !== 'region')
    throw new Error(`--scale must be ics or region, got ${scale}`);
  const start = values.get('start');
  if (
    start !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start)))
  ) {
    throw new Error(`--start must be a date YYYY-MM-DD, got ${start}`);
  }
  const lagHours = Number(values.get('lag') ?? 0);
  if (!Number.isInteger(lagHours) || lagHours < 0)
    throw new Error(`--lag must be a whole number of hours ≥ 0, got ${values.get('lag')}`);
  if (values.has('lag') && start !== undefined)
    throw new Error('--lag and --start exclude each other');
  const dirty = Number(values.get('dirty') ?? 0);
  if (!(dirty >= 0 && dirty <= 1))
    throw new Error(`--dirty must be a rate between 0 and 1, got ${values.get('dirty')}`);
  // History comes as daily extracts unless hourly files are asked for; faults are injected
  // into hourly files, and a live feed is hourly.
  const batch = values.get('batch') ?? (dirty > 0 || live ? 'hour' : 'day');
  if (batch !== 'day' && batch !== 'hour')
    throw new Error(`--batch must be day or hour, got ${batch}`);
  if (batch === 'day' && dirty > 0)
    throw new Error('--dirty injects faults into hourly files: use --batch hour');
  if (batch === 'day' && live) throw new Error('--live writes hourly files: use --batch hour');
  const speed = Number(values.get('speed') ?? 60);
  if (!(speed > 0))
    throw new Error(`--speed must be > 0 simulated minutes per second, got ${values.get('speed')}`);
  if (values.has('speed') && !live) throw new Error('--speed only applies with --live');
  return {
    days,
    seed: values.get('seed') ?? '1',
    out,
    scale,
    start,
    lagHours,
    batch,
    dirty,
    live,
    speed,
  };
}
