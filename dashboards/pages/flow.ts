import type {
  IndicatorValueRow,
  JourneyRow,
  LocalAuthorityRow,
} from '../../pipelines/read/index.js';
import { barChart } from '../charts/bar-chart.js';
import { formatValue } from '../charts/format-value.js';
import { journeyChart, type JourneyRow as JourneyChartRow } from '../charts/journey-chart.js';
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
 * The journey of one cohort (GET /api/journey): the patients who arrived at the chosen
 * organisation's A&E departments in the 7 days to the last complete day, how they arrived,
 * how they left A&E and where they are now; every stage counts the same patients.
 */
async function journeySection(): Promise<HTMLElement> {
  const org = view.org;
  const { rows, disclosure } = await getRows<JourneyRow>(
    `/api/journey?org=${encodeURIComponent(org)}&days=7`,
  );
  const first = rows[0];
  const days = first
    ? `arrivals ${londonDay(new Date(`${first.first_day}T12:00:00Z`))} to ${londonDay(new Date(`${first.last_day}T12:00:00Z`))}`
    : 'the last 7 complete days';
  const title = `Patient journey, ${orgs.nameOf(org)}, ${days}`;
  if (!first)
    return emptyFigure(title, 'No attendances in the last 7 complete days for this organisation.');
  const count = (stage: string, category: string) =>
    rows.find((r) => r.stage === stage && r.category === category)?.patients ?? null;
  const cohort = rows
    .filter((r) => r.stage === 'Arrival')
    .reduce((n, r) => n + (r.patients ?? 0), 0);
  const said = (n: number | null) => (n === null ? 'a few' : n.toLocaleString('en-GB'));
  const shown: JourneyChartRow[] = rows.map((r) => ({
    stage: r.stage,
    category: r.category,
    patients: r.patients ?? 0,
  }));
  return chartFigure({
    title,
    summary:
      `${cohort.toLocaleString('en-GB')} patients arrived, ${said(count('Arrival', 'By ambulance'))} by ambulance; ` +
      `${said(count('Leaving A&E', 'Admitted'))} were admitted. Now ${said(count('Now', 'Still in hospital'))} are still in hospital, ` +
      `${said(count('Now', 'Discharged from hospital'))} have been discharged and ${said(count('Now', 'Still in A&E'))} are still in A&E. ` +
      'Every stage counts the same patients: those who arrived on these days.' +
      (disclosure ? ' Counts are rounded to 5 and small ones withheld.' : ''),
    chart: journeyChart(shown, { title }),
    table: {
      columns: ['stage', 'route', 'patients'],
      rows: rows.map((r) => [r.stage, r.category, r.patients ?? 'withheld']),
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
