import { barChart, forecastBandChart, opelMeaning } from '../../dashboards/charts/index.js';
import {
  disclosureStatement,
  periodDay,
  type ForecastRow,
  type IndicatorValueRow,
  type OpelRow,
  type ScenarioValueRow,
} from '../read/index.js';
import { describeLevers, type SavedScenario } from '../scenario/index.js';
import { renderChart } from './render-chart.js';
import type { ReportCell, ReportDocument, ReportFigure, ReportSection } from './report-document.js';
import { change, formatted, longDate, shortName, sourceLine, toneOf } from './report-format.js';
import { addDays, type ReportPeriod } from './report-period.js';
import type { ReportReader } from './report-reader.js';

/** The flow measures of the brief, each compared with the day before and the same day last week. */
export const dailyFlowIndicators = [
  'ae_attendances',
  'ae_4h_performance',
  'ae_12h_from_arrival',
] as const;

/**
 * The daily operations brief for one audience: OPEL by trust and ICS with its drivers, the
 * last day's flow against the day before and the same day last week, open alerts, the next 24
 * hours' forecast and any failed report deliveries.
 */
export async function buildDailyBrief(
  reader: ReportReader,
  period: ReportPeriod,
  generatedAt: Date,
): Promise<ReportDocument> {
  const ctx = await briefContext(reader, period.start);
  const { day, figures } = ctx;
  const { whatChanged, lookAt } = headline(ctx);
  const parts = [await opelPart(ctx), flowPart(ctx)];
  if (reader.operational)
    parts.push(
      await alertsPart(ctx),
      await forecastPart(ctx),
      await scenariosPart(ctx),
      await deliveryPart(ctx),
    );
  const sections = parts.flatMap((part) => part.sections);
  const whereToLook = [...lookAt, ...parts.flatMap((part) => part.lookAt)];
  if (whereToLook.length === 0)
    whereToLook.push(
      'Nothing stands out: no trust fell by more than 2 points on last week, and no organisation is at OPEL 3 or 4.',
    );

  return {
    report: 'daily-brief',
    period,
    title: 'Daily operations brief',
    subtitle: `${longDate(period.label)}: flow on ${longDate(day)}`,
    audience: '',
    generatedAt,
    whatChanged,
    whereToLook,
    sections,
    disclosure: reader.disclosure ? disclosureStatement(reader.disclosure) : null,
    figures,
  };
}

/** What every part of the brief reads: the day, the organisations and their daily values. */
async function briefContext(reader: ReportReader, day: string) {
  const days = { now: day, before: addDays(day, -1), lastWeek: addDays(day, -7) };
  const icss = await reader.orgs('ics', true);
  const trusts = await reader.orgs('trust', true);
  const orgs = [...icss, ...trusts];
  const names = new Map(orgs.map((o) => [o.org_code, o.org_name]));
  const figures: ReportFigure[] = [];
  const byOrgDay = new Map<string, IndicatorValueRow>();
  for (const id of dailyFlowIndicators) {
    for (const row of await reader.values(id, { grain: 'day', from: days.lastWeek, to: day })) {
      if (!names.has(row.org_code)) continue;
      byOrgDay.set(`${id}|${row.org_code}|${periodDay(row.period_start)}`, row);
      if (periodDay(row.period_start) === day)
        figures.push({
          measure: 'value',
          indicator_id: id,
          org_code: row.org_code,
          grain: 'day',
          period_start: day,
          value: row.value,
        });
    }
  }
  const value = (id: string, org: string, d: string) =>
    byOrgDay.get(`${id}|${org}|${d}`)?.value ?? null;
  // A day whose data is not complete (an attendance still in the department, a file still to
  // come) is shown marked, never judged: no colour, no place in "where to look".
  const isProvisional = (id: string, org: string, d: string) =>
    byOrgDay.get(`${id}|${org}|${d}`)?.is_provisional === true;

  const hasData = (org: string) =>
    [day, days.before, days.lastWeek].some((d) => value('ae_attendances', org, d) !== null);
  const activeIcss = icss.filter((o) => hasData(o.org_code));
  const activeTrusts = trusts.filter((o) => hasData(o.org_code));
  const quiet = icss.filter((o) => !hasData(o.org_code));
  const grouped = activeIcss.flatMap((ics) => [
    ics,
    ...activeTrusts.filter((t) => t.ics_code === ics.org_code),
  ]);

  return {
    reader,
    day,
    days,
    names,
    figures,
    value,
    isProvisional,
    activeIcss,
    activeTrusts,
    quiet,
    grouped,
  };
}

