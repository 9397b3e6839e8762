/** The rule choices that differ between Making Data Count implementations (docs/nhs-data.md, Statistics, the table). */
export interface SpcPreset {
  /** Points in a shift (all on one side of the mean) and in a trend (strict changes = length − 1). */
  runLength: number;
  /** Drop moving ranges ≥ 3.267·MR̄ and recompute MR̄ (mean unchanged). */
  screenMovingRanges: boolean;
  /** A point flagged both improvement and concern: 'improvement' wins, or rule 'precedence'. */
  conflict: 'improvement' | 'precedence';
  /** Shift, trend and two-of-three may run across a recalculation. */
  rulesCrossPhases: boolean;
  /** With fewer than 13 points in a phase: 'none' (no limits, no icons) or 'trial' limits + warning. */
  shortPhase: 'none' | 'trial';
  /** Target exactly on a limit counts as pass/fail (true) or hit and miss (false). */
  targetOnLimitDecides: boolean;
}

/** Minimum points in a phase for limits (docs/nhs-data.md, Statistics). */
export const spcMinimumPoints = 13;

/** `nhse`: MDC Single Chart Tool v5 (the default); `plotthedots`: NHS-R NHSRplotthedots. */
export const spcPresets: Readonly<Record<'nhse' | 'plotthedots', SpcPreset>> = Object.freeze({
  nhse: {
    runLength: 6,
    screenMovingRanges: false,
    conflict: 'improvement',
    rulesCrossPhases: true,
    shortPhase: 'none',
    targetOnLimitDecides: true,
  },
  plotthedots: {
    runLength: 7,
    screenMovingRanges: true,
    conflict: 'precedence',
    rulesCrossPhases: false,
    shortPhase: 'trial',
    targetOnLimitDecides: false,
  },
});
