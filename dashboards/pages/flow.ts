import type { IndicatorValueRow, LocalAuthorityRow } from '../../pipelines/read/index.js';
import { barChart } from '../charts/bar-chart.js';
import { formatValue } from '../charts/format-value.js';
import { journeyChart, type JourneyRow } from '../charts/journey-chart.js';
import { timeSeriesChart } from '../charts/time-series-chart.js';
import { getRows } from '../layout/api-client.js';
import { chartFigure, emptyFigure } from '../layout/chart-figure.js';
import { html, londonDay, replaceChildren } from '../layout/dom.js';
import { targetInForce } from '../../pipelines/indicators/target-in-force.js';
import { latestComplete } from '../layout/latest-complete.js';
import { loadIndicators, type RegistryEntry } from '../layout/load-indicators.js';
import { loadOrgs, shortOrgName, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';
import { datePicker, grainChoices, picker } from '../layout/pickers.js';
import { readView, writeView, type ViewState } from '../layout/view-state.js';

const flowIndicators = [
  'ae_4h_performance',
  'ae_12h_from_arrival',
  'ae_attendances',
  'ae_time_in_department',
  'ambulance_handover_over_30',
  'ga_bed_occupancy',
  'escalation_beds_open',
  'nctr_patients',
  'length_of_stay_mean',
  'discharges',
  'discharge_delay_days',
  'discharges_same_day_ready',
];

const shell = mountPageShell(
  'flow',
  'Flow',
  'A&E, bed and discharge indicators over time for the ICS, its trusts and their sites: choose an organisation to compare it with the organisations under it, and follow the patient journey from arrival to leaving hospital.',
);
let orgs: Orgs;
let localAuthorities = new Map<string, string>();
let registry: RegistryEntry[];
let view: ViewState;

async function update(): Promise<void> {
  const indicator = registry.find((e) => e.id === view.indicator) ?? registry[0];
  if (!indicator.grains.includes(view.grain))
    view.grain = indicator.grains.includes('day') ? 'day' : indicator.grains.at(-1)!;
  writeView(view);
  const change = (key: string) => (value: string) => {
    view[key] = value;
    void update();
  };
  const scope = orgs.rows.filter(
    (o) => o.is_synthetic && ['ics', 'trust', 'site'].includes(o.org_type),
  );
  replaceChildren(
    shell.controls,
    picker(
      'Indicator',
      'indicator',
      registry
        .filter((e) => flowIndicators.includes(e.id))
        .map((e) => ({ value: e.id, label: e.title })),
      indicator.id,
      change('indicator'),
    ),
    picker(
      'Organisation',
      'org',
      scope.map((o) => ({ value: o.org_code, label: `${o.org_name.trim()} (${o.org_type})` })),
      view.org,
      change('org'),
    ),
    picker(
      'Grain',
      'grain',
      grainChoices.filter((g) => indicator.grains.includes(g.value)),
      view.grain,
      change('grain'),
    ),
    datePicker('From', 'from', view.from, change('from')),
  );
  const org = orgs.rows.find((o) => o.org_code === view.org);
  const children = org
    ? orgs.childrenOf(org.org_code).filter((o) => ['trust', 'site'].includes(o.org_type))
    : [];
  const shown = [view.org, ...children.map((c) => c.org_code)];
  const answers = await Promise.all(
    shown.map((code) => {
      const query = new URLSearchParams({ org: code, grain: view.grain });
      if (view.from) query.set('from', view.from);
      return getRows<IndicatorValueRow>(
        `/api/indicators/${encodeURIComponent(indicator.id)}/values?${query}`,
      );
    }),
  );
  const disclosure = answers.find((answer) => answer.disclosure)?.disclosure ?? null;
  if (disclosure) shell.setDisclosure(disclosure);
  const series = answers
    .flatMap((answer) => answer.rows)
    .filter((row) => row.dimension === 'total')
    .map((row) => ({ ...row, period_start: new Date(row.period_start) }));
  const names = Object.fromEntries(shown.map((code) => [code, shortOrgName(orgs.nameOf(code))]));
  const crumbs = breadcrumbs(org?.org_code ?? '');
  const drill = children.length
    ? html(
        'div',
        { class: 'drill', role: 'group', 'aria-label': 'Drill down' },
        ...children.map((child) => {
          const button = html('button', { type: 'button' }, `${child.org_name.trim()} →`);
          button.addEventListener('click', () => {
            view.org = child.org_code;
            void update();
          });
          return button;
        }),
      )
    : null;
  const title = `${indicator.title}: ${orgs.nameOf(view.org)}${children.length ? ` and its ${children[0].org_type}s` : ''}, by ${view.grain}`;
  const latest = shown.map((code) => ({
    code,
    ...latestComplete(series.filter((r) => r.org_code === code)),
  }));
  const soFar = (rows: typeof series) =>
    rows.length
      ? `, so far ${rows.map((r) => `${londonDay(r.period_start)} ${formatValue(r.value, indicator.unit)}`).join(', ')} (provisional)`
      : '';
  const chart = series.length
    ? chartFigure({
        title,
        summary:
          `Latest complete ${view.grain}: ` +
          latest
            .filter((r) => r.complete || r.soFar.length)
            .map(
              (r) =>
                `${names[r.code]} ${r.complete ? `${formatValue(r.complete.value, indicator.unit)} (${londonDay(r.complete.period_start)})` : 'none yet'}${soFar(r.soFar)}`,
            )
            .join('; ') +
          '. The chart draws complete periods only; provisional ones (still running, or not every patient has left) are marked in the table.',
        // Complete periods only: a partial first day or the day so far would read as a plunge
        // or a spike; they are given in the summary and marked in the table.
        chart: timeSeriesChart(
          series.filter((r) => !r.is_provisional),
          {
            unit: indicator.unit,
            names,
            target:
              targetInForce(indicator.targets, new Date().toISOString().slice(0, 10))?.value ??
              null,
            grain: view.grain,
            title,
            width: 960,
            height: 340,
          },
        ),
        table: {
          columns: ['organisation', 'period', 'value', 'numerator', 'denominator', 'complete'],
          rows: series.map((r) => [
            names[r.org_code],
            londonDay(r.period_start),
            formatValue(r.value, indicator.unit),
            r.numerator ?? '–',
            r.denominator ?? '–',
            r.is_provisional ? `no (${Math.floor(r.coverage * 100)}% in)` : 'yes',
          ]),
        },
      })
    : emptyFigure(title, 'No values for this organisation and grain yet.');
  const delays = html(
    'div',
    { class: 'delays' },
    html('p', { class: 'note' }, 'Loading discharge delays…'),
  );
  const journey = html(
    'div',
    { class: 'journey' },
    html('p', { class: 'note' }, 'Loading the journey…'),
  );
  replaceChildren(
    shell.content,
    crumbs,
    drill ?? '',
    chart,
    html('h2', {}, 'The patient journey'),
    journey,
    html('h2', {}, 'Discharge delays by pathway and local authority'),
    delays,
  );
  replaceChildren(journey, await journeySection());
  replaceChildren(delays, ...(await delaySections()));
}

/**
 * Mean delay from the discharge ready date, by pathway and by local authority, in the latest
 * month with discharges for the chosen organisation.
 */
async function delaySections(): Promise<HTMLElement[]> {
  const org = view.org;
  const breakdown = async (by: string) =>
    (
      await getRows<IndicatorValueRow>(
        `/api/indicators/discharge_delay_days/values?org=${encodeURIComponent(org)}&grain=month&by=${by}`,
      )
    ).rows.filter((row) => row.dimension === by);
  const [byPathway, byArea] = await Promise.all(
    ['pathway', 'local_authority'].map((by) =>
      breakdown(by).catch(() => [] as IndicatorValueRow[]),
    ),
  );
  // The latest complete month; the month so far only when no month is complete yet.
  const latest = (rows: IndicatorValueRow[]) => {
    const complete = rows.filter((r) => !r.is_provisional);
    const from = complete.length ? complete : rows;
    const last = from.reduce((max, r) => Math.max(max, new Date(r.period_start).getTime()), 0);
    return from.filter((r) => new Date(r.period_start).getTime() === last);
  };
  const figure = (rows: IndicatorValueRow[], what: string, label: (c: string) => string) => {
    const month = rows[0]
      ? new Date(rows[0].period_start).toLocaleDateString('en-GB', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        })
      : '';
    const title = `Mean discharge delay by ${what}, ${orgs.nameOf(org)}, ${month}${rows[0]?.is_provisional ? ' so far (provisional)' : ''}`;
    if (rows.length === 0) return emptyFigure(title, 'No discharges with a ready date yet.');
    const bars = rows.map((r) => ({ category: label(r.category), value: r.value }));
    const longest = [...bars].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0]!;
    return chartFigure({
      title,
      summary: `Mean days from the discharge ready date to discharge; longest for ${longest.category} (${formatValue(longest.value, 'days')}). Discharges counted in the month they happened.`,
      chart: barChart(bars, { unit: 'days', sort: what !== 'pathway', title }),
      table: {
        columns: [what, 'mean delay (days)', 'discharges'],
        rows: rows.map((r) => [
          label(r.category),
          formatValue(r.value, 'days'),
          r.denominator ?? '–',
        ]),
      },
    });
  };
  return [
    figure(
      latest(byPathway).sort((a, b) => a.category.localeCompare(b.category)),
      'pathway',
      (c) => `Pathway ${c}`,
    ),
    figure(latest(byArea), 'local authority', (c) => localAuthorities.get(c) ?? c),
  ];
}

