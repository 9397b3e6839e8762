import type { IndicatorValueRow, OpelRow } from '../../pipelines/read/index.js';
import type { SpcAssuranceIcon, SpcVariationIcon } from '../../pipelines/indicators/index.js';
import { formatValue } from '../charts/format-value.js';
import { intervalChart } from '../charts/interval-chart.js';
import { opelBadge } from '../charts/opel-badge.js';
import { spcIcons, assuranceText, variationText } from '../charts/spc-icons.js';
import { timeSeriesChart } from '../charts/time-series-chart.js';
import { ApiError, getJson, getRows } from '../layout/api-client.js';
import { chartFigure, emptyFigure } from '../layout/chart-figure.js';
import { html, londonDay, replaceChildren } from '../layout/dom.js';
import { latestComplete } from '../layout/latest-complete.js';
import { loadOrgs, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';

interface SpcSummary {
  series: Array<{ period_start: string; value: number; is_provisional: boolean; coverage: number }>;
  spc: { variationIcon: SpcVariationIcon; assuranceIcon: SpcAssuranceIcon } | null;
}

const headline = [
  { id: 'ae_4h_performance', label: '4-hour performance', unit: 'proportion' },
  { id: 'ae_12h_from_arrival', label: '12 hours in A&E', unit: 'proportion' },
  { id: 'ga_bed_occupancy', label: 'G&A occupancy', unit: 'proportion' },
  { id: 'nctr_patients', label: 'No criteria to reside', unit: 'count' },
] as const;

const target = 0.78;

const shell = mountPageShell(
  'region',
  'Region',
  'Every ICS side by side: escalation level and headline indicators with their SPC icons; and NHS England’s published monthly A&E data for every ICB and region against the 78% four-hour target.',
);
let orgs: Orgs;

async function render(): Promise<void> {
  const comparisonSlot = html('div', {}, html('p', { class: 'note' }, 'Loading the ICSs…'));
  const publishedSlot = html('div', {});
  replaceChildren(shell.content, comparisonSlot, publishedSlot);
  await Promise.all([
    publishedSection().then((section) => replaceChildren(publishedSlot, section)),
    comparisonSection().then((section) => replaceChildren(comparisonSlot, section)),
  ]);
}

async function comparisonSection(): Promise<HTMLElement> {
  const candidates = orgs.byType('ics').filter((ics) => ics.is_synthetic);
  const opel = await getJson<{ latest: OpelRow[] }>('/api/opel').then(
    (body) => body.latest,
    (error: unknown) =>
      error instanceof ApiError && error.status === 403 ? [] : Promise.reject(error),
  );
  const all = await Promise.all(
    candidates.map(async (ics) => {
      const cells = await Promise.all(
        headline.map(async (h) => {
          try {
            const body = await getJson<SpcSummary>(
              `/api/indicators/${h.id}/spc?org=${encodeURIComponent(ics.org_code)}&grain=day`,
            );
            const { complete, soFar } = latestComplete(body.series);
            return { ...h, latest: complete, soFar: soFar.at(-1) ?? null, spc: body.spc };
          } catch {
            return { ...h, latest: null, soFar: null, spc: null };
          }
        }),
      );
      return { ics, level: opel.find((o) => o.org_code === ics.org_code), cells };
    }),
  );
  const rows = all.filter(
    (row) => row.level || row.cells.some((cell) => cell.latest || cell.soFar),
  );
  const icss = rows.map((row) => row.ics);
  const silent = all.filter((row) => !rows.includes(row)).map((row) => row.ics.org_name.trim());
  const comparison = html(
    'section',
    { class: 'card', 'aria-labelledby': 'ics-heading' },
    html('h2', { id: 'ics-heading' }, `Integrated care systems (${icss.length})`),
    silent.length ? html('p', { class: 'note' }, `No data yet for ${silent.join(', ')}.`) : null,
    html(
      'p',
      { class: 'note' },
      'Latest complete day, and beside it the day so far (provisional: not every patient who arrived has left, or the day is still running; never judged). Icons from complete days only: variation (H/L high or low special cause, dots common cause) and assurance (P pass, F fail, ? hit and miss). OPEL scoring is illustrative.',
    ),
    html(
      'div',
      { class: 'table-scroll', tabindex: '0' },
      html(
        'table',
        {},
        html(
          'thead',
          {},
          html(
            'tr',
            {},
            html('th', { scope: 'col' }, 'ICS'),
            html('th', { scope: 'col' }, 'OPEL'),
            ...headline.map((h) => html('th', { scope: 'col' }, h.label)),
          ),
        ),
        html(
          'tbody',
          {},
          ...rows.map((row) =>
            html(
              'tr',
              {},
              html('th', { scope: 'row' }, row.ics.org_name),
              html(
                'td',
                {},
                row.level ? opelBadge({ level: row.level.level, org_name: row.ics.org_name }) : '–',
              ),
              ...row.cells.map((cell) =>
                html(
                  'td',
                  {},
                  html('strong', {}, formatValue(cell.latest?.value ?? null, cell.unit)),
                  html(
                    'span',
                    { class: 'note' },
                    cell.latest
                      ? ` ${londonDay(cell.latest.period_start)}`
                      : ' no complete day yet',
                  ),
                  cell.soFar
                    ? html(
                        'span',
                        { class: 'so-far' },
                        html('br'),
                        `so far ${londonDay(cell.soFar.period_start)}: ${formatValue(cell.soFar.value, cell.unit)} (provisional)`,
                      )
                    : null,
                  html('br'),
                  cell.spc
                    ? spcIcons(cell.spc)
                    : html('span', { class: 'note' }, 'too few points for SPC'),
                  cell.spc
                    ? html(
                        'span',
                        { class: 'visually-hidden' },
                        `${variationText(cell.spc.variationIcon)}; ${assuranceText(cell.spc.assuranceIcon)}`,
                      )
                    : null,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return comparison;
}

async function publishedSection(): Promise<HTMLElement> {
  const { rows, disclosure } = await getRows<IndicatorValueRow>(
    '/api/indicators/ae_4h_performance/values?grain=month',
  );
  if (disclosure) shell.setDisclosure(disclosure);
  const published = new Map(orgs.rows.filter((o) => !o.is_synthetic).map((o) => [o.org_code, o]));
  const ofType = (type: string) =>
    rows.filter(
      (row) =>
        row.dimension === 'total' &&
        published.get(row.org_code)?.org_type === type &&
        row.value !== null,
    );
  const icbs = ofType('ics');
  const regions = ofType('region').concat(ofType('england'));
  const title = 'NHS England published A&E data';
  if (icbs.length === 0) {
    return emptyFigure(
      title,
      'No NHS England monthly A&E file is loaded yet. Load the published MSitAE provider CSVs with `npm run ingest -- PATH` or drop them into data/inbox/ae-monthly/.',
    );
  }
  const latest = icbs.reduce((max, row) => Math.max(max, new Date(row.period_start).getTime()), 0);
  const month = new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(latest));
  const latestIcbs = icbs
    .filter((row) => new Date(row.period_start).getTime() === latest)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const below = latestIcbs.filter((row) => (row.value ?? 0) < target).length;
  const names = Object.fromEntries(
    [...published.values()].map((o) => [o.org_code, shortName(o.org_name)]),
  );
  // Regions and England for the months whose ICB files are loaded.
  const icbMonths = new Set(icbs.map((row) => new Date(row.period_start).getTime()));
  const regionRows = regions.filter((row) => icbMonths.has(new Date(row.period_start).getTime()));
  return html(
    'div',
    { class: 'grid wide' },
    chartFigure({
      title: `Four-hour performance by ICB, ${month} (NHS England published data)`,
      summary: `${latestIcbs.length} ICBs; ${below} below the 78% target. Highest ${names[latestIcbs[0]?.org_code] ?? '–'} ${formatValue(latestIcbs[0]?.value, 'proportion')}, lowest ${names[latestIcbs.at(-1)?.org_code ?? ''] ?? '–'} ${formatValue(latestIcbs.at(-1)?.value, 'proportion')}. Dashed line: the 78% target.`,
      chart: intervalChart(
        latestIcbs.map((row) => ({ ...row, category: names[row.org_code] ?? row.org_code })),
        {
          unit: 'proportion',
          reference: target,
          title: 'four-hour performance by ICB with 95% intervals, against the 78% target',
          width: 720,
        },
      ),
      table: {
        columns: ['ICB', 'attendances', 'within 4 hours', 'performance', 'meets 78%'],
        rows: latestIcbs.map((row) => [
          names[row.org_code] ?? row.org_code,
          row.denominator ?? '–',
          row.numerator ?? '–',
          formatValue(row.value, 'proportion'),
          (row.value ?? 0) >= target ? 'yes' : 'no',
        ]),
      },
    }),
    chartFigure({
      title: 'Four-hour performance by region and England, by month',
      summary: `Monthly four-hour performance for ${new Set(regionRows.filter((r) => r.org_code !== 'ENG').map((r) => r.org_code)).size} regions and England, against the 78% target, from NHS England's published monthly files (only the months loaded are drawn).`,
      chart: timeSeriesChart(
        regionRows.map((row) => ({ ...row, period_start: new Date(row.period_start) })),
        {
          unit: 'proportion',
          names,
          target,
          grain: 'month',
          title: 'four-hour performance by region over time',
          width: 720,
          height: 340,
        },
      ),
      table: {
        columns: ['region', 'month', 'performance'],
        rows: regionRows.map((row) => [
          names[row.org_code] ?? row.org_code,
          londonDay(row.period_start),
          formatValue(row.value, 'proportion'),
        ]),
      },
    }),
  );
}

async function start(): Promise<void> {
  try {
    orgs = await loadOrgs();
    await render();
  } catch (error) {
    shell.showError(error instanceof Error ? error.message : String(error));
  }
}

void start();

/** "NHS Kent and Medway Integrated Care Board" → "Kent and Medway ICB". */
function shortName(name: string): string {
  return name
    .trim()
    .replace(/^NHS /, '')
    .replace(/ Integrated Care Board$/, ' ICB');
}
