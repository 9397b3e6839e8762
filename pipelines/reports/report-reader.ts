import type { DuckDBConnection } from '@duckdb/node-api';
import {
  indicatorById,
  targetInForce,
  xmr,
  type IndicatorDefinition,
  type XmrResult,
} from '../indicators/index.js';
import type { Principal } from '../../server/auth/principal.js';
import { applyDisclosure, unitKindOf } from '../../server/disclosure/apply-disclosure.js';
import type { DisclosureRule } from '../../server/disclosure/disclosure-rule.js';
import {
  indicatorValuesQuery,
  inequalitySummaryQuery,
} from '../../server/routes/indicator-queries.js';
import { alertsQuery, forecastsQuery, opelQuery } from '../../server/routes/live-queries.js';
import { operationalRoles } from '../../server/routes/live-routes.js';
import { queryTable, rowsOf } from '../../server/query/result-table.js';
import { scopeClause } from '../../server/query/scope-clause.js';
import { sql } from '../../server/query/sql.js';
import type { Recipient } from './report-config.js';

export type Row = Record<string, string | number | boolean | null>;

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
export interface SeriesSpc {
  series: Array<{ period_start: string; value: number }>;
  spc: XmrResult | null;
  target: number | null;
}

/**
 * Reads the warehouse as the API would answer this audience: the API's own queries (scope in
 * the query), its disclosure rule for controlled roles, and xmr with the same options, so a
 * number in a report equals the API's for the same period.
 */
export class ReportReader {
  readonly principal: Principal;
  readonly disclosure: DisclosureRule | null;
  /** Whether the audience may see live operational data (OPEL, alerts, forecasts). */
  readonly operational: boolean;

  constructor(
    private readonly connection: DuckDBConnection,
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
    this.disclosure = rule.roles.includes(audience.role) ? rule : null;
    this.operational = operationalRoles.includes(audience.role);
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
  ): Promise<Row[]> {
    const indicator = this.indicator(indicatorId);
    const table = await queryTable(
      this.connection,
      'report-values',
      indicatorValuesQuery(this.principal, {
        indicatorId,
        dimension: 'total',
        ...filter,
      }),
    );
    const controlled = this.disclosure
      ? applyDisclosure(table, this.disclosure, unitKindOf(indicator.unit, indicator.kind))
      : table;
    return rowsOf(controlled);
  }

  /** The total series of one org and its XmR, as GET /api/indicators/:id/spc. */
  async spc(
    indicatorId: string,
    org: string,
    grain: string,
    from?: string,
    to?: string,
  ): Promise<SeriesSpc> {
    const indicator = this.indicator(indicatorId);
    const rows = await this.values(indicatorId, { grain, org, from, to });
    const series = rows
      .filter((row) => typeof row.value === 'number')
      .map((row) => ({
        period_start: new Date(row.period_start as number).toISOString(),
        value: row.value as number,
      }));
    const improvement = /higher/.test(indicator.polarity)
      ? 'up'
      : /lower/.test(indicator.polarity)
        ? 'down'
        : 'neither';
    const latest = series.at(-1)?.period_start.slice(0, 10) ?? '9999-12-31';
    const target =
      (targetInForce(indicator.targets, latest) ?? indicator.targets[0])?.value ?? null;
    let spc: XmrResult | null = null;
    if (series.length >= 2) {
      spc = xmr(
        series.map((point) => ({ period: point.period_start, value: point.value })),
        target === null ? { improvement } : { improvement, target },
      );
    }
    return { series, spc, target };
  }

  async inequality(
    indicatorId: string,
    org: string,
    grain: string,
    period: string,
    dimension = 'imd_quintile',
  ): Promise<Row | null> {
    const rows = rowsOf(
      await queryTable(
        this.connection,
        'report-inequality',
        inequalitySummaryQuery(this.principal, { indicatorId, org, grain, period, dimension }),
      ),
    );
    return rows[0] ?? null;
  }

  /** Organisations of a type inside the audience's scope, by name. */
  async orgs(type: 'ics' | 'trust' | 'site' | 'region', synthetic?: boolean): Promise<Row[]> {
    const scope = scopeClause(this.principal.scope, 'o.ics_code', 'o.org_type');
    const only = synthetic === undefined ? sql`` : sql` AND o.is_synthetic = ${synthetic}`;
    return rowsOf(
      await queryTable(
        this.connection,
        'report-orgs',
        sql`SELECT o.org_code, trim(o.org_name) AS org_name, o.org_type, o.ics_code, o.region_code, o.trust_code
          FROM org o WHERE o.org_type = ${type}${only} AND ${scope} ORDER BY o.org_name`,
      ),
    );
  }

  async opelLatest(): Promise<Row[]> {
    if (!this.operational) return [];
    return rowsOf(
      await queryTable(this.connection, 'report-opel', opelQuery(this.principal, { latest: true })),
    );
  }

  async openAlerts(): Promise<Row[]> {
    if (!this.operational) return [];
    return rowsOf(
      await queryTable(this.connection, 'report-alerts', alertsQuery(this.principal, 'open')),
    );
  }

  async forecasts(measure = 'arrivals'): Promise<Row[]> {
    if (!this.operational) return [];
    return rowsOf(
      await queryTable(
        this.connection,
        'report-forecasts',
        forecastsQuery(this.principal, undefined, measure),
      ),
    );
  }

  /** Failed report deliveries (as /api/health lists them), for operational audiences. */
  async deliveryProblems(): Promise<Row[]> {
    if (!this.operational) return [];
    return rowsOf(
      await queryTable(
        this.connection,
        'report-delivery-failures',
        sql`SELECT report, period, recipient, attempts, last_error, updated_at
          FROM report_delivery WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 20`,
      ),
    );
  }

  indicator(id: string): IndicatorDefinition {
    const indicator = indicatorById(id);
    if (!indicator) throw new Error(`no indicator ${JSON.stringify(id)} in the registry`);
    return indicator;
  }
}
