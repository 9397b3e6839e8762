import {
  defaultScenarioName,
  scenarioNameMaxLength,
} from '../../pipelines/scenario/describe-levers.js';
import type { ScenarioValueRow } from '../../pipelines/read/index.js';
import type { Lever, SavedScenario } from '../../pipelines/scenario/index.js';
import { scenarioBandChart, type ScenarioBandRow } from '../charts/scenario-band-chart.js';
import { getJson, getRows, postJsonBody } from '../layout/api-client.js';
import { chartFigure, scrollTable } from '../layout/chart-figure.js';
import { html, londonTime, replaceChildren } from '../layout/dom.js';
import { loadOrgs, shortOrgName, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';
import { readView, writeView } from '../layout/view-state.js';

type Scenario = Omit<SavedScenario, 'created_at' | 'started_at' | 'finished_at'> & {
  created_at: string;
  started_at: string | null;
  progress: { done: number; total: number } | null;
};

/** An output row as the page reads it: hour_start as a Date. */
type ValueRow = Omit<ScenarioValueRow, 'hour_start'> & { hour_start: Date | null };

const shell = mountPageShell(
  'whatif',
  'What if',
  'Try a plan against the coming hours before committing to it: the simulation starts from every site’s state now, runs the plan and no change on the same random numbers, and shows both with their 80% and 95% ranges.',
);
const view = readView({ scenario: '', org: '' });

const charts: Array<{ measure: string; label: string; percent?: boolean; trustOnly?: boolean }> = [
  { measure: 'twelve_hour_waits', label: '12-hour waits (leaving in the hour)' },
  { measure: 'in_department', label: 'patients in ED' },
  { measure: 'four_hour_share', label: 'left within 4 hours', percent: true },
  { measure: 'ga_occupancy', label: 'G&A occupancy', percent: true },
  { measure: 'nctr_patients', label: 'patients with no criteria to reside' },
  { measure: 'handovers_over_60', label: 'handovers over 60 minutes' },
  { measure: 'opel_level', label: 'OPEL level (illustrative scoring)', trustOnly: true },
];

function numberField(
  id: string,
  label: string,
  options: { min?: number; max?: number; value?: string; hint?: string },
): HTMLElement {
  return html(
    'div',
    { class: 'picker' },
    html('label', { for: id }, label),
    html('input', {
      id,
      name: id,
      type: 'number',
      inputmode: 'numeric',
      min: options.min,
      max: options.max,
      value: options.value ?? '',
      'aria-describedby': options.hint ? `${id}-hint` : undefined,
    }),
    options.hint ? html('span', { id: `${id}-hint`, class: 'hint' }, options.hint) : null,
  );
}

function selectField(id: string, label: string, choices: Array<[string, string]>, value = '') {
  return html(
    'div',
    { class: 'picker' },
    html('label', { for: id }, label),
    html(
      'select',
      { id, name: id },
      ...choices.map(([v, text]) => html('option', { value: v, selected: v === value }, text)),
    ),
  );
}

/** One lever's fields kept together on a line. */
const lever = (...fields: HTMLElement[]) => html('div', { class: 'lever' }, ...fields);

const pathwayChoices: Array<[string, string]> = [
  ['', 'every pathway'],
  ['0', 'pathway 0'],
  ['1', 'pathway 1'],
  ['2', 'pathway 2'],
  ['3', 'pathway 3'],
];

/** The sites with a live state (the only ones a scenario can start from), their trusts and ICSs. */
interface Simulated {
  sites: Set<string>;
  trusts: Set<string>;
  ics: Set<string>;
}

function orgChoices(orgs: Orgs, live: Simulated): Array<[string, string]> {
  return [
    ...orgs
      .byType('ics')
      .filter((o) => live.ics.has(o.org_code))
      .map((o): [string, string] => [o.org_code, `${shortOrgName(o.org_name)} (ICS)`]),
    ...orgs
      .byType('trust')
      .filter((o) => live.trusts.has(o.org_code))
      .map((o): [string, string] => [o.org_code, `${shortOrgName(o.org_name)} (trust)`]),
    ...orgs
      .byType('site')
      .filter((o) => live.sites.has(o.org_code))
      .map((o): [string, string] => [o.org_code, `${o.org_name} (site)`]),
  ];
}

function planForm(
  orgs: Orgs,
  live: Simulated,
  onRun: (body: Record<string, unknown>) => void,
): HTMLElement {
  const trusts = orgs.byType('trust').filter((o) => live.trusts.has(o.org_code));
  const sites = orgs.byType('site').filter((o) => live.sites.has(o.org_code));
  const form = html(
    'form',
    { class: 'card scenario-form', 'aria-labelledby': 'plan-heading', novalidate: true },
    html('h2', { id: 'plan-heading' }, 'Plan'),
    selectField('where', 'Where', orgChoices(orgs, live), trusts[0]?.org_code ?? ''),
    html(
      'fieldset',
      {},
      html('legend', {}, 'Levers (leave blank for no change)'),
      lever(numberField('beds', 'G&A beds opened (negative: closed)', { min: -2000, max: 2000 })),
      lever(
        numberField('cut', 'Delays of patients with no criteria to reside cut by (%)', {
          min: 0,
          max: 100,
        }),
        selectField('cut-pathway', 'for', pathwayChoices, '3'),
      ),
      lever(
        numberField('extra', 'Extra discharges a day', { min: 0, max: 500 }),
        selectField('extra-pathway', 'on', pathwayChoices.slice(1), '1'),
      ),
      lever(numberField('surge', 'Arrivals up (+) or down (−) by (%)', { min: -100, max: 500 })),
      lever(numberField('cap', 'Ambulance handovers capped at (minutes)', { min: 0, max: 240 })),
      lever(
        numberField('divert', 'Ambulance arrivals diverted (%)', { min: 0, max: 100 }),
        selectField(
          'divert-to',
          'to',
          sites.map((s) => [s.org_code, s.org_name]),
        ),
      ),
      numberField('start', 'Starting after (hours)', { min: 0, max: 335, value: '0' }),
    ),
    selectField(
      'hours',
      'Over',
      [
        ['24', '24 hours'],
        ['72', '72 hours'],
        ['168', '7 days'],
        ['336', '14 days'],
      ],
      '72',
    ),
    selectField(
      'replications',
      'Replications',
      [
        ['50', '50'],
        ['100', '100'],
        ['200', '200'],
      ],
      '50',
    ),
    html(
      'div',
      { class: 'picker' },
      html('label', { for: 'name' }, 'Name'),
      html('input', { id: 'name', name: 'name', type: 'text', maxlength: scenarioNameMaxLength }),
    ),
    html(
      'div',
      { class: 'picker checkbox' },
      html('input', { id: 'in-brief', name: 'in-brief', type: 'checkbox' }),
      html('label', { for: 'in-brief' }, 'Show in the daily brief'),
    ),
    html('button', { type: 'submit', class: 'button' }, 'Run'),
  );
  const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).value.trim();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const org = value('where');
    const start_hour = Number(value('start') || '0');
    const levers: Array<Record<string, unknown>> = [];
    const add = (lever: Record<string, unknown>) => levers.push({ org, start_hour, ...lever });
    if (value('beds') && Number(value('beds')) !== 0)
      add({ kind: 'beds', beds: Number(value('beds')) });
    if (value('cut') && Number(value('cut')) > 0)
      add({
        kind: 'nctr_cut',
        percent: Number(value('cut')),
        ...(value('cut-pathway') ? { pathway: Number(value('cut-pathway')) } : {}),
      });
    if (value('extra') && Number(value('extra')) > 0)
      add({
        kind: 'extra_discharges',
        per_day: Number(value('extra')),
        pathway: Number(value('extra-pathway')),
      });
    if (value('surge') && Number(value('surge')) !== 0)
      add({ kind: 'arrivals', percent: Number(value('surge')) });
    if (value('cap')) add({ kind: 'handover_cap', minutes: Number(value('cap')) });
    if (value('divert') && Number(value('divert')) > 0)
      add({ kind: 'divert', share: Number(value('divert')) / 100, to: value('divert-to') });
    const ics = orgs.rows.find((o) => o.org_code === org)?.ics_code;
    onRun({
      name:
        value('name') ||
        defaultScenarioName(levers as unknown as Lever[], (code) =>
          shortOrgName(orgs.nameOf(code)),
        ),
      hours: Number(value('hours')),
      replications: Number(value('replications')),
      in_brief: (form.querySelector('#in-brief') as HTMLInputElement).checked,
      ...(ics ? { ics: [ics] } : {}),
      levers,
    });
  });
  return form;
}

