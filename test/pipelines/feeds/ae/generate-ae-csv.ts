import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { aeColumns } from '../../../../pipelines/feeds/ae/format.js';

const validNhsNumbers = ['9434765919', '4010232137', '9434765870', '9990001234'].filter(isValid);

function isValid(nhs: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nhs[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(nhs[9]);
}

/**
 * Writes an ECDS-style A&E file of `rows` attendances at sites R0A01, R0A02 and R1B01 (the
 * feed tests' reference rows), deterministic for a seed. Every `dirtyEvery`-th row is broken
 * in one of a few ways (bad NHS number, unknown code, departure before arrival, too few
 * columns) so the measurement includes quarantine.
 */
export async function generateAeCsv(
  path: string,
  rows: number,
  options: { seed?: number; dirtyEvery?: number } = {},
) {
  let state = options.seed ?? 1;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const sites = [
    ['R0A', 'R0A01'],
    ['R0A', 'R0A02'],
    ['R1B', 'R1B01'],
  ] as const;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + '+00:00';
  const out = createWriteStream(path);
  out.write(aeColumns.join(',') + '\n');
  const start = Date.UTC(2025, 0, 1);
  let batch: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const [trust, site] = pick(sites);
    const arrival =
      start + Math.floor((i / rows) * 365 * 86_400_000) + Math.floor(random() * 60_000);
    const ambulance = random() < 0.3;
    const wait = Math.floor(60 + random() * 600) * 60_000;
    const fields = [
      `EC${String(i).padStart(9, '0')}`,
      trust,
      site,
      site === 'R0A02' ? '03' : '01',
      '1',
      iso(arrival),
      ambulance ? 'AMB' : 'WALK',
      ambulance ? 'AMB' : pick(['SELF', 'GP', 'NHS111_ONLINE', 'NHS111_PHONE']),
      random() < 0.05 ? 'Y' : 'N',
      String(1 + Math.floor(random() * 5)),
      ambulance ? iso(arrival + Math.floor(random() * 50) * 60_000) : '',
      iso(arrival + 10 * 60_000),
      iso(arrival + 40 * 60_000),
      '',
      iso(arrival + wait),
      pick(['ADM', 'DIS', 'DIS', 'DIS', 'TRF', 'LBT']),
      String(Math.floor(random() * 100)),
      pick(['1', '2']),
      pick(['A', 'A', 'A', 'B', 'C', 'H', 'J', 'M', 'N', 'R', 'Z']),
      pick(['E01000001', 'E01000002', 'E01000003', 'E01099999']),
      pick(validNhsNumbers),
    ];
    if (options.dirtyEvery && i % options.dirtyEvery === 0) {
      const fault = (i / options.dirtyEvery) % 4;
      if (fault === 0) fields[20] = '9434765918';
      else if (fault === 1) fields[6] = 'BUS';
      else if (fault === 2) fields[14] = iso(arrival - 60_000);
      else fields.length = 12;
    }
    batch.push(fields.join(','));
    if (batch.length === 10_000) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length > 0) out.write(batch.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}