function breadcrumbs(code: string): HTMLElement {
  const trail = [];
  let current = orgs.rows.find((o) => o.org_code === code);
  while (current && ['ics', 'trust', 'site'].includes(current.org_type)) {
    trail.unshift(current);
    current = orgs.rows.find((o) => o.org_code === current!.parent_code);
  }
  return html(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Organisation' },
    ...trail.flatMap((org, i): Array<Node | string> => {
      if (i === trail.length - 1)
        return [html('strong', { 'aria-current': 'true' }, org.org_name.trim())];
      const button = html('button', { type: 'button' }, org.org_name.trim());
      button.addEventListener('click', () => {
        view.org = org.org_code;
        void update();
      });
      return [button, ' › '];
    }),
  );
}

/**
 * The journey from aggregate indicators over the last 7 days of the chosen organisation:
 * arrival mode, the ED outcome and how patients left hospital. Approximate: the three stages
 * count different patients over the same days, not one cohort followed through.
 */
async function journeySection(): Promise<HTMLElement> {
  const org = view.org;
  const values = async (id: string) =>
    (
      await getRows<IndicatorValueRow>(
        `/api/indicators/${id}/values?org=${encodeURIComponent(org)}&grain=day`,
      )
    ).rows.filter((row) => row.dimension === 'total');
  const [attendances, ambulance, admissions, discharges, sameDay] = await Promise.all(
    [
      'ae_attendances',
      'ambulance_arrivals',
      'ae_emergency_admissions',
      'discharges',
      'discharges_same_day_ready',
    ].map((id) => values(id).catch(() => [] as IndicatorValueRow[])),
  );
  const lastDay = attendances.reduce(
    (max, row) => Math.max(max, new Date(row.period_start).getTime()),
    0,
  );
  const week = (rows: IndicatorValueRow[], field: 'value' | 'numerator' = 'value') =>
    rows
      .filter((row) => new Date(row.period_start).getTime() > lastDay - 7 * 86_400_000)
      .reduce((n, row) => n + (row[field] ?? 0), 0);
  const arrived = week(attendances);
  const byAmbulance = week(ambulance);
  const admitted = week(admissions);
  const left = week(discharges);
  const leftSameDay = week(sameDay, 'numerator');
  const title = `Patient journey, ${orgs.nameOf(org)}, 7 days to ${londonDay(new Date(lastDay))}`;
  if (arrived === 0)
    return emptyFigure(title, 'No attendances in the last 7 days for this organisation.');
  const rows: JourneyRow[] = [
    { stage: 'Arrival at ED', category: 'Ambulance', patients: Math.round(byAmbulance) },
    {
      stage: 'Arrival at ED',
      category: 'Walk-in / other',
      patients: Math.round(Math.max(0, arrived - byAmbulance)),
    },
    { stage: 'ED outcome', category: 'Admitted', patients: Math.round(admitted) },
    {
      stage: 'ED outcome',
      category: 'Not admitted',
      patients: Math.round(Math.max(0, arrived - admitted)),
    },
  ];
  if (left > 0) {
    rows.push(
      { stage: 'Left hospital', category: 'On the day ready', patients: Math.round(leftSameDay) },
      {
        stage: 'Left hospital',
        category: 'After a delay',
        patients: Math.round(Math.max(0, left - leftSameDay)),
      },
    );
  }
  return chartFigure({
    title,
    summary:
      `${arrived.toLocaleString('en-GB')} attendances, ${Math.round(byAmbulance).toLocaleString('en-GB')} by ambulance; ` +
      `${Math.round(admitted).toLocaleString('en-GB')} admitted (${formatValue(admitted / arrived, 'proportion')}); ` +
      (left > 0
        ? `${Math.round(left).toLocaleString('en-GB')} discharged from a ward, ${formatValue(leftSameDay / left, 'proportion')} on the day they were ready. `
        : 'no ward discharges recorded. ') +
      'Each stage counts the patients at that stage in the same 7 days, not one cohort followed through.',
    chart: journeyChart(rows, { title }),
    table: {
      columns: ['stage', 'route', 'patients'],
      rows: rows.map((r) => [r.stage, r.category, r.patients]),
    },
  });
}

async function start(): Promise<void> {
  try {
    let authorities: LocalAuthorityRow[];
    [orgs, registry, { rows: authorities }] = await Promise.all([
      loadOrgs(),
      loadIndicators(),
      getRows<LocalAuthorityRow>('/api/local-authorities'),
    ]);
    localAuthorities = new Map(authorities.map((la) => [la.la_code, la.la_name]));
    const ics = orgs.byType('ics').find((o) => o.is_synthetic)?.org_code ?? '';
    view = readView({ indicator: 'ae_4h_performance', org: ics, grain: 'day', from: '' });
    await update();
  } catch (error) {
    shell.showError(error instanceof Error ? error.message : String(error));
  }
}

void start();
