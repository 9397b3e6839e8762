import type {
  AlertRow,
  ForecastRow,
  IndicatorValueRow,
  LiveSiteRow,
  OpelRow,
} from '../../pipelines/read/index.js';
import {
  forecastBandChart,
  type ArrivalsRow,
  type ForecastBandRow,
} from '../charts/forecast-band-chart.js';
import { formatValue } from '../charts/format-value.js';
import { opelBadge } from '../charts/opel-badge.js';
import { opelDaysText, opelStrip } from '../charts/opel-strip.js';
import { ApiError, getJson, getRows, postJson } from '../layout/api-client.js';
import { chartFigure } from '../layout/chart-figure.js';
import { duration, html, londonDay, londonTime, replaceChildren } from '../layout/dom.js';
import { onLiveEvents } from '../layout/live-events.js';
import { loadOrgs, type Orgs } from '../layout/load-orgs.js';
import { mountPageShell } from '../layout/page-shell.js';

interface LiveBody {
  data_version: number;
  sites: LiveSiteRow[];
  opel: OpelRow[];
  alerts: AlertRow[];
}

interface HealthBody {
  now: string;
  feeds?: Array<{ feed: string; last_received_at: string | null; last_loaded_at: string | null }>;
}

interface OpelDriver {
  parameter: string;
  value: number | null;
  band?: number | string | null;
  points?: number | null;
}

/** A feed older than this, by wall clock, is stale. */
const staleAfterMinutes = 60;
const hoursShown = 12;
const alertsShown = 5;
/** Days of OPEL at 08:00 shown under each level. */
const opelDaysShown = 90;

const shell = mountPageShell(
  'operations',
  'Operations (live)',
  'Every site now: who is in the emergency department and for how long, arrivals against the forecast, beds and discharges, escalation levels and open alerts. Updates as data lands.',
);
const updated = html('p', { class: 'live-flag', 'aria-live': 'polite' });
const opelSection = html('section', { 'aria-labelledby': 'opel-heading' });
const alertsSection = html('section', { 'aria-labelledby': 'alerts-heading' });
const sitesSection = html('section', { 'aria-labelledby': 'sites-heading' });
shell.controls.append(updated);
shell.content.append(opelSection, alertsSection, sitesSection);

let orgs: Orgs;

async function render(): Promise<void> {
  const [live, health, forecasts] = await Promise.all([
    getJson<LiveBody>('/api/live'),
    getJson<HealthBody>('/api/health'),
    getRows<ForecastRow>('/api/forecasts?measure=arrivals'),
  ]);
  const clock = live.sites.reduce<Date | null>((latest, site) => {
    const at = new Date(site.as_at);
    return latest === null || at > latest ? at : latest;
  }, null);
  const opelFrom = isoDay(
    new Date((clock ?? new Date()).getTime() - (opelDaysShown - 1) * 86_400_000),
  );
  const opelDays = getJson<{ daily: OpelRow[] }>(`/api/opel?from=${opelFrom}`);
  const from = clock ? new Date(clock.getTime() - hoursShown * 3600_000) : null;
  const [arrivals, fourHour] = from
    ? await Promise.all([
        getRows<IndicatorValueRow>(
          `/api/indicators/ae_attendances/values?grain=hour&from=${isoDay(from)}`,
        ),
        getRows<IndicatorValueRow>(
          `/api/indicators/ae_4h_performance/values?grain=day&complete=true&from=${isoDay(new Date(from.getTime() - 7 * 86_400_000))}`,
        ),
      ])
    : [{ rows: [] }, { rows: [] }];
  renderStaleness(clock, health);
  renderSites(live.sites, forecasts.rows, arrivals.rows, fourHour.rows, clock);
  renderOpel(live.opel, (await opelDays).daily);
  renderAlerts(live.alerts);
  updated.textContent = `Updated ${londonTime(new Date(), false)} (live: updates without reloading)`;
}

function renderStaleness(clock: Date | null, health: HealthBody): void {
  const now = new Date(health.now);
  const received = (health.feeds ?? [])
    .map((feed) => (feed.last_received_at ? new Date(feed.last_received_at) : null))
    .filter((d): d is Date => d !== null);
  const lastFile = received.length ? new Date(Math.max(...received.map(Number))) : null;
  const ageMinutes = lastFile ? (now.getTime() - lastFile.getTime()) / 60_000 : Infinity;
  shell.setDataClock(
    clock,
    now,
    lastFile ? `last file ${duration(ageMinutes)} ago` : 'no files yet',
  );
  if (!clock) shell.setStale('no live state yet: no feed has landed.');
  else if (ageMinutes > staleAfterMinutes)
    shell.setStale(
      `the last feed file arrived ${duration(ageMinutes)} ago (at ${londonTime(lastFile)}).`,
    );
  else shell.setStale(null);
}

