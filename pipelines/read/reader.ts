import type { DuckDBConnection } from '@duckdb/node-api';
import {
  indicatorRegistry,
  assuranceTarget,
  improvementOf,
  xmr as defaultXmr,
  type IndicatorDefinition,
  type XmrOptions,
  type XmrResult,
} from '../indicators/index.js';
import { AccessError } from './access-error.js';
import type {
  AlertRow,
  DeliveryFailureRow,
  ForecastRow,
  IndicatorValueRow,
  IngestFileRow,
  InequalitySummaryRow,
  JourneyRow,
  LiveSiteRow,
  LiveWardRow,
  LocalAuthorityRow,
  OpelRow,
  OrgRow,
  PipelineRunRow,
  QuarantineReasonRow,
  QuarantineRow,
  ScenarioValueRow,
} from './contracts.js';
import { applyDisclosure, unitKindOf } from './disclosure/apply-disclosure.js';
import type { DisclosureRule } from './disclosure/disclosure-rule.js';
import { controlledSummary } from './disclosure/controlled-summary.js';
import { operationalRoles, type Principal } from './principal.js';
import {
  deliveryFailuresQuery,
  ingestFilesQuery,
  pipelineRunsQuery,
  quarantineQuery,
  quarantineReasonsQuery,
} from './queries/feed-queries.js';
import {
  indicatorValuesQuery,
  inequalitySummaryQuery,
  latestPeriodQuery,
  type ValuesCursor,
  type ValuesFilter,
} from './queries/indicator-queries.js';
import {
  alertsQuery,
  forecastsQuery,
  liveSitesQuery,
  liveWardsQuery,
  opelDailyQuery,
  type OpelFilter,
  opelQuery,
} from './queries/live-queries.js';
import { journeyQuery, type JourneyFilter } from './queries/journey-query.js';
import { localAuthoritiesQuery, orgsQuery } from './queries/org-queries.js';
import { scenarioValuesQuery } from './queries/scenario-queries.js';
import { readScenarios, type SavedScenario } from '../scenario/index.js';
import { emptyTable, queryTable, rowsOf, typedRowsOf, type ResultTable } from './result-table.js';
import { periodDay } from './period-day.js';
import { sql } from './sql.js';
import { requireVisibleOrg } from './visible-org.js';

/** What a reader computes with: the indicator registry and the SPC function. */
export interface ReaderTools {
  registry: readonly IndicatorDefinition[];
  xmr: typeof defaultXmr;
}

/** One series and its XmR, as GET /api/indicators/:id/spc gives them. */
export interface SeriesSpc {
  indicator: IndicatorDefinition;
  grain: string;
  improvement: XmrOptions['improvement'];
  /** Every value, provisional ones (drawn hollow, "so far") included. */
  series: Array<{ period_start: string; value: number; is_provisional: boolean; coverage: number }>;
  /** XmR of the complete periods only: a provisional period is never judged. */
  spc: XmrResult | null;
  target: number | null;
}

/** Why a controlled caller gets fewer figures than an uncontrolled one; stated in the response. */
export const withheldForDisclosure = {
  inequality:
    'for controlled outputs the summary is computed from the controlled group values: most and least deprived and the gap only; its interval, SII, RII and the unknown share are withheld because exact counts would give suppressed groups back',
  ledger:
    "the file ledger, runs and quarantine counts describe files that can hold any organisation's rows; they need a token without an ICS scope",
} as const;

/** Thrown by a write or a read whose input is fine but the caller may never do it. */
function forbidden(message: string): AccessError {
  return new AccessError(403, message);
}

/**
 * The one read path: every figure the API, the event stream, the reports and the notebooks
 * give a caller comes through a Reader made for that caller. Scope is a condition in every
 * query; disclosure control is applied here for the controlled roles, summary statistics are
 * computed from the controlled values (or withheld with the reason); operational tables are
 * for operational roles only; cross-ICS operational metadata needs an unscoped caller.
 */
export class Reader {
  /** The rule when this caller's outputs are controlled, else null. */
  readonly disclosure: DisclosureRule | null;
  /** Whether the caller may see live operational data (OPEL, alerts, forecasts, events). */
  readonly operational: boolean;
  private readonly tools: ReaderTools;

  constructor(
    private readonly connection: DuckDBConnection,
    readonly principal: Principal,
    rule: DisclosureRule,
    tools: Partial<ReaderTools> = {},
  ) {
    this.disclosure = rule.roles.includes(principal.role) ? rule : null;
    this.operational = operationalRoles.includes(principal.role);
    this.tools = { registry: tools.registry ?? indicatorRegistry, xmr: tools.xmr ?? defaultXmr };
  }

