import type { IndicatorDefinition } from '../../pipelines/indicators/index.js';
import {
  AccessError,
  roles,
  type ResultTable,
  type ValuesCursor,
} from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';
import { ClientError, type ParamSpec } from '../validation/param-spec.js';

export const grains = ['hour', 'day', 'week', 'month'] as const;
export const breakdowns = [
  'total',
  'imd_decile',
  'imd_quintile',
  'core20',
  'ethnic_group',
  'age_band',
  'sex',
  'admission',
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
const completeParam: ParamSpec = {
  name: 'complete',
  in: 'query',
  description:
    'true: only values whose period is complete (is_provisional false): not still running, not starting before the loaded history, every A&E attendance in it departed',
  type: 'enum',
  values: ['true', 'false'],
  default: 'false',
};
const toParam: ParamSpec = {
  name: 'to',
  in: 'query',
  description: 'last day included (YYYY-MM-DD)',
  type: 'date',
};

/** Rows in one answer of /values without org= (and with limit=) unless `limit` says fewer. */
export const defaultPageRows = 10_000;

const limitParam: ParamSpec = {
  name: 'limit',
  in: 'query',
  description: `rows in one page (default ${defaultPageRows.toLocaleString('en-GB')} without org=; with org= every row unless given); a page ends at a whole organisation and period`,
  type: 'integer',
  min: 1000,
  max: 100_000,
};
const cursorParam: ParamSpec = {
  name: 'cursor',
  in: 'query',
  description:
    'where the page starts: take it from the previous answer (its `next` link, JSON field and Link header)',
  type: 'text',
  pattern: /^[A-Za-z0-9_-]+$/,
  maxLength: 200,
  hint: 'the cursor of a previous answer’s next link, unchanged',
};

function encodeCursor(cursor: ValuesCursor): string {
  return Buffer.from(JSON.stringify([cursor.org, cursor.period])).toString('base64url');
}

function decodeCursor(text: string): ValuesCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    !/^[A-Z0-9]{1,12}$/.test(value[0]) ||
    !Number.isSafeInteger(value[1])
  )
    throw new ClientError(
      400,
      'cursor must be the cursor of a previous answer’s next link, unchanged',
    );
  return { org: value[0], period: value[1] as number };
}

/** The same request from `cursor` on: a path and query, never a host the caller named. */
function nextLink(path: string, query: Record<string, string[]>, cursor: ValuesCursor): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(query))
    if (name !== 'cursor') for (const value of values) params.append(name, value);
  params.set('cursor', encodeCursor(cursor));
  return `${path}?${params.toString()}`;
}

function chooseGrain(indicator: IndicatorDefinition, asked: string | undefined): string {
  const offered: readonly string[] = indicator.grains.length > 0 ? indicator.grains : grains;
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
  const offered: readonly string[] = indicator.breakdowns;
  if (asked !== 'total' && !offered.includes(asked)) {
    const listed = ['total', ...offered.filter((b) => b !== 'total')];
    throw new ClientError(
      400,
      `${name} must be one of ${listed.join(', ')} for indicator ${indicator.id}; got "${asked}"`,
    );
  }
  return asked;
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
      completeParam,
      limitParam,
      cursorParam,
    ],
    description:
      'Without org= the answer is paged: at most `limit` rows (default 10,000), ordered by organisation, period and category, each page ending at a whole organisation and period. Where more follow, the JSON field `next` and (in every format) the header `Link: <…>; rel="next"` give the same request from the next page; the last page has `next: null` and no Link. With org= every row comes at once unless `limit` is given.',
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    paged: true,
    cached: true,
    async handle({ params, reader, c }) {
      const indicator = reader!.indicator(params.id as string);
      const filter = {
        grain: chooseGrain(indicator, params.grain as string | undefined),
        dimension: chooseBreakdown(indicator, params.by as string),
        org: params.org as string | undefined,
        from: params.from as string | undefined,
        to: params.to as string | undefined,
        complete: params.complete === 'true',
      };
      const limit =
        (params.limit as number | undefined) ?? (filter.org ? undefined : defaultPageRows);
      const cursor =
        params.cursor === undefined ? undefined : decodeCursor(params.cursor as string);
      if (limit === undefined && cursor === undefined) {
        const table = await reader!.values(indicator, filter);
        return { table, body: { rows: table, next: null }, disclosed: true };
      }
      const page = await reader!.valuesPage(indicator, filter, {
        limit: limit ?? defaultPageRows,
        ...(cursor ? { after: cursor } : {}),
      });
      const next = page.next ? nextLink(c.req.path, c.req.queries(), page.next) : null;
      return {
        table: page.table,
        body: { rows: page.table, next },
        disclosed: true,
        ...(next ? { headers: { Link: `<${next}>; rel="next"` } } : {}),
      };
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
    async handle({ deps, params, reader }) {
      const indicator = reader!.indicator(params.id as string);
      const org = params.org as string;
      const grain = chooseGrain(indicator, params.grain as string | undefined);
      let result;
      try {
        result = await reader!.spc(
          indicator,
          {
            org,
            grain,
            from: params.from as string | undefined,
            to: params.to as string | undefined,
            preset: params.preset as string | undefined,
          },
          deps.now().toISOString().slice(0, 10),
        );
      } catch (error) {
        if (error instanceof AccessError) throw error;
        throw new ClientError(
          422,
          `SPC cannot be computed for this series: ${(error as Error).message}`,
        );
      }
      return {
        body: {
          indicator_id: indicator.id,
          org_code: org,
          grain,
          improvement: result.improvement,
          target: result.target,
          series: result.series,
          spc: result.spc,
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
        description:
          'period start (YYYY-MM-DD); default the latest complete period (the latest when none is complete)',
        type: 'date',
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    cached: true,
    async handle({ params, reader }) {
      const indicator = reader!.indicator(params.id as string);
      const { groups, summary, note } = await reader!.inequality(indicator, {
        org: params.org as string,
        grain: chooseGrain(indicator, params.grain as string | undefined),
        dimension: chooseBreakdown(indicator, params.by as string),
        period: params.period as string | undefined,
      });
      const body: Record<string, unknown> = { groups, summary };
      if (note) body.summary_withheld = note;
      return { table: groups, body, disclosed: true };
    },
  },
];