type BriefContext = Awaited<ReturnType<typeof briefContext>>;

/** A part of the brief: its sections, and what it adds to "where to look". */
interface BriefPart {
  sections: ReportSection[];
  lookAt: string[];
}

/** "What changed" for each ICS, and the trusts whose 4-hour performance fell most on last week. */
function headline(ctx: BriefContext): { whatChanged: string[]; lookAt: string[] } {
  const { day, days, value, isProvisional, activeIcss, activeTrusts, quiet } = ctx;
  const whatChanged: string[] = [];
  const whereToLook: string[] = [];
  for (const ics of activeIcss) {
    const org = ics.org_code;
    const p = value('ae_4h_performance', org, day);
    const a = value('ae_attendances', org, day);
    whatChanged.push(
      `${ics.org_name}: ${formatted(a, 'count')} attendances on ${longDate(day)} (${change(a, value('ae_attendances', org, days.before), 'count')} on the day before, ${change(a, value('ae_attendances', org, days.lastWeek), 'count')} on the same day last week); 4-hour performance ${formatted(p, 'proportion')} (${change(p, value('ae_4h_performance', org, days.before), 'proportion')} on the day before).` +
        (isProvisional('ae_4h_performance', org, day)
          ? ` Provisional: not every patient who arrived on ${longDate(day)} had left A&E when the data was read, so these figures may change.`
          : ''),
    );
  }
  if (quiet.length > 0)
    whatChanged.push(
      `No A&E data for ${longDate(days.lastWeek)} to ${longDate(day)} from ${quiet.map((o) => o.org_name).join(', ')}: left out below.`,
    );
  const worst = activeTrusts
    .map((t) => ({
      code: t.org_code,
      name: t.org_name,
      drop: (() => {
        const now = value('ae_4h_performance', t.org_code, day);
        const lw = value('ae_4h_performance', t.org_code, days.lastWeek);
        return typeof now === 'number' && typeof lw === 'number' ? now - lw : null;
      })(),
      now: value('ae_4h_performance', t.org_code, day),
    }))
    .filter(
      (t) => t.drop !== null && t.drop < -0.02 && !isProvisional('ae_4h_performance', t.code, day),
    )
    .sort((a, b) => a.drop! - b.drop!);
  for (const t of worst.slice(0, 3))
    whereToLook.push(
      `${t.name}: 4-hour performance ${formatted(t.now, 'proportion')}, ${change(t.drop! + 0, 0, 'proportion')} on the same day last week.`,
    );

  return { whatChanged, lookAt: whereToLook };
}

