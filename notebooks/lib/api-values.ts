import type { IndicatorValueRow } from '../../pipelines/read/index.js';
import {
  observatoryClient,
  type IndicatorValuesQuery,
  type ObservatoryClient,
} from '../client/observatory-client.js';

/** An indicator value as a notebook uses it: the API's row, its org's name and type, a Date. */
export type NotebookValue = Omit<IndicatorValueRow, 'grain' | 'period_start'> & {
  org_name: string;
  org_type: string;
  is_synthetic: boolean;
  period_start: Date;
};

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

let orgs: Promise<Map<string, { org_name: string; org_type: string; is_synthetic: boolean }>>;

/**
 * Values of one indicator from the observatory API, read when the page is viewed with the
 * reader's own sign-in: the rows are exactly what the API gives that reader (their scope,
 * disclosure control for the public role). Each row carries its organisation's name and type;
 * `orgTypes` keeps only those types.
 */
export async function apiValues(
  indicatorId: string,
  query: IndicatorValuesQuery = {},
  orgTypes?: readonly string[],
  client: ObservatoryClient = observatoryClient(),
): Promise<NotebookValue[]> {
  orgs ??= client
    .orgs()
    .then(
      (rows) =>
        new Map(
          rows.map((o) => [
            o.org_code,
            { org_name: o.org_name, org_type: o.org_type, is_synthetic: Boolean(o.is_synthetic) },
          ]),
        ),
    );
  const places = await orgs;
  const rows = await client.indicatorValues(indicatorId, query);
  return rows
    .map((row) => {
      const org = places.get(row.org_code);
      return {
        indicator_id: row.indicator_id,
        org_code: row.org_code,
        org_name: org?.org_name ?? row.org_code,
        org_type: org?.org_type ?? 'unknown',
        is_synthetic: org?.is_synthetic ?? true,
        period_start: new Date(Number(row.period_start as unknown)),
        dimension: row.dimension,
        category: row.category,
        numerator: numberOrNull(row.numerator),
        denominator: numberOrNull(row.denominator),
        value: numberOrNull(row.value),
        lower: numberOrNull(row.lower),
        upper: numberOrNull(row.upper),
        is_provisional: row.is_provisional === true,
        coverage: Number(row.coverage ?? 1),
      };
    })
    .filter((row) => !orgTypes || orgTypes.includes(row.org_type));
}

/** Local authority names by code (the discharge breakdown by local_authority gives codes). */
export async function localAuthorityNames(
  client: ObservatoryClient = observatoryClient(),
): Promise<Map<string, string>> {
  return new Map((await client.localAuthorities()).map((la) => [la.la_code, la.la_name]));
}
