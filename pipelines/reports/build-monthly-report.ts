import { barChart } from '../../dashboards/charts/index.js';
import { disclosureStatement, type IndicatorValueRow } from '../read/index.js';
import { renderChart } from './render-chart.js';
import type { ReportCell, ReportDocument, ReportFigure, ReportSection } from './report-document.js';
import {
  assuranceCell,
  change,
  formatted,
  monthName,
  sourceLine,
  variationCell,
} from './report-format.js';
import type { ReportPeriod } from './report-period.js';
import type { ReportReader } from './report-reader.js';

/** The 2025/26 operational planning target for four-hour performance. */
export const fourHourTarget = 0.78;

/**
 * The monthly published-data report, from NHS England's monthly A&E files: four-hour
 * performance of every ICB and region against the 78% target, 12-hour waits from decision to
 * admit, each with the SPC reading of its monthly series (as the API's /spc computes it).
 */
export async function buildMonthlyReport(
  reader: ReportReader,
  period: ReportPeriod,
  generatedAt: Date,
): Promise<ReportDocument> {
  const figures: ReportFigure[] = [];
  const sections: ReportSection[] = [];
  const whatChanged: string[] = [];
  const whereToLook: string[] = [];
  const month = period.start;
  const previousMonth = new Date(`${month}T00:00:00Z`);
  previousMonth.setUTCMonth(previousMonth.getUTCMonth() - 1);
  const before = previousMonth.toISOString().slice(0, 10);

  const table = async (type: 'ics' | 'region', label: string) => {
    const orgs = await reader.orgs(type, false);
    const names = new Map(orgs.map((o) => [o.org_code, o.org_name]));
    const perf = (
      await reader.values('ae_4h_performance', { grain: 'month', period: month })
    ).filter((r) => names.has(r.org_code));
    const perfBefore = await reader.values('ae_4h_performance', { grain: 'month', period: before });
    const dta = await reader.values('ae_12h_from_dta', { grain: 'month', period: month });
    const rows: Array<{ org: string; perf: IndicatorValueRow; cells: ReportCell[] }> = [];
    for (const p of perf) {
      const org = p.org_code;
      const spc = await reader.spc('ae_4h_performance', org, 'month', undefined, period.end);
      const value = p.value;
      const prior = perfBefore.find((r) => r.org_code === org)?.value ?? null;
      const waits = dta.find((r) => r.org_code === org)?.value ?? null;
      figures.push({
        measure: 'value',
        indicator_id: 'ae_4h_performance',
        org_code: org,
        grain: 'month',
        period_start: month,
        value,
      });
      figures.push({
        measure: 'value',
        indicator_id: 'ae_12h_from_dta',
        org_code: org,
        grain: 'month',
        period_start: month,
        value: waits,
      });
      rows.push({
        org,
        perf: p,
        cells: [
          { text: names.get(org) ?? org },
          { text: formatted(p.denominator, 'count'), numeric: true },
          {
            text: formatted(value, 'proportion'),
            numeric: true,
            tone: value === null ? 'neutral' : value >= fourHourTarget ? 'good' : 'bad',
          },
          { text: change(value, prior, 'proportion'), numeric: true },
          {
            text: value === null ? '–' : value >= fourHourTarget ? 'yes' : 'no',
            tone: value === null ? 'neutral' : value >= fourHourTarget ? 'good' : 'bad',
          },
          { text: formatted(waits, 'count'), numeric: true },
          variationCell(spc.spc?.variationIcon),
          assuranceCell(spc.spc?.assuranceIcon, spc.target),
        ],
      });
    }
    rows.sort((a, b) => (b.perf.value ?? -1) - (a.perf.value ?? -1));
    const meeting = rows.filter(
      (r) => typeof r.perf.value === 'number' && r.perf.value >= fourHourTarget,
    ).length;
    return { rows, names, meeting, label, orgCodes: orgs.map((o) => o.org_code) };
  };

  const regions = await table('region', 'Region');
  const icbs = await table('ics', 'ICB');
  const eng = (
    await reader.values('ae_4h_performance', { grain: 'month', period: month, org: 'ENG' })
  )[0];
  if (eng) {
    figures.push({
      measure: 'value',
      indicator_id: 'ae_4h_performance',
      org_code: 'ENG',
      grain: 'month',
      period_start: month,
      value: eng.value,
    });
    whatChanged.push(
      `England: ${formatted(eng.value, 'proportion')} of ${formatted(eng.denominator, 'count')} A&E attendances were within four hours in ${monthName(month)} (target 78%).`,
    );
  }
  whatChanged.push(
    `${icbs.meeting} of ${icbs.rows.length} ICBs and ${regions.meeting} of ${regions.rows.length} regions met the 78% four-hour target.`,
  );
  const lowest = icbs.rows
    .filter((r) => typeof r.perf.value === 'number')
    .slice(-3)
    .reverse();
  for (const r of lowest)
    whereToLook.push(
      `${icbs.names.get(r.org) ?? r.org}: ${formatted(r.perf.value, 'proportion')} within four hours.`,
    );
  for (const r of icbs.rows.filter((r) => r.cells[6]!.tone === 'bad').slice(0, 3))
    whereToLook.push(
      `${icbs.names.get(r.org) ?? r.org}: special cause concern in four-hour performance.`,
    );

  const columns = [
    'Organisation',
    'Attendances',
    '4-hour',
    'vs month before',
    'Meets 78%',
    '12 h from DTA',
    'Variation',
    'Assurance',
  ];
  const source = (orgs: string[]) => [
    sourceLine(
      'ae_4h_performance',
      orgs.length > 12
        ? `${orgs.length} organisations (every ${orgs.length > 20 ? 'ICB' : 'region'})`
        : orgs.join(' '),
      'month',
      month,
    ),
    sourceLine('ae_12h_from_dta', 'as above', 'month', month),
    'SPC: the monthly series of each organisation to this month; NHS England monthly A&E situation report (MSitAE), provider level, summed to ICB and region',
  ];
  sections.push({
    title: `Regions, ${monthName(month)}`,
    paragraphs: [
      'Four-hour performance (all A&E types) against the 78% target, 12-hour waits from decision to admit, and the SPC reading of each monthly series.',
    ],
    chart:
      regions.rows.length === 0
        ? undefined
        : renderChart('regions-4h', `Four-hour performance by region, ${month}`, (document) =>
            barChart(
              regions.rows.map((r) => ({
                category: regions.names.get(r.org) ?? r.org,
                value: r.perf.value,
              })),
              {
                document,
                unit: 'proportion',
                width: 640,
                title: `Four-hour performance by region, ${monthName(month)}`,
              },
            ),
          ),
    table: { columns, rows: regions.rows.map((r) => r.cells) },
    sources: source(regions.rows.map((r) => r.org)),
  });
  sections.push({
    title: `Integrated care boards, ${monthName(month)}`,
    paragraphs: [
      `Every ICB, highest four-hour performance first. ${icbs.rows.length - icbs.meeting} are below 78%.`,
    ],
    table: { columns, rows: icbs.rows.map((r) => r.cells) },
    sources: source(icbs.rows.map((r) => r.org)),
  });
  if (whereToLook.length === 0) whereToLook.push('No ICB or region shows special cause concern.');

  return {
    report: 'monthly-published',
    period,
    title: 'Monthly published A&E data',
    subtitle: `${monthName(month)}: NHS England's monthly A&E figures for every ICB and region`,
    audience: '',
    generatedAt,
    whatChanged,
    whereToLook,
    sections,
    disclosure: reader.disclosure ? disclosureStatement(reader.disclosure) : null,
    figures,
  };
}
