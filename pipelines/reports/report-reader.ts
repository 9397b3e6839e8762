import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorDefinition } from '../indicators/index.js';
import {
  Reader,
  typedRowsOf,
  type AlertRow,
  type DeliveryFailureRow,
  type DisclosureRule,
  type ForecastRow,
  type IndicatorValueRow,
  type InequalitySummaryRow,
  type OpelRow,
  type OrgRow,
  type Principal,
  type ScenarioValueRow,
  type SeriesSpc as ReadSeriesSpc,
} from '../read/index.js';
import type { SavedScenario } from '../scenario/index.js';
import type { Recipient } from './report-config.js';

/** Who a rendering is for: a role and an ICS scope (recipients sharing both share one rendering). */
export interface Audience {
  role: Recipient['role'];
  ics: string[] | null;
}

/** "regional", "public-QOP+QRV": the audience's archive folder name. */
export function audienceKey(audience: Audience): string {
  return audience.ics ? `${audience.role}-${audience.ics.join('+')}` : audience.role;
}

/** The SPC of one series as the API's /api/indicators/:id/spc computes it. */
export type SeriesSpc = Pick<ReadSeriesSpc, 'series' | 'spc' | 'target'>;

/**
 * Reads the warehouse as the API would answer this audience, through the read layer
 * (pipelines/read): the same scope, the same disclosure control and the same SPC, so a number
 * in a report equals the API's for the same period. Rows come as the read layer's row types
 * (pipelines/read/contracts.ts), instants as ISO 8601 UTC strings.
 */
export class ReportReader {
  readonly principal: Principal;
  readonly disclosure: DisclosureRule | null;
  /** Whether the audience may see live operational data (OPEL, alerts, forecasts). */
  readonly operational: boolean;
  private readonly reader: Reader;

  constructor(
    connection: DuckDBConnection,
    readonly audience: Audience,
    rule: DisclosureRule,
  ) {
    this.principal = {
      tokenId: `report:${audienceKey(audience)}`,
      role: audience.role,
      scope: audience.ics,
      label: 'scheduled report',
      via: 'bearer',
    };
    this.reader = new Reader(connection, this.principal, rule);
    this.disclosure = this.reader.disclosure;
    this.operational = this.reader.operational;
  }

  /** indicator_value rows (API /values), controlled for the audience. */
  async values(
    indicatorId: string,
    filter: {
      grain: string;
      dimension?: string;
      org?: string;
      from?: string;
      to?: string;
      period?: string;
    },
  ): Promise<IndicatorValueRow[]> {
    const table = await this.reader.values(this.indicator(indicatorId), {
      dimension: 'total',
      ...filter,
    });
    return typedRowsOf(table);
  }

  /** The total series of one org and its XmR, as GET /api/indicators/:id/spc. */
  async spc(
    indicatorId: string,
    org: string,
    grain: string,
    from?: string,
    to?: string,
  ): Promise<SeriesSpc> {
    const { series, spc, target } = await this.reader.spc(
      this.indicator(indicatorId),
      { org, grain, from, to },
      '9999-12-31',
    );
    return { series, spc, target };
  }

  /** The inequality summary of one period, as the API gives it to this audience. */
  async inequality(
    indicatorId: string,
    org: string,
    grain: string,
    period: string,
    dimension = 'imd_quintile',
  ): Promise<InequalitySummaryRow | null> {
    const { summary } = await this.reader.inequality(this.indicator(indicatorId), {
      org,
      grain,
      dimension,
      period,
    });
    return summary ? (typedRowsOf(summary)[0] ?? null) : null;
  }

  /** Organisations of a type inside the audience's scope, by name. */
  async orgs(type: 'ics' | 'trust' | 'site' | 'region', synthetic?: boolean): Promise<OrgRow[]> {
    return typedRowsOf(await this.reader.orgs(type))
      .filter((o) => synthetic === undefined || o.is_synthetic === synthetic)
      .map((o) => ({ ...o, org_name: o.org_name.trim() }))
      .sort((a, b) => a.org_name.localeCompare(b.org_name, 'en-GB'));
  }

  async opelLatest(): Promise<OpelRow[]> {
    if (!this.operational) return [];
    return typedRowsOf(await this.reader.opel({ latest: true }));
  }

  async openAlerts(): Promise<AlertRow[]> {
    if (!this.operational) return [];
    return typedRowsOf(await this.reader.alerts('open'));
  }

  async forecasts(measure = 'arrivals'): Promise<ForecastRow[]> {
    if (!this.operational) return [];
    return typedRowsOf(await this.reader.forecasts(undefined, measure));
  }

  /** Failed report deliveries as /api/health gives them to this audience. */
  async deliveryProblems(): Promise<DeliveryFailureRow[]> {
    if (!this.operational) return [];
    return typedRowsOf(await this.reader.deliveryFailures()).slice(0, 20);
  }

  /**
   * Finished scenarios marked for the daily brief inside the audience's scope (newest first, at
   * most `limit`), each with its whole-horizon outputs; none for an audience that may not see
   * scenarios (non-operational or disclosure-controlled).
   */
  async briefScenarios(
    limit = 3,
  ): Promise<Array<{ scenario: SavedScenario; horizon: ScenarioValueRow[] }>> {
    if (!this.operational || this.disclosure) return [];
    const marked = (await this.reader.scenarios({ inBrief: true }))
      .filter((s) => s.status === 'done')
      .slice(0, limit);
    const out: Array<{ scenario: SavedScenario; horizon: ScenarioValueRow[] }> = [];
    for (const scenario of marked) {
      const { table } = await this.reader.scenarioValues(scenario.scenario_id);
      out.push({ scenario, horizon: typedRowsOf(table).filter((r) => r.hour_start === null) });
    }
    return out;
  }

  indicator(id: string): IndicatorDefinition {
    return this.reader.indicator(id);
  }
}