/** Escalation: the latest OPEL level of each ICS and trust, with its drivers (operational roles). */
async function opelPart(ctx: BriefContext): Promise<BriefPart> {
  const { reader, names } = ctx;
  const sections: ReportSection[] = [];
  const whereToLook: string[] = [];
  const opel = await reader.opelLatest();
  if (reader.operational) {
    const rows = opel
      .filter((r) => names.has(r.org_code))
      .sort((a, b) => b.level - a.level || opelName(a).localeCompare(opelName(b)));
    for (const r of rows.filter((r) => r.level >= 3))
      whereToLook.push(
        `${opelName(r)} is at OPEL ${r.level} (${opelMeaning[r.level] ?? ''}); drivers: ${topDrivers(r.drivers)}.`,
      );
    sections.push({
      title: 'Escalation: OPEL by ICS and trust',
      paragraphs: [
        rows.length === 0
          ? 'No OPEL assessment is recorded yet.'
          : `${rows.filter((r) => r.level >= 3).length} of ${rows.length} organisations are at OPEL 3 or 4. The drivers are the parameters that scored most points.`,
      ],
      table: {
        columns: ['Organisation', 'Type', 'OPEL', 'Score', 'Main drivers', 'Assessed'],
        rows: rows.map((r) => [
          { text: opelName(r) },
          { text: r.org_type === 'ics' ? 'ICS' : 'Trust' },
          { text: String(r.level), tone: opelTone(r.level) },
          { text: String(Math.round(r.score * 10) / 10), numeric: true },
          { text: topDrivers(r.drivers) },
          { text: londonTime(r.assessed_at) },
        ]),
      },
      sources: [`table opel_level (latest assessment per organisation), as GET /api/opel`],
    });
  }

  return { sections, lookAt: whereToLook };
}

/** Flow on the day: each measure against the day before and the same day last week. */
function flowPart(ctx: BriefContext): BriefPart {
  const { day, days, value, isProvisional, activeTrusts, grouped } = ctx;
  const sections: ReportSection[] = [];
  const flowRows: ReportCell[][] = grouped.map((o) => {
    const org = o.org_code;
    const cells: ReportCell[] = [{ text: o.org_name, indent: o.org_type !== 'ics' }];
    for (const [id, unit, polarity] of [
      ['ae_attendances', 'count', 'neither'],
      ['ae_4h_performance', 'proportion', 'higher_is_better'],
      ['ae_12h_from_arrival', 'proportion', 'lower_is_better'],
    ] as const) {
      const now = value(id, org, day);
      const judged = !isProvisional(id, org, day);
      cells.push({
        text: `${formatted(now, unit)}${judged ? '' : ' (provisional)'}`,
        numeric: true,
      });
      cells.push({
        text: change(now, value(id, org, days.before), unit),
        numeric: true,
        tone: judged ? toneOf(now, value(id, org, days.before), polarity) : undefined,
      });
      cells.push({
        text: change(now, value(id, org, days.lastWeek), unit),
        numeric: true,
        tone: judged ? toneOf(now, value(id, org, days.lastWeek), polarity) : undefined,
      });
    }
    return cells;
  });
  const trustBars = activeTrusts.map((t) => ({
    category: shortName(t.org_name),
    value: value('ae_4h_performance', t.org_code, day),
  }));
  sections.push({
    title: `Flow on ${longDate(day)}`,
    paragraphs: [
      `Each measure for ${longDate(day)}, with the change on the day before (${longDate(days.before)}) and on the same day last week (${longDate(days.lastWeek)}). Green is better, red is worse, by each measure's direction.`,
    ],
    chart:
      trustBars.length === 0
        ? undefined
        : renderChart('flow-4h-by-trust', `Four-hour performance by trust on ${day}`, (document) =>
            barChart(trustBars, {
              document,
              unit: 'proportion',
              sort: true,
              width: 640,
              title: `Four-hour performance by trust, ${day}`,
            }),
          ),
    table: {
      columns: [
        'Organisation',
        'Attendances',
        'vs day before',
        'vs last week',
        '4-hour',
        'vs day before',
        'vs last week',
        '12 h+ in A&E',
        'vs day before',
        'vs last week',
      ],
      rows: flowRows,
    },
    sources: dailyFlowIndicators.map((id) =>
      sourceLine(
        id,
        grouped.map((o) => o.org_code).join(' '),
        'day',
        `${day} (vs ${days.before}, ${days.lastWeek})`,
      ),
    ),
  });

  return { sections, lookAt: [] };
}

