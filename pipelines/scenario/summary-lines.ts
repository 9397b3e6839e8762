import type { ScenarioMeasure, ScenarioValue } from './summarise-replications.js';

const described: Array<{
  measure: ScenarioMeasure;
  label: string;
  percent: boolean;
  average: boolean;
}> = [
  { measure: 'twelve_hour_waits', label: '12-hour waits', percent: false, average: false },
  { measure: 'four_hour_share', label: '4-hour performance', percent: true, average: false },
  { measure: 'ga_occupancy', label: 'G&A occupancy', percent: true, average: true },
  {
    measure: 'nctr_patients',
    label: 'patients with no criteria to reside',
    percent: false,
    average: true,
  },
];

function format(value: number | null, percent: boolean): string {
  if (value === null) return '–';
  return percent ? `${(value * 100).toFixed(1)}%` : String(Math.round(value));
}

function signed(value: number | null, percent: boolean): string {
  if (value === null) return '–';
  const shown = percent
    ? `${(value * 100).toFixed(1)} points`
    : value.toFixed(Math.abs(value) < 10 ? 1 : 0);
  return value > 0 ? `+${shown}` : shown.replace('-', '−');
}

/**
 * One line per organisation and headline measure over the whole horizon: baseline mean →
 * scenario mean, with the scenario's 80% range, then the change within replications (common
 * random numbers) with its 80% range, e.g. "12-hour waits at Rowan Dale General Hospital: 41 → 27
 * (80% range 19–35) over 72 h; change −14 (80% range −20 to −8)".
 */
export function summaryLines(
  values: readonly ScenarioValue[],
  orgCodes: readonly string[],
  hours: number,
): string[] {
  const lines: string[] = [];
  for (const code of orgCodes) {
    for (const { measure, label, percent, average } of described) {
      const find = (run: ScenarioValue['run']) =>
        values.find(
          (v) =>
            v.org_code === code && v.measure === measure && v.run === run && v.hour_start === null,
        );
      const baseline = find('baseline');
      const scenario = find('scenario');
      const difference = find('difference');
      if (!baseline || !scenario || !difference || baseline.mean === null) continue;
      lines.push(
        `${label} at ${scenario.org_name}: ${format(baseline.mean, percent)} → ${format(scenario.mean, percent)} ` +
          `(80% range ${format(scenario.p10, percent)}–${format(scenario.p90, percent)}) ${average ? 'on average ' : ''}over ${hours} h; ` +
          `change ${signed(difference.mean, percent)} (80% range ${signed(difference.p10, percent)} to ${signed(difference.p90, percent)})`,
      );
    }
  }
  return lines;
}