const format = (value: number | null, percent = false) =>
  value === null
    ? '–'
    : percent
      ? `${(value * 100).toFixed(1)}%`
      : value.toFixed(value < 10 ? 1 : 0);

async function showScenario(
  id: string,
  orgs: Orgs,
  live: Simulated,
  target: HTMLElement,
  status: HTMLElement,
): Promise<void> {
  let scenario: Scenario;
  for (;;) {
    ({ scenario } = await getJson<{ scenario: Scenario }>(
      `/api/scenarios/${id}?measure=arrivals&run=baseline`,
    ));
    if (scenario.status !== 'running') break;
    const progress = scenario.progress;
    replaceChildren(
      status,
      html('progress', { max: progress?.total ?? 1, value: progress?.done ?? 0 }),
      ` Running ${progress ? `${progress.done} of ${progress.total}` : ''} replications…`,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (scenario.status === 'failed') {
    replaceChildren(status, `The scenario failed: ${scenario.error ?? 'no reason recorded'}`);
    return;
  }
  replaceChildren(
    status,
    `${scenario.name}: from ${londonTime(scenario.started_at)}, ${scenario.request.hours} hours, ${scenario.request.replications} replications, seed ${scenario.random_seed}, data version ${scenario.data_version}.`,
  );
  const leverOrg = scenario.request.levers[0]?.org;
  const org = view.org || leverOrg || scenario.ics_codes[0]!;
  const { rows } = await getRows<ValueRow>(`/api/scenarios/${id}?org=${encodeURIComponent(org)}`);
  const orgType = rows[0]?.org_type ?? 'site';
  const orgPicker = selectField(
    'show-org',
    'Show',
    orgChoices(orgs, live).filter(
      ([code]) => code === org || orgs.rows.some((o) => o.org_code === code),
    ),
    org,
  );
  orgPicker.querySelector('select')!.addEventListener('change', (event) => {
    view.org = (event.target as HTMLSelectElement).value;
    writeView(view);
    void showScenario(id, orgs, live, target, status);
  });
  const figures = charts
    .filter((c) => !(c.trustOnly && orgType === 'site'))
    .map((c) => {
      const hourly = rows.filter(
        (r): r is ValueRow & { hour_start: Date; run: 'baseline' | 'scenario' } =>
          r.measure === c.measure && r.hour_start !== null && r.run !== 'difference',
      );
      const whole = (run: string) =>
        rows.find((r) => r.measure === c.measure && r.hour_start === null && r.run === run);
      const base = whole('baseline');
      const plan = whole('scenario');
      const difference = whole('difference');
      const over =
        c.measure === 'twelve_hour_waits' || c.measure === 'handovers_over_60'
          ? 'in total'
          : 'on average';
      return chartFigure({
        title: shortOrgName(orgs.nameOf(org)) + ': ' + c.label,
        summary:
          `${c.label} ${over} over ${scenario.request.hours} h: no change ${format(base?.mean ?? null, c.percent)}, ` +
          `with the plan ${format(plan?.mean ?? null, c.percent)} (80% range ${format(plan?.p10 ?? null, c.percent)}–${format(plan?.p90 ?? null, c.percent)}); ` +
          `difference ${format(difference?.mean ?? null, c.percent)} (80% range ${format(difference?.p10 ?? null, c.percent)} to ${format(difference?.p90 ?? null, c.percent)}). Grey dashed: no change; blue: the plan; shaded: 80% and 95% ranges.`,
        chart: scenarioBandChart(hourly as ScenarioBandRow[], {
          label: c.label,
          percent: c.percent,
        }),
        table: {
          columns: ['hour', 'no change (80% range)', 'plan (80% range)'],
          rows: hourly
            .filter((r) => r.run === 'baseline')
            .map((b) => {
              const s = hourly.find(
                (r) => r.run === 'scenario' && r.hour_start.getTime() === b.hour_start.getTime(),
              );
              const cell = (r: ValueRow | undefined) =>
                r
                  ? `${format(r.mean, c.percent)} (${format(r.p10, c.percent)}–${format(r.p90, c.percent)})`
                  : '–';
              return [londonTime(b.hour_start), cell(b), cell(s)];
            }),
        },
      });
    });
  replaceChildren(
    target,
    html(
      'section',
      { class: 'card', 'aria-labelledby': 'effect-heading' },
      html('h2', { id: 'effect-heading' }, 'Effect of the plan'),
      html(
        'ul',
        { class: 'scenario-summary' },
        ...scenario.summary.map((line) => html('li', {}, line)),
      ),
      html(
        'p',
        { class: 'hint' },
        'Ranges are across the replications; the difference compares each replication with its own no-change twin, so it is the plan’s effect and not chance. OPEL levels use the configured (by default illustrative) scoring.',
      ),
    ),
    html('div', { class: 'controls' }, orgPicker),
    html('div', { class: 'grid' }, ...figures),
    html(
      'details',
      { class: 'data-table' },
      html(
        'summary',
        {},
        `What the simulation was fitted on (${scenario.fitted.length} distributions)`,
      ),
      scrollTable({
        columns: ['site', 'distribution', 'method', 'from', 'to', 'observations'],
        rows: scenario.fitted.map((f) => [
          f.site_code,
          f.distribution,
          f.method,
          londonTime(f.window_from),
          londonTime(f.window_to),
          String(f.observations),
        ]),
      }),
    ),
  );
}

async function savedList(target: HTMLElement): Promise<void> {
  const { scenarios } = await getJson<{ scenarios: Scenario[] }>('/api/scenarios');
  replaceChildren(
    target,
    html('h2', { id: 'saved-heading' }, `Saved scenarios (${scenarios.length})`),
    scenarios.length === 0
      ? html('p', {}, 'None yet: run a plan above.')
      : html(
          'ul',
          {},
          ...scenarios
            .slice(0, 20)
            .map((s) =>
              html(
                'li',
                {},
                html('a', { href: `whatif.html?scenario=${s.scenario_id}` }, s.name),
                ` — ${londonTime(s.created_at)}, ${s.status}${s.in_brief ? ', in the daily brief' : ''}`,
              ),
            ),
        ),
  );
}

async function render(): Promise<void> {
  const [orgs, { rows: liveSites }] = await Promise.all([
    loadOrgs(),
    getRows<{ site_code: string; trust_code: string; ics_code: string }>('/api/live'),
  ]);
  const live: Simulated = {
    sites: new Set(liveSites.map((s) => s.site_code)),
    trusts: new Set(liveSites.map((s) => s.trust_code)),
    ics: new Set(liveSites.map((s) => s.ics_code)),
  };
  const status = html('p', { class: 'scenario-status', role: 'status', 'aria-live': 'polite' });
  const results = html('div', { class: 'scenario-results' });
  const saved = html('section', { class: 'card', 'aria-labelledby': 'saved-heading' });
  const form = planForm(orgs, live, (body) => {
    replaceChildren(status, 'Checking the plan against the sites…');
    postJsonBody<{ scenario: Scenario }>('/api/scenarios', body)
      .then(({ scenario }) => {
        view.scenario = scenario.scenario_id;
        view.org = '';
        writeView(view);
        return showScenario(scenario.scenario_id, orgs, live, results, status).then(() =>
          savedList(saved),
        );
      })
      .catch((error: unknown) =>
        replaceChildren(
          status,
          `Not run: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
  replaceChildren(shell.content, form, status, results, saved);
  await savedList(saved);
  if (view.scenario) await showScenario(view.scenario, orgs, live, results, status);
}

render().catch((error: unknown) =>
  shell.showError(error instanceof Error ? error.message : String(error)),
);