/** Open alerts, most recent first; the critical ones go to "where to look". */
async function alertsPart(ctx: BriefContext): Promise<BriefPart> {
  const { reader, names } = ctx;
  const sections: ReportSection[] = [];
  const whereToLook: string[] = [];
  const alerts = await reader.openAlerts();
  for (const a of alerts.filter((a) => a.severity === 'critical').slice(0, 3))
    whereToLook.push(`Critical alert: ${a.title}.`);
  sections.push({
    title: `Open alerts (${alerts.length})`,
    paragraphs: [
      alerts.length === 0
        ? 'No alert is open.'
        : 'Alerts still open (not acknowledged or resolved), most recent first.',
    ],
    table:
      alerts.length === 0
        ? undefined
        : {
            columns: ['Severity', 'Alert', 'Organisation', 'Indicator', 'Raised'],
            rows: alerts.slice(0, 25).map((a) => [
              {
                text: a.severity,
                tone:
                  a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : 'neutral',
              },
              { text: a.title },
              { text: a.org_code === null ? '–' : (names.get(a.org_code) ?? a.org_code) },
              { text: a.indicator_id ?? '–' },
              { text: londonTime(a.raised_at) },
            ]),
          },
    sources: [
      `table alert (status open), as GET /api/alerts?status=open${alerts.length > 25 ? `; first 25 of ${alerts.length}` : ''}`,
    ],
  });

  return { sections, lookAt: whereToLook };
}

/** The next 24 hours: forecast A&E arrivals per site, the busiest charted. */
async function forecastPart(ctx: BriefContext): Promise<BriefPart> {
  const { reader } = ctx;
  const sections: ReportSection[] = [];
  const forecast = await reader.forecasts('arrivals');
  const sites = new Map<string, ForecastRow[]>();
  for (const f of forecast) {
    const list = sites.get(f.site_code) ?? [];
    if (list.length < 24) list.push(f);
    sites.set(f.site_code, list);
  }
  const siteNames = new Map((await reader.orgs('site', true)).map((s) => [s.org_code, s.org_name]));
  const siteRows = [...sites.entries()]
    .map(([site, hours]) => {
      const total = hours.reduce((n, h) => n + h.mean, 0);
      const peak = hours.reduce((a, b) => (b.mean > a.mean ? b : a));
      return {
        site,
        hours,
        total,
        low: hours.reduce((n, h) => n + h.lower80, 0),
        high: hours.reduce((n, h) => n + h.upper80, 0),
        peak,
      };
    })
    .sort((a, b) => b.total - a.total);
  const busiest = siteRows[0];
  sections.push({
    title: 'The next 24 hours: forecast A&E arrivals',
    paragraphs: [
      siteRows.length === 0
        ? 'No forecast is available yet.'
        : `Expected arrivals per site over the first 24 forecast hours, with the 80% range of each hour summed (a wide, cautious range). ${siteNames.get(busiest!.site) ?? busiest!.site} expects the most: about ${Math.round(busiest!.total)}.`,
    ],
    chart: busiest
      ? renderChart(
          'forecast-busiest-site',
          `Forecast hourly arrivals at ${busiest.site}`,
          (document) =>
            forecastBandChart([], {
              document,
              width: 640,
              height: 220,
              title: `Forecast arrivals per hour, ${siteNames.get(busiest.site) ?? busiest.site}`,
              forecast: busiest.hours.map((h) => ({
                site_code: h.site_code,
                measure: 'arrivals' as const,
                mean: h.mean,
                lower80: h.lower80,
                upper80: h.upper80,
                lower95: h.lower95,
                upper95: h.upper95,
                hour_start: new Date(h.hour_start),
              })),
            }),
        )
      : undefined,
    table:
      siteRows.length === 0
        ? undefined
        : {
            columns: [
              'Site',
              'Expected arrivals',
              '80% range (hours summed)',
              'Busiest hour',
              'Arrivals then',
            ],
            rows: siteRows.map((s) => [
              { text: siteNames.get(s.site) ?? s.site },
              { text: String(Math.round(s.total)), numeric: true },
              { text: `${Math.round(s.low)}–${Math.round(s.high)}`, numeric: true },
              { text: londonTime(s.peak.hour_start) },
              { text: s.peak.mean.toFixed(1), numeric: true },
            ]),
          },
    sources: ['table forecast (latest run per site, measure arrivals), as GET /api/forecasts'],
  });

  return { sections, lookAt: [] };
}

