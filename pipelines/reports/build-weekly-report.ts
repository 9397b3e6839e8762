import { intervalChart, spcChart, spcRows } from '../../dashboards/charts/index.js';
import { disclosureStatement, type InequalitySummaryRow } from '../read/index.js';
import { renderChart } from './render-chart.js';
import type { ReportCell, ReportDocument, ReportFigure, ReportSection } from './report-document.js';
import { assuranceCell, formatted, longDate, sourceLine, variationCell } from './report-format.js';
import { addDays, type ReportPeriod } from './report-period.js';
import type { ReportReader } from './report-reader.js';

/** The headline indicators of the weekly report (each shown for every ICS in scope). */
export const weeklyHeadlineIndicators = [
  'ae_4h_performance',
  'ae_12h_from_arrival',
  'ae_time_in_department',
  'ambulance_handover_over_30',
  'ga_bed_occupancy',
  'nctr_patients',
  'discharges_same_day_ready',
] as const;

/** Indicators whose deprivation gap the weekly report states. */
export const weeklyInequalityIndicators = [
  'ae_4h_performance',
  'ae_12h_from_arrival',
  'ae_attendance_rate',
] as const;

/** Days of daily values the SPC of each headline indicator is drawn from (to the week's end). */
export const weeklySpcDays = 84;

/**
 * The weekly flow and inequality report: every headline indicator × ICS, the week's value and
 * its SPC variation and assurance (from the daily series to the week's end, as the API's
 * /spc computes), and the gap between most and least deprived with its interval and direction.
 */
