import type { IndicatorDefinition } from '../../pipelines/indicators/index.js';
import {
  AccessError,
  roles,
  type ResultTable,
  type ValuesCursor,
} from '../../pipelines/read/index.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { ClientError } from '../validation/client-error.js';
import { optional, param, withDefault } from '../validation/params.js';

export const grains = ['hour', 'day', 'week', 'month'] as const;
/** The breakdowns by group (every breakdown but the total). */
export const groupings = [
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
export const breakdowns = ['total', ...groupings] as const;

/** Rows in one answer of /values without org= (and with limit=) unless `limit` says fewer. */
export const defaultPageRows = 10_000;

const idPath = {
  id: param.text('indicator id, as listed by GET /api/indicators', {
    pattern: /^[A-Za-z0-9_.-]+$/,
    maxLength: 64,
    hint: 'an indicator id of letters, digits, _ . - (GET /api/indicators lists them)',
  }),
};
const org = param.org('organisation code (site, trust, ICS, region or ENG)');
const grain = optional(param.oneOf(grains, "time grain; default the indicator's coarsest grain"));
const from = optional(param.date('first period start (YYYY-MM-DD)'));
const to = optional(param.date('last day included (YYYY-MM-DD)'));
const complete = withDefault(
  param.oneOf(
    ['true', 'false'],
    'true: only values whose period is complete (is_provisional false): not still running, not starting before the loaded history, every A&E attendance in it departed',
  ),
  'false',
);
const limit = optional(
  param.integer(
    `rows in one page (default ${defaultPageRows.toLocaleString('en-GB')} without org=; with org= every row unless given); a page ends at a whole organisation and period`,
    1000,
    100_000,
  ),
);
const cursor = optional(
  param.text(
    'where the page starts: take it from the previous answer (its `next` link, JSON field and Link header)',
    {
      pattern: /^[A-Za-z0-9_-]+$/,
      maxLength: 200,
      hint: 'the cursor of a previous answer’s next link, unchanged',
    },
  ),
);

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
  defineRoute({
    method: 'GET',
    path: '/api/indicators',
    tag: 'indicators',
    summary: 'The indicator registry: definitions, units, polarity, targets, grains and breakdowns',
    roles,
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
  }),
  defineRoute({
    method: 'GET',
    path: '/api/indicators/:id/values',
    tag: 'indicators',
    summary:
      'Values of one indicator over time, for one or every organisation you may see, by a breakdown',
    roles,
    pathParams: idPath,
    query: {
      org: optional(org),
      grain,
      from,
      to,
      by: withDefault(param.oneOf(breakdowns, 'breakdown dimension'), 'total'),
      complete,
      limit,
      cursor,
    },
    description:
      'Without org= the answer is paged: at most `limit` rows (default 10,000), ordered by organisation, period and category, each page ending at a whole organisation and period. Where more follow, the JSON field `next` and (in every format) the header `Link: <…>; rel="next"` give the same request from the next page; the last page has `next: null` and no Link. With org= every row comes at once unless `limit` is given.',
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    paged: true,
    cached: true,
    async handle({ params, reader, c }) {
      const indicator = reader!.indicator(params.id);
      const filter = {
        grain: chooseGrain(indicator, params.grain),
        dimension: chooseBreakdown(indicator, params.by),
        org: params.org,
        from: params.from,
        to: params.to,
        complete: params.complete === 'true',
      };
      const limit = params.limit ?? (filter.org ? undefined : defaultPageRows);
      const cursor = params.cursor === undefined ? undefined : decodeCursor(params.cursor);
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
  }),
  defineRoute({
    method: 'GET',
    path: '/api/indicators/:id/spc',
    tag: 'indicators',
    summary:
      "SPC (XmR, Making Data Count) of one organisation's total series: points, limits, rule flags, icons",
    roles,
    pathParams: idPath,
    query: {
      org,
      grain,
      from,
      to,
      preset: optional(param.oneOf(['nhse', 'plotthedots'], 'SPC preset passed to xmr')),
    },
    formats: ['json'],
    cached: true,
    async handle({ deps, params, reader }) {
      const indicator = reader!.indicator(params.id);
      const grain = chooseGrain(indicator, params.grain);
      let result;
      try {
        result = await reader!.spc(
          indicator,
          { org: params.org, grain, from: params.from, to: params.to, preset: params.preset },
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
          org_code: params.org,
          grain,
          improvement: result.improvement,
          target: result.target,
          series: result.series,
          spc: result.spc,
        },
        disclosed: true,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/indicators/:id/inequality',
    tag: 'indicators',
    summary:
      'One period of an indicator by group, with intervals, and the gap, SII and RII across deprivation',
    roles,
    pathParams: idPath,
    query: {
      org,
      grain,
      by: withDefault(param.oneOf(groupings, 'grouping'), 'imd_quintile'),
      period: optional(
        param.date(
          'period start (YYYY-MM-DD); default the latest complete period (the latest when none is complete)',
        ),
      ),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'indicatorValues',
    cached: true,
    async handle({ params, reader }) {
      const indicator = reader!.indicator(params.id);
      const { groups, summary, note } = await reader!.inequality(indicator, {
        org: params.org,
        grain: chooseGrain(indicator, params.grain),
        dimension: chooseBreakdown(indicator, params.by),
        period: params.period,
      });
      const body: Record<string, unknown> = { groups, summary };
      if (note) body.summary_withheld = note;
      return { table: groups, body, disclosed: true };
    },
  }),
];