/** What-if scenarios marked for the brief, each with its effect. */
async function scenariosPart(ctx: BriefContext): Promise<BriefPart> {
  const { reader } = ctx;
  const sections: ReportSection[] = [];
  const whereToLook: string[] = [];
  for (const { scenario, horizon } of await reader.briefScenarios()) {
    const { lead, ...section } = scenarioSection(scenario, horizon);
    sections.push(section);
    if (lead) whereToLook.push(`What if “${scenario.name}”: ${lead}.`);
  }

  return { sections, lookAt: whereToLook };
}

/** Report deliveries that failed after every retry. */
async function deliveryPart(ctx: BriefContext): Promise<BriefPart> {
  const { reader } = ctx;
  const sections: ReportSection[] = [];
  const whereToLook: string[] = [];
  const problems = await reader.deliveryProblems();
  sections.push({
    title: 'Delivery problems',
    paragraphs: [
      problems.length === 0
        ? 'Every report delivery has succeeded.'
        : `${problems.length} report deliveries failed after every retry; they are listed in /api/health too.`,
    ],
    table:
      problems.length === 0
        ? undefined
        : {
            columns: ['Report', 'Period', 'Recipient', 'Attempts', 'Last error'],
            rows: problems.map((p) => [
              { text: p.report },
              { text: p.period },
              { text: p.recipient },
              { text: String(p.attempts), numeric: true },
              { text: (p.last_error ?? '').slice(0, 120), tone: 'bad' },
            ]),
          },
    sources: ['table report_delivery (status failed)'],
  });
  if (problems.length > 0)
    whereToLook.push(`${problems.length} report deliveries failed: see "Delivery problems".`);
  return { sections, lookAt: whereToLook };
}

const scenarioMeasures = [
  { measure: 'twelve_hour_waits', label: '12-hour waits (total)', percent: false },
  { measure: 'four_hour_share', label: '4-hour performance', percent: true },
  { measure: 'ga_occupancy', label: 'G&A occupancy (average)', percent: true },
  { measure: 'nctr_patients', label: 'no criteria to reside (average)', percent: false },
] as const;

function scenarioNumber(value: unknown, percent: boolean, sign = false): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const text = percent
    ? `${(value * 100).toFixed(1)}${sign ? ' pts' : '%'}`
    : value.toFixed(Math.abs(value) < 10 ? 1 : 0);
  return sign && value > 0 ? `+${text}` : text.replace('-', '−');
}

/**
 * A saved scenario marked for the brief: its plan in words, where and when it started, and its
 * headline outputs over the whole horizon (no change, with the plan, and the change within
 * replications) for each organisation a lever names and each ICS.
 */