export async function buildWeeklyReport(
  reader: ReportReader,
  period: ReportPeriod,
  generatedAt: Date,
): Promise<ReportDocument> {
  const attendances = await reader.values('ae_attendances', {
    grain: 'week',
    period: period.start,
  });
  const allIcss = await reader.orgs('ics', true);
  const icss = allIcss.filter((o) =>
    attendances.some((r) => r.org_code === o.org_code && r.value !== null),
  );
  const quiet = allIcss.filter((o) => !icss.includes(o));
  const figures: ReportFigure[] = [];
  const whatChanged: string[] = [];
  const whereToLook: string[] = [];
  const sections: ReportSection[] = [];
  const spcFrom = addDays(period.end, -weeklySpcDays + 1);

  const rows: ReportCell[][] = [];
  const sources: string[] = [];
  let firstChart: ReportSection['chart'];
  for (const id of weeklyHeadlineIndicators) {
    const indicator = reader.indicator(id);
    const week = await reader.values(id, { grain: 'week', period: period.start });
    const previous = await reader.values(id, { grain: 'week', period: addDays(period.start, -7) });
    for (const ics of icss) {
      const org = ics.org_code;
      const value = week.find((r) => r.org_code === org)?.value ?? null;
      const before = previous.find((r) => r.org_code === org)?.value ?? null;
      figures.push({
        measure: 'value',
        indicator_id: id,
        org_code: org,
        grain: 'week',
        period_start: period.start,
        value,
      });
      const spc = await reader.spc(id, org, 'day', spcFrom, period.end);
      const variation = variationCell(spc.spc?.variationIcon);
      const assurance = assuranceCell(spc.spc?.assuranceIcon, spc.target);
      rows.push([
        { text: indicator.title },
        { text: ics.org_name },
        { text: formatted(value, indicator.unit), numeric: true },
        { text: formatted(before, indicator.unit), numeric: true },
        variation,
        assurance,
      ]);
      if (variation.tone === 'bad')
        whereToLook.push(
          `${ics.org_name}: ${indicator.title.toLowerCase()} shows special cause concern (${formatted(value, indicator.unit)} this week).`,
        );
      if (variation.tone === 'good')
        whatChanged.push(
          `${ics.org_name}: ${indicator.title.toLowerCase()} shows special cause improvement (${formatted(value, indicator.unit)} this week).`,
        );
      if (id === 'ae_4h_performance') {
        whatChanged.unshift(
          `${ics.org_name}: 4-hour performance ${formatted(value, 'proportion')} in the week of ${longDate(period.start)}, against ${formatted(before, 'proportion')} the week before.`,
        );
        if (!firstChart && spc.spc) {
          const result = spc.spc;
          firstChart = renderChart(
            'spc-4h-' + org,
            `SPC chart of daily four-hour performance, ${org}`,
            (document) =>
              spcChart(spcRows(result.points), {
                document,
                unit: 'proportion',
                target: spc.target,
                variationIcon: result.variationIcon,
                assuranceIcon: result.assuranceIcon,
                width: 680,
                height: 300,
                title: `Four-hour performance by day, ${ics.org_name}`,
              }),
          );
        }
      }
    }
    sources.push(
      sourceLine(
        id,
        icss.map((o) => o.org_code).join(' '),
        'week',
        `${period.start} (SPC: day ${spcFrom} to ${period.end})`,
      ),
    );
  }
  sections.push({
    title: `Headline indicators, week of ${longDate(period.start)}`,
    paragraphs: [
      `The week's value, the week before, and the Making Data Count reading of the daily series over the ${weeklySpcDays} days to ${longDate(period.end)}: variation (special cause improvement or concern, H/L for high or low, else common cause) and assurance against the target.`,
    ],
    chart: firstChart,
    table: {
      columns: ['Indicator', 'ICS', 'This week', 'Week before', 'Variation', 'Assurance'],
      rows,
    },
    sources,
  });

  const gapRows: ReportCell[][] = [];
  const gapSources: string[] = [];
  let gapChart: ReportSection['chart'];
  for (const id of weeklyInequalityIndicators) {
    const indicator = reader.indicator(id);
    for (const ics of icss) {
      const org = ics.org_code;
      const now = await reader.inequality(id, org, 'week', period.start);
      const before = await reader.inequality(id, org, 'week', addDays(period.start, -7));
      if (!now) continue;
      const gap = now.gap;
      const direction = gapDirection(now, before);
      gapRows.push([
        { text: indicator.title },
        { text: ics.org_name },
        { text: formatted(now.most_deprived, indicator.unit), numeric: true },
        { text: formatted(now.least_deprived, indicator.unit), numeric: true },
        {
          text: `${formatGap(gap, indicator.unit)} (${formatGap(now.gap_lower, indicator.unit)} to ${formatGap(now.gap_upper, indicator.unit)})`,
          numeric: true,
        },
        direction,
      ]);
      figures.push({
        measure: 'gap',
        indicator_id: id,
        org_code: org,
        grain: 'week',
        period_start: period.start,
        value: gap,
      });
      if (direction.tone === 'bad')
        whereToLook.push(
          `${ics.org_name}: the deprivation gap in ${indicator.title.toLowerCase()} widened beyond its interval.`,
        );
      if (!gapChart && id === 'ae_4h_performance') {
        const groups = await reader.values(id, {
          grain: 'week',
          dimension: 'imd_quintile',
          org,
          period: period.start,
        });
        if (groups.length > 0)
          gapChart = renderChart(
            'gap-4h-' + org,
            `Four-hour performance by deprivation quintile, ${org}`,
            (document) =>
              intervalChart(
                groups.map((g) => ({
                  category:
                    g.category === 'Unknown'
                      ? 'Unknown'
                      : `IMD quintile ${g.category}${g.category === '1' ? ' (most deprived)' : g.category === '5' ? ' (least deprived)' : ''}`,
                  value: g.value,
                  lower: g.lower,
                  upper: g.upper,
                })),
                {
                  document,
                  unit: 'proportion',
                  width: 640,
                  title: `Four-hour performance by IMD quintile, ${ics.org_name}`,
                },
              ),
          );
      }
    }
    gapSources.push(
      sourceLine(
        id,
        icss.map((o) => o.org_code).join(' '),
        'week',
        `${period.start}, imd_quintile (inequality_summary)`,
      ),
    );
  }
  sections.push({
    title: 'Inequality: most against least deprived',
    paragraphs: [
      'Most deprived (IMD quintile 1) minus least deprived (quintile 5), with its 95% interval. The direction compares this week\u2019s gap with last week\u2019s: "wider" or "narrower" only when the intervals do not overlap, else "no clear change".',
    ],
    chart: gapChart,
    table:
      gapRows.length === 0
        ? undefined
        : {
            columns: [
              'Indicator',
              'ICS',
              'Most deprived',
              'Least deprived',
              'Gap (95% interval)',
              'Direction',
            ],
            rows: gapRows,
          },
    sources: gapSources,
  });
  if (gapRows.length === 0)
    sections.at(-1)!.paragraphs.push('No inequality summary exists for this week yet.');
  if (quiet.length > 0)
    whatChanged.push(
      `No A&E data for this week from ${quiet.map((o) => o.org_name).join(', ')}: left out below.`,
    );
  if (whereToLook.length === 0)
    whereToLook.push(
      'No headline indicator shows special cause concern and no deprivation gap widened clearly this week.',
    );

  return {
    report: 'weekly-flow',
    period,
    title: 'Weekly flow and inequality report',
    subtitle: `Week ${period.label}: ${longDate(period.start)} to ${longDate(period.end)}`,
    audience: '',
    generatedAt,
    whatChanged,
    whereToLook,
    sections,
    disclosure: reader.disclosure ? disclosureStatement(reader.disclosure) : null,
    figures,
  };
}

function formatGap(gap: number | null, unit: string): string {
  if (gap === null || !Number.isFinite(gap)) return '–';
  if (unit === 'proportion') return `${gap > 0 ? '+' : ''}${(gap * 100).toFixed(1)} pts`;
  return `${gap > 0 ? '+' : ''}${Math.round(gap * 10) / 10}`;
}

function gapDirection(now: InequalitySummaryRow, before: InequalitySummaryRow | null): ReportCell {
  if (!before || typeof before.gap !== 'number' || typeof now.gap !== 'number')
    return { text: 'no earlier week', tone: 'neutral' };
  const [lo, hi] = [now.gap_lower, now.gap_upper];
  const [blo, bhi] = [before.gap_lower, before.gap_upper];
  const separate =
    lo !== null && hi !== null && blo !== null && bhi !== null && (lo > bhi || hi < blo);
  if (!separate) return { text: 'no clear change', tone: 'neutral' };
  return Math.abs(now.gap) > Math.abs(before.gap)
    ? { text: 'wider', tone: 'bad' }
    : { text: 'narrower', tone: 'good' };
}