  get scope(): string[] | null {
    return this.principal.scope;
  }

  /** The registry entry, or a 404 naming the route that lists them. */
  indicator(id: string): IndicatorDefinition {
    const indicator = this.tools.registry.find((entry) => entry.id === id);
    if (!indicator)
      throw new AccessError(
        404,
        `no indicator ${JSON.stringify(id)}; GET /api/indicators lists them`,
      );
    return indicator;
  }

  get registry(): readonly IndicatorDefinition[] {
    return this.tools.registry;
  }

  /** The org's type when the caller may see it; else the same 404 as for an unknown code. */
  visibleOrg(orgCode: string): Promise<string> {
    return requireVisibleOrg(this.connection, this.principal, orgCode);
  }

  orgs(type?: string): Promise<ResultTable<OrgRow>> {
    return queryTable(this.connection, 'orgs', orgsQuery(this.principal, type));
  }

  localAuthorities(): Promise<ResultTable<LocalAuthorityRow>> {
    return queryTable(this.connection, 'local-authorities', localAuthoritiesQuery(this.principal));
  }

  /**
   * The patient journey of one cohort (journeyQuery), controlled for the caller: each stage
   * is a breakdown of the cohort, so its counts are suppressed, rounded and complemented as
   * an indicator's categories are.
   */
  async journey(filter: JourneyFilter): Promise<ResultTable<JourneyRow>> {
    await this.visibleOrg(filter.org);
    const table = await queryTable(
      this.connection,
      'journey',
      journeyQuery(this.principal, filter),
    );
    if (!this.disclosure) return table;
    // As a breakdown: stage → dimension, patients → numerator and value (a count).
    const asBreakdown = ['org_code', 'first_day', 'dimension', 'category', 'numerator', 'value'];
    const patients = table.names.indexOf('patients');
    const controlled = applyDisclosure(
      {
        names: [...asBreakdown],
        kinds: ['string', 'string', 'string', 'string', 'float', 'float'],
        columns: ['org_code', 'first_day', 'stage', 'category', 'patients', 'patients'].map(
          (name) => table.columns[table.names.indexOf(name)]!,
        ),
        rowCount: table.rowCount,
      },
      this.disclosure,
      'other',
    );
    const columns = table.columns.map((column, i) =>
      i === patients ? controlled.columns[asBreakdown.indexOf('numerator')]! : column,
    );
    return { ...table, columns };
  }

  /** indicator_value rows in scope, controlled for the caller. */
  async values(
    indicator: IndicatorDefinition,
    filter: Omit<ValuesFilter, 'indicatorId'>,
  ): Promise<ResultTable<IndicatorValueRow>> {
    if (filter.org) await this.visibleOrg(filter.org);
    const table = await queryTable(
      this.connection,
      'indicator-values',
      indicatorValuesQuery(this.principal, { indicatorId: indicator.id, ...filter }),
    );
    return this.control(indicator, table);
  }

  /**
   * One page of indicator_value rows in scope, controlled for the caller: at most `limit` rows
   * from `after` on, ending at a whole organisation × period (so complementary suppression,
   * which works within one, controls each page as it controls the whole), and where the next
   * page starts (null on the last).
   */
  async valuesPage(
    indicator: IndicatorDefinition,
    filter: Omit<ValuesFilter, 'indicatorId' | 'limit' | 'after'>,
    page: { limit: number; after?: ValuesCursor },
  ): Promise<{ table: ResultTable<IndicatorValueRow>; next: ValuesCursor | null }> {
    if (filter.org) await this.visibleOrg(filter.org);
    const rows = await queryTable(
      this.connection,
      'indicator-values-page',
      indicatorValuesQuery(this.principal, {
        indicatorId: indicator.id,
        ...filter,
        after: page.after,
        limit: page.limit + 1,
      }),
    );
    if (rows.rowCount <= page.limit) return { table: this.control(indicator, rows), next: null };
    const orgs = rows.columns[rows.names.indexOf('org_code')]!;
    const periods = rows.columns[rows.names.indexOf('period_start')]!;
    const next = { org: orgs[page.limit] as string, period: periods[page.limit] as number };
    let end = page.limit;
    while (end > 0 && orgs[end - 1] === next.org && periods[end - 1] === next.period) end--;
    if (end === 0)
      throw new Error(`one organisation and period holds more than ${page.limit} rows`);
    const table = { ...rows, columns: rows.columns.map((c) => c.slice(0, end)), rowCount: end };
    return { table: this.control(indicator, table), next };
  }