function scenarioSection(
  scenario: SavedScenario,
  horizon: ScenarioValueRow[],
): ReportSection & { lead: string | null } {
  const names = new Map(horizon.map((r) => [r.org_code, r.org_name]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const { request } = scenario;
  const orgs = [
    ...new Set([
      ...request.levers.flatMap((l) => (l.to ? [l.org, l.to] : [l.org])),
      ...scenario.ics_codes,
    ]),
  ].filter((code) => names.has(code));
  const pick = (org: string, measure: string, run: string) =>
    horizon.find((r) => r.org_code === org && r.measure === measure && r.run === run);
  const rows: ReportCell[][] = [];
  let lead: string | null = null;
  for (const org of orgs)
    for (const { measure, label, percent } of scenarioMeasures) {
      const base = pick(org, measure, 'baseline');
      const plan = pick(org, measure, 'scenario');
      const diff = pick(org, measure, 'difference');
      if (!base || !plan || !diff) continue;
      const lower = measure !== 'four_hour_share';
      const tone: ReportCell['tone'] =
        typeof diff.p10 !== 'number' || typeof diff.p90 !== 'number'
          ? 'neutral'
          : (lower ? diff.p90 < 0 : diff.p10 > 0)
            ? 'good'
            : (lower ? diff.p10 > 0 : diff.p90 < 0)
              ? 'bad'
              : 'neutral';
      rows.push([
        { text: nameOf(org), indent: rows.length > 0 && rows.at(-1)![0]!.text === nameOf(org) },
        { text: label },
        { text: scenarioNumber(base.mean, percent), numeric: true },
        {
          text: `${scenarioNumber(plan.mean, percent)} (${scenarioNumber(plan.p10, percent)}–${scenarioNumber(plan.p90, percent)})`,
          numeric: true,
        },
        {
          text: `${scenarioNumber(diff.mean, percent, true)} (${scenarioNumber(diff.p10, percent, true)} to ${scenarioNumber(diff.p90, percent, true)})`,
          numeric: true,
          tone,
        },
      ]);
      if (lead === null && measure === 'twelve_hour_waits')
        lead = `12-hour waits at ${nameOf(org)} ${scenarioNumber(base.mean, false)} → ${scenarioNumber(plan.mean, false)} (80% range ${scenarioNumber(plan.p10, false)}–${scenarioNumber(plan.p90, false)}) over ${request.hours} h`;
    }
  const started = scenario.started_at ? londonTime(scenario.started_at) : 'its start';
  return {
    title: `What if: ${scenario.name}`,
    paragraphs: [
      `A saved scenario marked for this brief: ${describeLevers(request.levers, nameOf)}, simulated from the state at ${started} over ${request.hours} hours against no change on the same random numbers (${request.replications} replications, seed ${scenario.random_seed}, data version ${scenario.data_version ?? '–'}).`,
      'The figures are those of that run, not of the state this morning: to start the same plan from now, post its inputs again to /api/scenarios without "at". Ranges are the 80% range across replications; a change whose whole range is on one side of zero is coloured.',
    ],
    table: {
      columns: [
        'Organisation',
        'Measure',
        'No change',
        'With the plan (80% range)',
        'Change (80% range)',
      ],
      rows,
    },
    sources: [
      `table scenario_value (scenario ${scenario.scenario_id}, whole horizon), as GET /api/scenarios/${scenario.scenario_id}`,
    ],
    lead,
  };
}

function topDrivers(drivers: unknown): string {
  let list: Array<{ parameter?: string; value?: number; points?: number }> = [];
  try {
    // opel_level.drivers is JSON (contract: unknown); its shape is checked as it is read below.
    list = (typeof drivers === 'string' ? JSON.parse(drivers) : drivers) as typeof list;
  } catch {
    return '–';
  }
  if (!Array.isArray(list) || list.length === 0) return '–';
  return (
    list
      .filter((d) => (d.points ?? 0) > 0)
      .sort((a, b) => (b.points ?? 0) - (a.points ?? 0))
      .slice(0, 2)
      .map((d) =>
        `${String(d.parameter).replace(/_/g, ' ')} ${typeof d.value === 'number' ? Math.round(d.value * 100) / 100 : ''}`.trim(),
      )
      .join('; ') || 'no parameter scored'
  );
}

function opelTone(level: number): ReportCell['tone'] {
  return level >= 4 ? 'bad' : level === 3 ? 'warn' : level === 2 ? 'neutral' : 'good';
}

/** An OPEL row's organisation name, else its code. */
function opelName(row: OpelRow): string {
  return row.org_name ?? row.org_code;
}

/** An instant (a row's ISO 8601 UTC string, or a Date) as Europe/London day, month and time. */
function londonTime(instant: string | Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}
