import type { IndicatorValueRow } from '../../pipelines/read/index.js';
import type {
  SpcAssuranceIcon,
  SpcVariationIcon,
  XmrPoint,
} from '../../pipelines/indicators/index.js';
import { formatValue } from '../charts/format-value.js';
import { intervalChart } from '../charts/interval-chart.js';
import { spcColours } from '../charts/nhs-colours.js';
import { spcChart, spcRows } from '../charts/spc-chart.js';
import { assuranceText, variationText } from '../charts/spc-icons.js';
import { timeSeriesChart } from '../charts/time-series-chart.js';
import { ApiError, getJson, getRows } from '../layout/api-client.js';
import { chartFigure, emptyFigure } from '../layout/chart-figure.js';
import { html, londonDay, replaceChildren } from '../layout/dom.js';
import { categoryLabel, loadIndicators, type RegistryEntry } from '../layout/load-indicators.js';
import { loadOrgs, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';
import { datePicker, grainChoices, picker } from '../layout/pickers.js';
import { readView, writeView, type ViewState } from '../layout/view-state.js';

interface SpcBody {
  indicator_id: string;
  org_code: string;
  grain: string;
  improvement: string;
  target: number | null;
  series: Array<{ period_start: string; value: number; is_provisional: boolean; coverage: number }>;
  spc: {
    points: XmrPoint[];
    variationIcon: SpcVariationIcon;
    assuranceIcon: SpcAssuranceIcon;
    warnings: string[];
  } | null;
  disclosure: Parameters<ReturnType<typeof mountPageShell>['setDisclosure']>[0];
}

const breakdownLabels: Record<string, string> = {
  total: 'None (total)',
  imd_quintile: 'IMD quintile',
  imd_decile: 'IMD decile',
  core20: 'Core20',
  ethnic_group: 'Ethnic group',
  age_band: 'Age band',
  sex: 'Sex',
};

const shell = mountPageShell(
  'explorer',
  'Indicator explorer',
  'Any indicator, any organisation, any time grain, as a Making Data Count SPC chart, with its breakdowns, the data and downloads.',
);
let orgs: Orgs;
let registry: RegistryEntry[];
let view: ViewState;

function indicatorOf(id: string): RegistryEntry {
  return registry.find((entry) => entry.id === id) ?? registry[0];
}

function renderControls(): void {
  const indicator = indicatorOf(view.indicator);
  const grains = grainChoices.filter((g) => indicator.grains.includes(g.value));
  if (!indicator.grains.includes(view.grain)) view.grain = indicator.grains.at(-1) ?? 'month';
  const breakdowns = [
    'total',
    ...indicator.breakdowns.filter((b) => b in breakdownLabels && b !== 'total'),
  ];
  if (!breakdowns.includes(view.by)) view.by = 'total';
  const change = (key: string) => (value: string) => {
    view[key] = value;
    void update();
  };
  replaceChildren(
    shell.controls,
    picker(
      'Indicator',
      'indicator',
      registry.map((entry) => ({ value: entry.id, label: entry.title })),
      view.indicator,
      change('indicator'),
    ),
    picker(
      'Organisation',
      'org',
      [...orgs.rows]
        .filter((org) => org.is_synthetic || indicator.published)
        .sort((a, b) => Number(b.is_synthetic) - Number(a.is_synthetic))
        .map((org) => ({ value: org.org_code, label: `${org.org_name.trim()} (${org.org_type})` })),
      view.org,
      change('org'),
    ),
    picker('Grain', 'grain', grains, view.grain, change('grain')),
    picker(
      'Breakdown',
      'by',
      breakdowns.map((b) => ({ value: b, label: breakdownLabels[b] })),
      view.by,
      change('by'),
    ),
    datePicker('From', 'from', view.from, change('from')),
    datePicker('To', 'to', view.to, change('to')),
    picker(
      'SPC rules',
      'preset',
      [
        { value: 'nhse', label: 'NHS England (MDC)' },
        { value: 'plotthedots', label: 'NHS-R plotthedots' },
      ],
      view.preset,
      change('preset'),
    ),
  );
}

async function update(): Promise<void> {
  renderControls();
  writeView(view);
  const indicator = indicatorOf(view.indicator);
  const query = new URLSearchParams({ org: view.org, grain: view.grain, preset: view.preset });
  if (view.from) query.set('from', view.from);
  if (view.to) query.set('to', view.to);
  const sections: HTMLElement[] = [
    html(
      'section',
      { class: 'card', 'aria-labelledby': 'definition-heading' },
      html('h2', { id: 'definition-heading' }, indicator.title),
      html('p', {}, indicator.definition),
      html(
        'p',
        { class: 'note' },
        `Unit: ${indicator.unit.replaceAll('_', ' ')}. ${polarityText(indicator.polarity)}.` +
          (indicator.targets.length
            ? ` Targets: ${indicator.targets.map((t) => t.label).join('; ')}.`
            : ''),
      ),
    ),
  ];
  try {
    const spc = await getJson<SpcBody>(
      `/api/indicators/${encodeURIComponent(indicator.id)}/spc?${query}`,
    );
    shell.setDisclosure(spc.disclosure);
    sections.push(spcSection(indicator, spc));
  } catch (error) {
    sections.push(
      emptyFigure('SPC chart', error instanceof ApiError ? error.message : String(error)),
    );
  }
  if (view.by !== 'total') sections.push(await breakdownSection(indicator));
  sections.push(downloads(indicator));
  replaceChildren(shell.content, ...sections);
}

function polarityText(polarity: string): string {
  if (polarity === 'higher_is_better') return 'Higher is better';
  if (polarity === 'lower_is_better') return 'Lower is better';
  return 'Neither direction is better';
}

function spcSection(indicator: RegistryEntry, body: SpcBody): HTMLElement {
  const name = orgs.nameOf(body.org_code);
  const title = `${indicator.title}, ${name}, by ${body.grain}`;
  if (body.series.length === 0)
    return emptyFigure(title, 'No values for this organisation and grain yet.');
  if (!body.spc) {
    return chartFigure({
      title,
      summary: `Only ${body.series.filter((row) => !row.is_provisional).length} complete ${body.grain}${body.series.filter((row) => !row.is_provisional).length === 1 ? '' : 's'}: too few points for SPC.`,
      chart: timeSeriesChart(
        body.series.map((row) => ({
          ...row,
          period_start: new Date(row.period_start),
          org_code: body.org_code,
        })),
        { unit: indicator.unit, names: { [body.org_code]: name }, grain: body.grain },
      ),
      table: {
        columns: ['period', 'value', 'complete'],
        rows: body.series.map((row) => [
          londonDay(row.period_start),
          formatValue(row.value, indicator.unit),
          row.is_provisional ? `no: provisional, ${coverageText(row.coverage)} in` : 'yes',
        ]),
      },
    });
  }
  const rows = spcRows(body.spc.points);
  const last = rows.at(-1)!;
  const provisional = body.series.filter((row) => row.is_provisional);
  const firstJudged = rows[0].period_start.getTime();
  const soFar = provisional.filter((row) => Date.parse(row.period_start) > firstJudged);
  const special = rows.filter((row) => row.variation !== 'common').length;
  const summary =
    `${rows.length} complete ${body.grain}s from ${londonDay(rows[0].period_start)} to ${londonDay(last.period_start)}. ` +
    `Latest complete ${body.grain} ${londonDay(last.period_start)}: ${formatValue(last.value, indicator.unit)}; mean ${formatValue(last.mean, indicator.unit)}, ` +
    (last.upper_limit === null
      ? 'no process limits yet (too few points). '
      : `process limits ${formatValue(last.lower_limit, indicator.unit)} to ${formatValue(last.upper_limit, indicator.unit)}. `) +
    `${special} point${special === 1 ? '' : 's'} show special cause variation. ` +
    `Variation icon: ${variationText(body.spc.variationIcon)}. ${assuranceText(body.spc.assuranceIcon)}.` +
    (body.target !== null ? ` Target ${formatValue(body.target, indicator.unit)}.` : '') +
    soFar
      .map(
        (row) =>
          ` So far ${londonDay(row.period_start)} (provisional, ${coverageText(row.coverage)} of the ${body.grain} in, not judged): ${formatValue(row.value, indicator.unit)}.`,
      )
      .join('') +
    (provisional.length > soFar.length
      ? ` ${provisional.length - soFar.length} earlier ${body.grain}${provisional.length - soFar.length === 1 ? '' : 's'} only partly covered by the loaded history, drawn hollow and not judged.`
      : '') +
    (body.spc.warnings.length ? ` Note: ${body.spc.warnings.join('; ')}.` : '');
  const legend = html(
    'p',
    { class: 'spc-legend' },
    ...(
      [
        ['improvement', 'improvement (+)'],
        ['concern', 'concern (!)'],
        ['neutral', 'special cause, neither'],
        ['common', 'common cause'],
      ] as const
    ).map(([key, label]) =>
      html(
        'span',
        {},
        html('span', { class: 'swatch', style: `background:${spcColours[key]}` }),
        label,
      ),
    ),
    html(
      'span',
      {},
      html('span', { class: 'swatch hollow' }),
      'provisional (so far): not complete, not judged',
    ),
    html('span', {}, 'solid line: mean; dashed: process limits; red dashed: target'),
  );
  const figure = chartFigure({
    title,
    summary,
    chart: spcChart(rows, {
      unit: indicator.unit,
      target: body.target,
      variationIcon: body.spc.variationIcon,
      assuranceIcon: body.spc.assuranceIcon,
      twoSigma: true,
      grain: body.grain,
      provisional: provisional.map((row) => ({
        period_start: new Date(row.period_start),
        value: row.value,
      })),
      title: `SPC chart of ${title}`,
      width: 960,
      height: 360,
    }),
    table: {
      columns: ['period', 'value', 'mean', 'lower limit', 'upper limit', 'variation'],
      rows: body.series.map((point) => {
        const row = rows.find((r) => r.period_start.getTime() === Date.parse(point.period_start));
        if (!row || point.is_provisional)
          return [
            londonDay(point.period_start),
            formatValue(point.value, indicator.unit),
            '–',
            '–',
            '–',
            `provisional (${coverageText(point.coverage)} in), not judged`,
          ];
        return [
          londonDay(row.period_start),
          formatValue(row.value, indicator.unit),
          formatValue(row.mean, indicator.unit),
          formatValue(row.lower_limit, indicator.unit),
          formatValue(row.upper_limit, indicator.unit),
          row.variation,
        ];
      }),
    },
  });
  figure.insertBefore(legend, figure.querySelector('figcaption'));
  return figure;
}

function coverageText(coverage: number): string {
  return `${Math.floor(coverage * 100)}%`;
}

async function breakdownSection(indicator: RegistryEntry): Promise<HTMLElement> {
  const query = new URLSearchParams({ org: view.org, grain: view.grain, by: view.by });
  const { rows, disclosure } = await getRows<IndicatorValueRow>(
    `/api/indicators/${encodeURIComponent(indicator.id)}/values?${query}`,
  );
  if (disclosure) shell.setDisclosure(disclosure);
  const latest = rows.reduce<number>(
    (max, row) => Math.max(max, new Date(row.period_start).getTime()),
    0,
  );
  const groups = rows.filter((row) => new Date(row.period_start).getTime() === latest);
  const title = `${indicator.title} by ${breakdownLabels[view.by].toLowerCase()}, ${view.grain} from ${londonDay(new Date(latest))}`;
  if (groups.length === 0) return emptyFigure(title, 'No breakdown values for this selection.');
  return chartFigure({
    title,
    summary:
      `${groups.length} groups. ` +
      groups.map((g) => `${g.category}: ${formatValue(g.value, indicator.unit)}`).join('; ') +
      '.',
    chart: intervalChart(
      groups.map((g) => ({ ...g, category: categoryLabel(g.dimension, g.category) })),
      { unit: indicator.unit, title },
    ),
    table: {
      columns: ['group', 'numerator', 'denominator', 'value', '95% interval'],
      rows: groups.map((g) => [
        g.category,
        g.numerator ?? '–',
        g.denominator ?? '–',
        formatValue(g.value, indicator.unit),
        g.lower === null
          ? '–'
          : `${formatValue(g.lower, indicator.unit)} to ${formatValue(g.upper, indicator.unit)}`,
      ]),
    },
  });
}

function downloads(indicator: RegistryEntry): HTMLElement {
  const query = new URLSearchParams({ org: view.org, grain: view.grain, by: view.by });
  const base = `/api/indicators/${encodeURIComponent(indicator.id)}/values?${query}`;
  return html(
    'section',
    { class: 'card', 'aria-labelledby': 'downloads-heading' },
    html('h2', { id: 'downloads-heading' }, 'Download these values'),
    html(
      'p',
      {},
      html(
        'a',
        { href: `${base}&format=csv`, download: `${indicator.id}-${view.org}-${view.grain}.csv` },
        'CSV',
      ),
      ' · ',
      html(
        'a',
        {
          href: `${base}&format=arrow`,
          download: `${indicator.id}-${view.org}-${view.grain}.arrow`,
        },
        'Arrow IPC stream',
      ),
      ' · ',
      html('a', { href: `${base}&format=json` }, 'JSON'),
    ),
  );
}

async function start(): Promise<void> {
  try {
    [orgs, registry] = await Promise.all([loadOrgs(), loadIndicators()]);
    const defaultOrg =
      orgs.byType('ics').find((org) => org.is_synthetic)?.org_code ?? orgs.rows[0]?.org_code ?? '';
    view = readView({
      indicator: 'ae_4h_performance',
      org: defaultOrg,
      grain: 'day',
      by: 'total',
      preset: 'nhse',
      from: '',
      to: '',
    });
    await update();
  } catch (error) {
    shell.showError(error instanceof Error ? error.message : String(error));
  }
}

void start();