  /** The total series of one organisation and its XmR, computed from the controlled values. */
  async spc(
    indicator: IndicatorDefinition,
    filter: { org: string; grain: string; from?: string; to?: string; preset?: string },
    today: string,
  ): Promise<SeriesSpc> {
    const values = await this.values(indicator, {
      grain: filter.grain,
      dimension: 'total',
      org: filter.org,
      from: filter.from,
      to: filter.to,
    });
    const series = typedRowsOf(values)
      .filter((row): row is IndicatorValueRow & { value: number } => typeof row.value === 'number')
      .map((row) => ({
        period_start: row.period_start,
        value: row.value,
        is_provisional: row.is_provisional === true,
        coverage: Number(row.coverage ?? 1),
      }));
    const judged = series.filter((point) => !point.is_provisional);
    const last = judged.at(-1);
    const improvement = improvementOf(indicator.polarity);
    const target = assuranceTarget(
      indicator.targets ?? [],
      last ? periodDay(last.period_start) : today,
    );
    const options: XmrOptions = { improvement };
    if (target !== null) options.target = target;
    if (filter.preset) options.preset = filter.preset as XmrOptions['preset'];
    const spc =
      judged.length >= 2
        ? this.tools.xmr(
            judged.map((point) => ({ period: point.period_start, value: point.value })),
            options,
          )
        : null;
    return { indicator, grain: filter.grain, improvement, series, spc, target };
  }

  /**
   * One period of an indicator by group (controlled) and its inequality summary: as stored
   * for uncontrolled callers; for controlled callers computed from the controlled groups,
   * with what is withheld stated in `note`.
   */
  async inequality(
    indicator: IndicatorDefinition,
    filter: { org: string; grain: string; dimension: string; period?: string },
  ): Promise<{
    period: string;
    groups: ResultTable<IndicatorValueRow>;
    summary: ResultTable<InequalitySummaryRow> | null;
    note: string | null;
  }> {
    await this.visibleOrg(filter.org);
    const key = { indicatorId: indicator.id, ...filter };
    let period = filter.period;
    if (!period) {
      const latest = typedRowsOf(
        await queryTable(this.connection, 'latest-period', latestPeriodQuery(key)),
      )[0];
      period = latest?.period_start ?? '1970-01-01';
    }
    const groups = await this.values(indicator, { ...filter, period });
    const summary = await queryTable(
      this.connection,
      'inequality-summary',
      inequalitySummaryQuery(this.principal, { ...key, period }),
    );
    if (summary.rowCount === 0) return { period, groups, summary: null, note: null };
    if (!this.disclosure) return { period, groups, summary, note: null };
    return {
      period,
      groups,
      summary: controlledSummary(summary, groups),
      note: withheldForDisclosure.inequality,
    };
  }

  /** Live sites, wards, latest OPEL and open alerts in scope (operational roles). */
  async live(): Promise<{
    sites: ResultTable<LiveSiteRow>;
    wards: ResultTable<LiveWardRow>;
    opel: ResultTable<OpelRow>;
    alerts: ResultTable<AlertRow>;
  }> {
    this.requireOperational();
    return {
      sites: await queryTable(this.connection, 'live-sites', liveSitesQuery(this.principal)),
      wards: await queryTable(this.connection, 'live-wards', liveWardsQuery(this.principal)),
      opel: await this.opel({ latest: true }),
      alerts: await this.alerts('open'),
    };
  }

  async opel(options: OpelFilter & { latest: boolean }): Promise<ResultTable<OpelRow>> {
    this.requireOperational();
    if (options.org) await this.visibleOrg(options.org);
    return queryTable(
      this.connection,
      options.latest ? 'opel-latest' : 'opel-history',
      opelQuery(this.principal, options),
    );
  }

  /** The daily OPEL history: each trust and ICS as at 08:00 of each day (operational roles). */
  async opelDaily(options: OpelFilter): Promise<ResultTable<OpelRow>> {
    this.requireOperational();
    if (options.org) await this.visibleOrg(options.org);
    return queryTable(this.connection, 'opel-daily', opelDailyQuery(this.principal, options));
  }

  async forecasts(site?: string, measure?: string): Promise<ResultTable<ForecastRow>> {
    this.requireOperational();
    if (site) await this.visibleOrg(site);
    return queryTable(this.connection, 'forecasts', forecastsQuery(this.principal, site, measure));
  }

  async alerts(status?: string): Promise<ResultTable<AlertRow>> {
    this.requireOperational();
    return queryTable(this.connection, 'alerts', alertsQuery(this.principal, status));
  }