function kpi(label: string, value: string, state: 'good' | 'bad' | '' = ''): HTMLElement {
  return html(
    'div',
    { class: `kpi ${state}`.trim() },
    html('span', { class: 'label' }, label),
    html('span', { class: 'value' }, value),
  );
}

function renderSites(
  sites: LiveSiteRow[],
  forecasts: ForecastRow[],
  arrivals: IndicatorValueRow[],
  fourHourDays: IndicatorValueRow[],
  clock: Date | null,
): void {
  const cards = sites.map((site) => {
    const lastDay = fourHourDays
      .filter((row) => row.org_code === site.site_code && row.dimension === 'total')
      .at(-1);
    const siteForecast: ForecastBandRow[] = forecasts
      .filter((f) => f.site_code === site.site_code)
      .map((f) => ({ ...f, hour_start: new Date(f.hour_start) }))
      .filter((f) => !clock || f.hour_start.getTime() <= clock.getTime() + 6 * 3600_000)
      .filter((f) => !clock || f.hour_start.getTime() >= clock.getTime() - hoursShown * 3600_000);
    const siteArrivals: ArrivalsRow[] = arrivals
      .filter(
        (row) => row.org_code === site.site_code && row.dimension === 'total' && row.value !== null,
      )
      .map((row) => ({ hour_start: new Date(row.period_start), arrivals: row.value as number }))
      .filter(
        (row) => !clock || row.hour_start.getTime() >= clock.getTime() - hoursShown * 3600_000,
      )
      .sort((a, b) => a.hour_start.getTime() - b.hour_start.getTime());
    const four = site.four_hour_performance_today;
    const gaTotal = (site.ga_beds_core ?? 0) + (site.ga_beds_escalation_open ?? 0);
    const hasBeds = gaTotal > 0;
    const occupancy =
      gaTotal > 0 && site.ga_beds_occupied !== null ? site.ga_beds_occupied / gaTotal : null;
    const name = orgs.nameOf(site.site_code);
    const chart =
      siteArrivals.length + siteForecast.length > 0
        ? chartFigure({
            title: `Arrivals per hour, last ${hoursShown} hours, against the forecast`,
            summary: arrivalsSummary(siteArrivals, siteForecast),
            chart: forecastBandChart(siteArrivals, {
              forecast: siteForecast,
              now: clock,
              title: `${name}: arrivals per hour against the 80% and 95% forecast bands`,
            }),
            table: {
              columns: ['hour', 'arrivals', 'forecast', '80% band', '95% band'],
              rows: mergeHours(siteArrivals, siteForecast),
            },
          })
        : html('p', { class: 'note' }, 'No arrivals or forecast for this site yet.');
    return html(
      'article',
      {
        class: 'card site',
        'data-site': site.site_code,
        'aria-labelledby': `site-${site.site_code}`,
      },
      html(
        'div',
        { class: 'site-head' },
        html('h3', { id: `site-${site.site_code}` }, name),
        html(
          'span',
          { class: 'trust' },
          `${orgs.nameOf(site.trust_code)} · as at ${londonTime(site.as_at, false)}`,
        ),
      ),
      html(
        'div',
        { class: 'kpis' },
        kpi('In ED now', String(site.in_department)),
        kpi(
          'Longest wait',
          duration(site.longest_wait_minutes),
          (site.longest_wait_minutes ?? 0) > 720 ? 'bad' : '',
        ),
        kpi(
          'Over 12 h in ED now',
          String(site.over_12h_in_department),
          site.over_12h_in_department > 0 ? 'bad' : '',
        ),
        kpi(
          lastDay ? `4-hour ${londonDay(lastDay.period_start, false)}` : '4-hour last complete day',
          formatValue(lastDay?.value ?? null, 'proportion'),
          lastDay?.value == null ? '' : lastDay.value >= 0.78 ? 'good' : 'bad',
        ),
        kpi('4-hour so far today', formatValue(four, 'proportion')),
        kpi(
          '12-hour waits today',
          String(site.twelve_hour_waits_today),
          site.twelve_hour_waits_today > 0 ? 'bad' : '',
        ),
        kpi(
          'Arrivals last hour',
          `${site.arrivals_last_hour} (${site.ambulance_arrivals_last_hour} amb.)`,
        ),
        kpi(
          'Handovers > 30 min today',
          String(site.handovers_over_30_today),
          site.handovers_over_30_today > 0 ? 'bad' : '',
        ),
        kpi(
          'G&A beds free',
          !hasBeds || site.ga_beds_free === null ? 'no beds' : String(site.ga_beds_free),
          hasBeds && (site.ga_beds_free ?? 1) <= 0 ? 'bad' : '',
        ),
        kpi(
          'G&A occupied',
          site.ga_beds_occupied === null
            ? '–'
            : `${site.ga_beds_occupied} (${formatValue(occupancy, 'proportion')})`,
          (occupancy ?? 0) > 0.92 ? 'bad' : '',
        ),
        kpi(
          'Escalation beds open',
          site.ga_beds_escalation_open === null ? '–' : String(site.ga_beds_escalation_open),
        ),
        kpi(
          'No criteria to reside',
          site.nctr_patients === null ? '–' : String(site.nctr_patients),
        ),
      ),
      chart,
    );
  });
  replaceChildren(
    sitesSection,
    html('h2', { id: 'sites-heading' }, `Sites (${sites.length})`),
    sites.length
      ? html('div', { class: 'grid sites' }, ...cards)
      : html('p', {}, 'No live site state yet.'),
  );
}

