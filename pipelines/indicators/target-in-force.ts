/** What the target rules need of a target (the registry's `IndicatorTarget`, or its JSON). */
export interface DatedTarget {
  value: number;
  from: string;
  constitutional?: boolean;
}

/**
 * The operational target in force in a period (YYYY-MM-DD): the latest non-constitutional
 * target whose `from` is on or before it. Constitutional standards are shown, never in force
 * operationally. Alerts, the API's SPC assurance, reports and the dashboards all use this.
 *
 * This file imports nothing, so the dashboards' browser bundle can include it.
 */
export function targetInForce<T extends DatedTarget>(
  targets: readonly T[],
  period: string,
): T | undefined {
  return targets
    .filter((target) => !target.constitutional && target.from <= period)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

/**
 * The target an SPC assurance judgement is made against at `period`: the operational target
 * in force; before the first one takes force, the earliest operational target (the one the
 * service is working towards); with none, the first target listed (the constitutional standard).
 */
export function assuranceTarget(targets: readonly DatedTarget[], period: string): number | null {
  return (
    (targetInForce(targets, period) ?? targets.find((t) => !t.constitutional) ?? targets[0])
      ?.value ?? null
  );
}