  /**
   * The ingest ledger, runs and quarantine counts: for unscoped callers; a scoped caller gets
   * empty tables and the reason (files can hold any organisation's rows).
   */
  async feedLedger(limit: number): Promise<{
    files: ResultTable<IngestFileRow>;
    runs: ResultTable<PipelineRunRow>;
    quarantine: ResultTable<QuarantineReasonRow>;
    note: string | null;
  }> {
    const files = await queryTable(this.connection, 'ingest-files', ingestFilesQuery(limit));
    const runs = await queryTable(this.connection, 'pipeline-runs', pipelineRunsQuery(limit));
    const quarantine = await queryTable(
      this.connection,
      'quarantine-reasons',
      quarantineReasonsQuery(),
    );
    if (this.scope === null) return { files, runs, quarantine, note: null };
    return {
      files: emptyTable(files),
      runs: emptyTable(runs),
      quarantine: emptyTable(quarantine),
      note: withheldForDisclosure.ledger,
    };
  }

  /** Quarantined rows (raw text can name any organisation): unscoped callers only. */
  async quarantine(
    feed: string,
    limit: number,
    offset: number,
    reason?: string,
  ): Promise<ResultTable<QuarantineRow>> {
    if (this.scope !== null)
      throw forbidden(
        'quarantined rows can name any organisation; they need a token without an ICS scope',
      );
    return queryTable(this.connection, 'quarantine', quarantineQuery(feed, limit, offset, reason));
  }

  /**
   * Failed report deliveries. Recipient addresses, the delivery ids that hold them and the
   * mail server's errors (which quote them) go to unscoped administrators only; others get the
   * report, period and attempts.
   */
  async deliveryFailures(): Promise<ResultTable<DeliveryFailureRow>> {
    const table = await queryTable(this.connection, 'delivery-failures', deliveryFailuresQuery());
    if (this.principal.role === 'admin' && this.scope === null) return table;
    if (!this.operational) return emptyTable(table);
    const columns = table.columns.map((column, c) =>
      ['delivery_id', 'recipient', 'last_error'].includes(table.names[c]!)
        ? column.map((value) => (value === null ? null : 'withheld'))
        : column,
    );
    return { ...table, columns };
  }

  /** Every organisation's ICS, for deciding which live events this caller receives. */
  async orgPlaces(): Promise<Map<string, string | null>> {
    const table = await queryTable(
      this.connection,
      'org-places',
      sql`SELECT org_code, ics_code FROM org`,
    );
    const places = new Map<string, string | null>();
    for (const row of rowsOf(table))
      places.set(String(row.org_code), row.ics_code === null ? null : String(row.ics_code));
    return places;
  }

  /**
   * Saved what-if scenarios inside this caller's scope (every ICS they simulated is the caller's),
   * newest first. Scenarios start from exact counts of patients now, so they are for
   * operational roles whose outputs are not disclosure-controlled.
   */
  async scenarios(options: { id?: string; inBrief?: boolean } = {}): Promise<SavedScenario[]> {
    this.requireScenarios();
    return readScenarios(this.connection, this.scope, options);
  }

  /** One visible scenario's outputs (contract scenarioValues); 404 when not visible. */
  async scenarioValues(
    id: string,
    filter: { org?: string; measure?: string; run?: string } = {},
  ): Promise<{ scenario: SavedScenario; table: ResultTable<ScenarioValueRow> }> {
    const [scenario] = await this.scenarios({ id });
    if (!scenario) throw new AccessError(404, `no scenario ${id}; GET /api/scenarios lists yours`);
    const table = await queryTable(
      this.connection,
      'scenario-values',
      scenarioValuesQuery(id, filter),
    );
    return { scenario, table };
  }

  /** Refuses scenarios to non-operational and disclosure-controlled callers (403). */
  requireScenarios(): void {
    this.requireOperational();
    if (this.disclosure)
      throw forbidden(
        `scenarios start from exact counts of patients now, so they are not available to the ${this.principal.role} role, whose outputs are disclosure-controlled`,
      );
  }

  /** Rows controlled for this caller (unchanged for uncontrolled roles). */
  control<Row>(indicator: IndicatorDefinition, table: ResultTable<Row>): ResultTable<Row> {
    return this.disclosure
      ? applyDisclosure(table, this.disclosure, unitKindOf(indicator.unit, indicator.kind))
      : table;
  }

  private requireOperational(): void {
    if (!this.operational)
      throw forbidden(
        `live operational data needs the role ${operationalRoles.join(' or ')}; this caller has the role ${this.principal.role}`,
      );
  }
}
