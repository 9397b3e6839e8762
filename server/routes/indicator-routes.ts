import type { AppDeps, IndicatorDefinition, XmrOptions } from '../app-deps.js';
import { roles } from '../auth/principal.js';
import { applyDisclosure, unitKindOf } from '../disclosure/apply-disclosure.js';
import type { RouteInput, RouteSpec } from '../http/route-spec.js';
import { queryTable, rowsOf, type ResultTable } from '../query/result-table.js';
import { ClientError, type ParamSpec } from '../validation/param-spec.js';
import {
  indicatorValuesQuery,
  inequalitySummaryQuery,
  latestPeriodQuery,
} from './indicator-queries.js';
import { requireVisibleOrg } from './visible-org.js';

export const grains = ['hour', 'day', 'week', 'month'] as const;
export const breakdowns = [
  'total',
  'imd_decile',
  'imd_quintile',
  'core20',
  'ethnic_group',
  'age_band',
  'sex',
  'pathway',
  'local_authority',
  'day_type',
] as const;

const idParam: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'indicator id, as listed by GET /api/indicators',
  type: 'text',
  pattern: /^[A-Za-z0-9_.-]+$/,
  maxLength: 64,
  hint: 'an indicator id of letters, digits, _ . - (GET /api/indicators lists them)',
};
const orgParam = (required: boolean): ParamSpec => ({
  name: 'org',
  in: 'query',
  required,
  description: 'organisation code (site, trust, ICS, region or ENG)',
  type: 'code',
});
const grainParam: ParamSpec = {
  name: 'grain',
  in: 'query',
  description: "time grain; default the indicator's coarsest grain",
  type: 'enum',
  values: grains,
};
const fromParam: ParamSpec = {
  name: 'from',
  in: 'query',
  description: 'first period start (YYYY-MM-DD)',
  type: 'date',
};
const toParam: ParamSpec = {
  name: 'to',
  in: 'query',
  description: 'last day included (YYYY-MM-DD)',
  type: 'date',
};

function findIndicator(deps: AppDeps, id: string): IndicatorDefinition {
  const indicator = deps.registry.find((entry) => entry.id === id);
  if (!indicator)
    throw new ClientError(
      404,
      `no indicator ${JSON.stringify(id)}; GET /api/indicators lists them`,
    );
  return indicator;
}

function chooseGrain(indicator: IndicatorDefinition, asked: string | undefined): string {
  const offered = indicator.grains.length > 0 ? indicator.grains : grains;
  if (asked === undefined) return [...grains].reverse().find((g) => offered.includes(g)) ?? 'month';
  if (!offered.includes(asked)) {
    throw new ClientError(
      400,
      `grain must be one of ${offered.join(', ')} for indicator ${indicator.id}; got "${asked}"`,
    );
  }
  return asked;
}

function chooseBreakdown(indicator: IndicatorDefinition, asked: string, name = 'by'): string {
  if (asked !== 'total' && !indicator.breakdowns.includes(asked)) {
    const offered = ['total', ...indicator.breakdowns.filter((b) => b !== 'total')];
    throw new ClientError(
      400,
      `${name} must be one of ${offered.join(', ')} for indicator ${indicator.id}; got "${asked}"`,
    );
  }
  return asked;
}

function controlled(
  input: RouteInput,
  indicator: IndicatorDefinition,
  table: ResultTable,
): ResultTable {
  return input.disclosure
    ? applyDisclosure(table, input.disclosure, unitKindOf(indicator.unit, indicator.kind))
    : table;
}

/** The registry as rows (list fields joined with commas for CSV and Arrow). */
function registryTable(registry: readonly IndicatorDefinition[]): ResultTable {
  const pick = (f: (d: IndicatorDefinition) => string) => registry.map(f);
  return {
    names: ['id', 'title', 'definition', 'unit', 'polarity', 'grains', 'breakdowns'],
    kinds: ['string', 'string', 'string', 'string', 'string', 'string', 'string'],
    columns: [
      pick((d) => d.id),
      pick((d) => d.title),
      pick((d) => d.definition),
      pick((d) => d.unit),
      pick((d) => d.polarity),
      pick((d) => d.grains.join(',')),
      pick((d) => d.breakdowns.join(',')),
    ],
    rowCount: registry.length,
  };
}

function improvementOf(polarity: string): XmrOptions['improvement'] {
  if (/higher|up|increase/i.test(polarity)) return 'up';
  if (/lower|down|decrease/i.test(polarity)) return 'down';
  return 'neither';
}

/**
 * The target in force at `period` (YYYY-MM-DD): the latest dated, non-constitutional target
 * from on or before it (4-hour: 76% from March 2024, 78% from March 2025), else the earliest.
 */
function targetOf(targets: unknown, period: string): number | undefined {
  if (typeof targets === 'number') return targets;
  const dated = (Array.isArray(targets) ? targets : [targets]).filter(
    (t): t is { value: number; from?: string; constitutional?: boolean } =>
      !!t && typeof t === 'object' && typeof (t as { value?: unknown }).value === 'number',
  );
  const local = dated.filter((t) => !t.constitutional);
  const inForce = local
    .filter((t) => (t.from ?? '') <= period)
    .sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? 1 : -1))[0];
  return (inForce ?? local[0] ?? dated[0])?.value;
}