function arrivalsSummary(arrivals: ArrivalsRow[], forecast: ForecastBandRow[]): string {
  const last = arrivals.at(-1);
  const band = last && forecast.find((f) => f.hour_start.getTime() === last.hour_start.getTime());
  if (!last) return 'No arrivals counted in the period yet; the forecast band is shown.';
  const where = band
    ? last.arrivals > band.upper95
      ? 'above the 95% forecast band'
      : last.arrivals < band.lower95
        ? 'below the 95% forecast band'
        : last.arrivals > band.upper80 || last.arrivals < band.lower80
          ? 'outside the 80% band but within the 95% band'
          : 'within the 80% forecast band'
    : 'with no forecast for that hour';
  return `In the hour from ${londonTime(last.hour_start, false)}, ${last.arrivals} patients arrived, ${where}${band ? ` (forecast ${band.mean.toFixed(1)})` : ''}.`;
}

function mergeHours(arrivals: ArrivalsRow[], forecast: ForecastBandRow[]): string[][] {
  const hours = [
    ...new Set([...arrivals, ...forecast].map((row) => row.hour_start.getTime())),
  ].sort((a, b) => a - b);
  return hours.map((hour) => {
    const a = arrivals.find((row) => row.hour_start.getTime() === hour);
    const f = forecast.find((row) => row.hour_start.getTime() === hour);
    return [
      londonTime(new Date(hour)),
      a ? String(a.arrivals) : '–',
      f ? f.mean.toFixed(1) : '–',
      f ? `${f.lower80.toFixed(0)}–${f.upper80.toFixed(0)}` : '–',
      f ? `${f.lower95.toFixed(0)}–${f.upper95.toFixed(0)}` : '–',
    ];
  });
}

function driversOf(row: OpelRow): OpelDriver[] {
  const raw = typeof row.drivers === 'string' ? (JSON.parse(row.drivers) as unknown) : row.drivers;
  return Array.isArray(raw) ? (raw as OpelDriver[]) : [];
}

function renderOpel(rows: OpelRow[], daily: OpelRow[]): void {
  const ordered = [...rows].sort((a, b) =>
    a.org_type === b.org_type
      ? a.org_code.localeCompare(b.org_code)
      : a.org_type === 'ics'
        ? -1
        : 1,
  );
  const cards = ordered.map((row) => {
    const drivers = driversOf(row)
      .filter((d) => (d.points ?? 0) > 0)
      .sort((a, b) => (b.points ?? 0) - (a.points ?? 0));
    return html(
      'article',
      {
        class: 'card opel',
        'aria-label': `${row.org_name ?? orgs.nameOf(row.org_code)} escalation`,
      },
      html(
        'h3',
        {},
        `${row.org_name ?? orgs.nameOf(row.org_code)} (${row.org_type === 'ics' ? 'ICS' : 'trust'})`,
      ),
      opelBadge({ level: row.level, org_name: row.org_name }),
      html(
        'p',
        { class: 'note' },
        `Score ${Number(row.score).toFixed(1)}, assessed ${londonTime(row.assessed_at)}.`,
      ),
      opelDaysOf(daily.filter((day) => day.org_code === row.org_code)),
      drivers.length
        ? html(
            'ul',
            { class: 'drivers', 'aria-label': 'drivers' },
            ...drivers.map((d) =>
              html(
                'li',
                {},
                `${driverName(d)}: ${formatDriver(d)} (${d.points} point${d.points === 1 ? '' : 's'})`,
              ),
            ),
          )
        : html('p', { class: 'note' }, 'No parameter above its first band.'),
    );
  });
  replaceChildren(
    opelSection,
    html('h2', { id: 'opel-heading' }, 'Escalation (OPEL-style)'),
    html(
      'p',
      { class: 'note' },
      'Illustrative scoring: the national acute parameters, bands and weights were not available, so levels come from the configured default scoring (observatory.config.json), shown with the parameters that drove them.',
    ),
    rows.length
      ? html('div', { class: 'grid opel-grid' }, ...cards)
      : html('p', {}, 'No OPEL assessment yet.'),
  );
}

