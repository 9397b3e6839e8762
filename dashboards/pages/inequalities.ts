import type { IndicatorValueRow, InequalitySummaryRow } from '../../pipelines/read/index.js';
import { formatValue } from '../charts/format-value.js';
import { intervalChart, isUnknownCategory } from '../charts/interval-chart.js';
import { ApiError, getJson } from '../layout/api-client.js';
import { chartFigure, emptyFigure } from '../layout/chart-figure.js';
import { html, londonDay, replaceChildren } from '../layout/dom.js';
import { categoryLabel, loadIndicators, type RegistryEntry } from '../layout/load-indicators.js';
import { loadOrgs, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';
import { datePicker, grainChoices, picker } from '../layout/pickers.js';
import { readView, writeView, type ViewState } from '../layout/view-state.js';

interface InequalityBody {
  disclosure: Parameters<ReturnType<typeof mountPageShell>['setDisclosure']>[0];
  groups: IndicatorValueRow[];
  summary: InequalitySummaryRow[] | null;
}

const groupings: Record<string, string> = {
  imd_quintile: 'IMD quintile (1 = most deprived)',
  imd_decile: 'IMD decile (1 = most deprived)',
  core20: 'Core20 (most deprived 20%)',
  ethnic_group: 'Ethnic group',
  age_band: 'Age band',
  sex: 'Sex',
};

const shell = mountPageShell(
  'inequalities',
  'Inequalities',
  'Any rate or proportion by deprivation, ethnic group, age band and sex: each group’s value with its 95% interval, the unknowns shown, and across deprivation the gap and the slope and relative indices of inequality (SII, RII) with their intervals.',
);
let orgs: Orgs;
let registry: RegistryEntry[];
let view: ViewState;

function candidates(): RegistryEntry[] {
  return registry.filter(
    (entry) =>
      (entry.unit === 'proportion' || entry.unit === 'rate_per_100k') &&
      entry.breakdowns.some((b) => b in groupings),
  );
}

function renderControls(indicator: RegistryEntry): void {
  const change = (key: string) => (value: string) => {
    view[key] = value;
    void update();
  };
  const levels = indicator.levels ?? ['site', 'trust', 'ics', 'region'];
  replaceChildren(
    shell.controls,
    picker(
      'Indicator',
      'indicator',
      candidates().map((e) => ({ value: e.id, label: e.title })),
      view.indicator,
      change('indicator'),
    ),
    picker(
      'Organisation',
      'org',
      orgs.rows
        .filter((o) => levels.includes(o.org_type) && o.is_synthetic)
        .map((o) => ({ value: o.org_code, label: `${o.org_name.trim()} (${o.org_type})` })),
      view.org,
      change('org'),
    ),
    picker(
      'Group by',
      'by',
      indicator.breakdowns
        .filter((b) => b in groupings)
        .map((b) => ({ value: b, label: groupings[b] })),
      view.by,
      change('by'),
    ),
    picker(
      'Grain',
      'grain',
      grainChoices.filter((g) => g.value !== 'hour' && indicator.grains.includes(g.value)),
      view.grain,
      change('grain'),
    ),
    datePicker('Period starting (empty: latest complete)', 'period', view.period, change('period')),
  );
}

async function update(): Promise<void> {
  const all = candidates();
  const indicator = all.find((e) => e.id === view.indicator) ?? all[0];
  view.indicator = indicator.id;
  const levels = indicator.levels ?? ['site', 'trust', 'ics', 'region'];
  const org = orgs.rows.find((o) => o.org_code === view.org);
  if (!org || !levels.includes(org.org_type))
    view.org =
      orgs.rows.find((o) => levels.includes(o.org_type) && o.is_synthetic)?.org_code ?? view.org;
  if (!indicator.breakdowns.includes(view.by))
    view.by = indicator.breakdowns.find((b) => b in groupings) ?? 'imd_quintile';
  if (!indicator.grains.includes(view.grain)) view.grain = indicator.grains.at(-1) ?? 'month';
  renderControls(indicator);
  writeView(view);
  const query = new URLSearchParams({ org: view.org, grain: view.grain, by: view.by });
  if (view.period) query.set('period', view.period);
  let body: InequalityBody;
  try {
    body = await getJson<InequalityBody>(
      `/api/indicators/${encodeURIComponent(indicator.id)}/inequality?${query}`,
    );
  } catch (error) {
    replaceChildren(
      shell.content,
      emptyFigure(indicator.title, error instanceof ApiError ? error.message : String(error)),
    );
    return;
  }
  shell.setDisclosure(body.disclosure);
  const groups = body.groups.filter((g) => g.dimension === view.by);
  const period = groups[0]?.period_start;
  const title = `${indicator.title} by ${groupings[view.by].replace(/ \(.*\)$/, '').toLowerCase()}, ${orgs.nameOf(view.org)}, ${view.grain} from ${londonDay(period)}${groups[0]?.is_provisional ? `, so far (provisional: ${Math.floor(groups[0].coverage * 100)}% of the ${view.grain} in; it may change)` : ''}`;
  if (groups.length === 0) {
    replaceChildren(shell.content, emptyFigure(title, 'No values for this selection yet.'));
    return;
  }
  const unknown = groups.filter((g) => isUnknownCategory(g.category));
  const known = groups.filter((g) => !isUnknownCategory(g.category));
  const unknownCount = unknown.reduce((n, g) => n + (g.denominator ?? g.numerator ?? 0), 0);
  const totalCount = groups.reduce((n, g) => n + (g.denominator ?? g.numerator ?? 0), 0);
  const figure = chartFigure({
    title,
    summary:
      known
        .map(
          (g) =>
            `${g.category}: ${formatValue(g.value, indicator.unit)} (95% interval ${formatValue(g.lower, indicator.unit)} to ${formatValue(g.upper, indicator.unit)})`,
        )
        .join('; ') +
      `. ${unknown.length ? `Group not known for ${unknownCount.toLocaleString('en-GB')} of ${totalCount.toLocaleString('en-GB')} (${formatValue(totalCount ? unknownCount / totalCount : null, 'proportion')}), shown as “unknown”.` : 'No unknowns.'}`,
    chart: intervalChart(
      groups.map((g) => ({ ...g, category: categoryLabel(g.dimension, g.category) })),
      { unit: indicator.unit, title, width: 760 },
    ),
    table: {
      columns: ['group', 'numerator', 'denominator', 'value', 'lower 95%', 'upper 95%'],
      rows: groups.map((g) => [
        g.category,
        g.numerator ?? '–',
        g.denominator ?? '–',
        formatValue(g.value, indicator.unit),
        formatValue(g.lower, indicator.unit),
        formatValue(g.upper, indicator.unit),
      ]),
    },
  });
  replaceChildren(
    shell.content,
    html('div', { class: 'grid wide' }, figure, summaryCard(indicator, body.summary?.[0] ?? null)),
  );
}

function summaryCard(indicator: RegistryEntry, summary: InequalitySummaryRow | null): HTMLElement {
  const unit = indicator.unit;
  const interval = (lower: number | null, upper: number | null, u: string) =>
    lower === null || upper === null
      ? ''
      : ` (95% interval ${formatValue(lower, u)} to ${formatValue(upper, u)})`;
  if (!summary) {
    return html(
      'section',
      { class: 'card', 'aria-labelledby': 'gap-heading' },
      html('h2', { id: 'gap-heading' }, 'Gap, SII and RII'),
      html(
        'p',
        {},
        'The gap and the slope and relative indices of inequality are computed across deprivation (IMD quintiles and deciles); choose an IMD grouping to see them.',
      ),
    );
  }
  const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  return html(
    'section',
    { class: 'card', 'aria-labelledby': 'gap-heading' },
    html('h2', { id: 'gap-heading' }, 'Gap, SII and RII across deprivation'),
    html(
      'dl',
      { class: 'summary-list' },
      html('dt', {}, 'Most deprived'),
      html('dd', {}, formatValue(summary.most_deprived, unit)),
      html('dt', {}, 'Least deprived'),
      html('dd', {}, formatValue(summary.least_deprived, unit)),
      html('dt', {}, 'Gap (most − least deprived)'),
      html(
        'dd',
        {},
        formatValue(summary.gap, unit) + interval(summary.gap_lower, summary.gap_upper, unit),
      ),
      html('dt', {}, 'Slope index of inequality (SII)'),
      html(
        'dd',
        {},
        formatValue(summary.sii, unit) + interval(summary.sii_lower, summary.sii_upper, unit),
      ),
      html('dt', {}, 'Relative index of inequality (RII)'),
      html(
        'dd',
        {},
        ratio(summary.rii) +
          (summary.rii_lower === null
            ? ''
            : ` (95% interval ${ratio(summary.rii_lower)} to ${ratio(summary.rii_upper)})`),
      ),
      html('dt', {}, 'Deprivation not known'),
      html('dd', {}, formatValue(summary.unknown_share, 'proportion')),
    ),
    html(
      'p',
      { class: 'note' },
      'SII: the modelled difference between the most and least deprived ends of the population, from a weighted regression across all groups. RII: the same as a ratio. Intervals by seeded resampling.',
    ),
  );
}

async function start(): Promise<void> {
  try {
    [orgs, registry] = await Promise.all([loadOrgs(), loadIndicators()]);
    const ics =
      orgs.byType('ics').find((o) => o.is_synthetic)?.org_code ?? orgs.rows[0]?.org_code ?? '';
    view = readView({
      indicator: 'ae_4h_performance',
      org: ics,
      by: 'imd_quintile',
      grain: 'month',
      period: '',
    });
    await update();
  } catch (error) {
    shell.showError(error instanceof Error ? error.message : String(error));
  }
}

void start();