export const indicatorRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/indicators',
    tag: 'indicators',
    summary: 'The indicator registry: definitions, units, polarity, targets, grains and breakdowns',
    roles,
    params: [],
    formats: ['json', 'csv', 'arrow'],
    cached: true,
    async handle({ deps }) {
      return {
        table: registryTable(deps.registry),
        body: {
          rows: registryTable(deps.registry),
          // The registry as data, without the model SQL that computes each indicator.
          indicators: deps.registry.map(({ sql: _sql, ...definition }) => definition),
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/indicators/:id/values',
    tag: 'indicators',
    summary:
      'Values of one indicator over time, for one or every organisation you may see, by a breakdown',
    roles,
    params: [
      idParam,
      orgParam(false),
      grainParam,
      fromParam,
      toParam,
      {
        name: 'by',
        in: 'query',
        description: 'breakdown dimension',
        type: 'enum',
        values: breakdowns,
        default: 'total',
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    cached: true,
    async handle(input) {
      const { deps, principal, params } = input;
      const indicator = findIndicator(deps, params.id as string);
      const org = params.org as string | undefined;
      if (org) await requireVisibleOrg(deps.connection, principal, org);
      const query = indicatorValuesQuery(principal, {
        indicatorId: indicator.id,
        grain: chooseGrain(indicator, params.grain as string | undefined),
        dimension: chooseBreakdown(indicator, params.by as string),
        org,
        from: params.from as string | undefined,
        to: params.to as string | undefined,
      });
      const table = await queryTable(deps.connection, 'indicator-values', query);
      return { table: controlled(input, indicator, table), disclosed: true };
    },
  },
  {
    method: 'GET',
    path: '/api/indicators/:id/spc',
    tag: 'indicators',
    summary:
      "SPC (XmR, Making Data Count) of one organisation's total series: points, limits, rule flags, icons",
    roles,
    params: [
      idParam,
      orgParam(true),
      grainParam,
      fromParam,
      toParam,
      {
        name: 'preset',
        in: 'query',
        description: 'SPC preset passed to xmr',
        type: 'enum',
        values: ['nhse', 'plotthedots'],
      },
    ],
    formats: ['json'],
    cached: true,
    async handle(input) {
      const { deps, principal, params } = input;
      const indicator = findIndicator(deps, params.id as string);
      const org = params.org as string;
      await requireVisibleOrg(deps.connection, principal, org);
      const grain = chooseGrain(indicator, params.grain as string | undefined);
      const values = controlled(
        input,
        indicator,
        await queryTable(
          deps.connection,
          'spc-series',
          indicatorValuesQuery(principal, {
            indicatorId: indicator.id,
            grain,
            dimension: 'total',
            org,
            from: params.from as string | undefined,
            to: params.to as string | undefined,
          }),
        ),
      );
      const series = rowsOf(values)
        .filter((row) => typeof row.value === 'number')
        .map((row) => ({
          period_start: new Date(row.period_start as number).toISOString(),
          value: row.value as number,
        }));
      const options: XmrOptions = { improvement: improvementOf(indicator.polarity) };
      const target = targetOf(
        indicator.targets,
        series.at(-1)?.period_start.slice(0, 10) ?? deps.now().toISOString().slice(0, 10),
      );
      if (target !== undefined) options.target = target;
      if (params.preset) options.preset = params.preset as XmrOptions['preset'];
      let spc: unknown = null;
      if (series.length >= 2) {
        try {
          spc = deps.xmr(
            series.map((point) => ({ period: point.period_start, value: point.value })),
            options,
          );
        } catch (error) {
          throw new ClientError(
            422,
            `SPC cannot be computed for this series: ${(error as Error).message}`,
          );
        }
      }
      return {
        body: {
          indicator_id: indicator.id,
          org_code: org,
          grain,
          improvement: options.improvement,
          target: target ?? null,
          series,
          spc,
        },
        disclosed: true,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/indicators/:id/inequality',
    tag: 'indicators',
    summary:
      'One period of an indicator by group, with intervals, and the gap, SII and RII across deprivation',
    roles,
    params: [
      idParam,
      orgParam(true),
      grainParam,
      {
        name: 'by',
        in: 'query',
        description: 'grouping',
        type: 'enum',
        values: breakdowns.filter((b) => b !== 'total'),
        default: 'imd_quintile',
      },
      {
        name: 'period',
        in: 'query',
        description: 'period start (YYYY-MM-DD); default the latest',
        type: 'date',
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    cached: true,
    async handle(input) {
      const { deps, principal, params } = input;
      const indicator = findIndicator(deps, params.id as string);
      const org = params.org as string;
      await requireVisibleOrg(deps.connection, principal, org);
      const filter = {
        indicatorId: indicator.id,
        grain: chooseGrain(indicator, params.grain as string | undefined),
        dimension: chooseBreakdown(indicator, params.by as string),
        org,
      };
      let period = params.period as string | undefined;
      if (!period) {
        const latest = rowsOf(
          await queryTable(deps.connection, 'latest-period', latestPeriodQuery(filter)),
        )[0];
        period = (latest?.period_start as string | null) ?? '1970-01-01';
      }
      const groups = controlled(
        input,
        indicator,
        await queryTable(
          deps.connection,
          'inequality-groups',
          indicatorValuesQuery(principal, { ...filter, period }),
        ),
      );
      const summary = await queryTable(
        deps.connection,
        'inequality-summary',
        inequalitySummaryQuery(principal, { ...filter, period }),
      );
      return {
        table: groups,
        body: { groups, summary: summary.rowCount > 0 ? summary : null },
        disclosed: true,
      };
    },
  },
];