/** The last days' levels at 08:00 as a strip, with the days at each level in words. */
function opelDaysOf(days: OpelRow[]): HTMLElement {
  if (days.length === 0) return html('p', { class: 'note' }, 'No daily assessment yet.');
  return html(
    'figure',
    { class: 'opel-days' },
    opelStrip(days),
    html(
      'figcaption',
      { class: 'note' },
      `Each day at 08:00 from ${londonDay(days[0]!.assessed_at, false)} to ${londonDay(days[days.length - 1]!.assessed_at, false)}: ${opelDaysText(days)}.`,
    ),
  );
}

/** A driver's name: a parameter in words, or for an ICS, the trust it scored ("trust:XA2"). */
function driverName(driver: OpelDriver): string {
  const trust = /^trust:(.+)$/.exec(driver.parameter)?.[1];
  return trust ? `${orgs.nameOf(trust)} scored` : driver.parameter.replaceAll('_', ' ');
}

function formatDriver(driver: OpelDriver): string {
  if (driver.value === null || driver.value === undefined) return '–';
  return /share|occupancy|percent|proportion/.test(driver.parameter)
    ? formatValue(driver.value, 'proportion')
    : /minutes|handover/.test(driver.parameter)
      ? duration(driver.value)
      : String(Math.round(driver.value * 10) / 10);
}

function renderAlerts(alerts: AlertRow[]): void {
  const items = alerts.map((alert) => {
    const button = html('button', { type: 'button', class: 'button secondary' }, 'Acknowledge');
    button.setAttribute('aria-label', `Acknowledge alert: ${alert.title}`);
    button.addEventListener('click', async () => {
      button.setAttribute('disabled', '');
      try {
        await postJson(`/api/alerts/${alert.alert_id}/ack`);
        await render();
      } catch (error) {
        button.removeAttribute('disabled');
        shell.showError(error instanceof ApiError ? error.message : String(error));
      }
    });
    return html(
      'li',
      { class: alert.severity },
      html(
        'span',
        {},
        html('span', { class: 'severity' }, alert.severity),
        ' ',
        alert.title,
        html(
          'span',
          { class: 'note' },
          ` · ${orgs.nameOf(alert.org_code)} · raised ${londonTime(alert.raised_at)}`,
        ),
      ),
      button,
    );
  });
  replaceChildren(
    alertsSection,
    html('h2', { id: 'alerts-heading' }, `Open alerts (${alerts.length})`),
    alerts.length
      ? html('ul', { class: 'alerts-list' }, ...items.slice(0, alertsShown))
      : html('p', {}, 'No open alerts.'),
    items.length > alertsShown
      ? html(
          'details',
          { class: 'more-alerts' },
          html('summary', {}, `Show ${items.length - alertsShown} more open alerts`),
          html('ul', { class: 'alerts-list' }, ...items.slice(alertsShown)),
        )
      : null,
  );
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function start(): Promise<void> {
  try {
    orgs = await loadOrgs();
    await render();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      replaceChildren(
        shell.content,
        html(
          'p',
          { class: 'banner' },
          'The live operational view is for operational roles. Your role can see the published indicators: Flow, Inequalities, the Indicator explorer and Region.',
        ),
      );
      return;
    }
    shell.showError(error instanceof Error ? error.message : String(error));
    return;
  }
  onLiveEvents(() => {
    render().catch((error: unknown) =>
      shell.showError(error instanceof Error ? error.message : String(error)),
    );
  });
}

void start();
