import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../pipelines/warehouse/open-warehouse.js';
import type { Principal } from '../../pipelines/read/principal.js';
import { contractColumns, type ContractName } from '../../pipelines/read/contracts.js';
import {
  auditQuery,
  localAuthoritiesQuery,
  orgsQuery,
} from '../../pipelines/read/queries/org-queries.js';
import {
  deliveryFailuresQuery,
  ingestFilesQuery,
  pipelineRunsQuery,
  quarantineQuery,
  quarantineReasonsQuery,
} from '../../pipelines/read/queries/feed-queries.js';
import {
  indicatorValuesQuery,
  inequalitySummaryQuery,
} from '../../pipelines/read/queries/indicator-queries.js';
import {
  alertsQuery,
  forecastsQuery,
  liveSitesQuery,
  liveWardsQuery,
  opelDailyQuery,
  opelQuery,
} from '../../pipelines/read/queries/live-queries.js';
import { scenarioValuesQuery } from '../../pipelines/read/queries/scenario-queries.js';
import type { SqlQuery } from '../../pipelines/read/sql.js';

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
});
afterAll(() => warehouse.close());

const scoped: Principal = {
  tokenId: 'tok_x',
  role: 'analyst',
  scope: ['QOP'],
  label: null,
  via: 'bearer',
};
const filter = {
  indicatorId: 'x',
  grain: 'month',
  dimension: 'total',
  org: 'QOP',
  from: '2024-01-01',
  to: '2024-02-01',
};

/** Each route's query (scoped, with every optional filter) and the contract its rows follow. */
const queries: Array<[ContractName, SqlQuery]> = [
  ['orgs', orgsQuery(scoped, 'ics')],
  ['localAuthorities', localAuthoritiesQuery(scoped)],
  ['indicatorValues', indicatorValuesQuery(scoped, filter)],
  ['inequalitySummary', inequalitySummaryQuery(scoped, { ...filter, period: '2024-01-01' })],
  ['liveSites', liveSitesQuery(scoped)],
  ['liveWards', liveWardsQuery(scoped)],
  ['opel', opelQuery(scoped, { latest: true, org: 'QOP', from: '2024-01-01', to: '2024-01-02' })],
  ['opel', opelQuery(null, { latest: false })],
  ['opel', opelDailyQuery(scoped, { org: 'QOP', from: '2024-01-01', to: '2024-01-02' })],
  ['forecasts', forecastsQuery(scoped, 'R0A01', 'arrivals')],
  ['alerts', alertsQuery(scoped, 'open')],
  ['ingestFiles', ingestFilesQuery(10)],
  ['pipelineRuns', pipelineRunsQuery(10)],
  ['quarantineReasons', quarantineReasonsQuery()],
  ['quarantine', quarantineQuery('ae', 10, 0, 'bad_date')],
  ['audit', auditQuery('tok_x', 10, 0)],
  ['deliveryFailures', deliveryFailuresQuery()],
  [
    'scenarioValues',
    scenarioValuesQuery('scn_x', { org: 'QOP', measure: 'arrivals', run: 'scenario' }),
  ],
];

describe('contractColumns match the routes’ queries (DESCRIBE on an empty warehouse)', () => {
  it.each(queries)('%s', async (contract, query) => {
    // DESCRIBE of a parameterised statement: the same columns as SELECT … LIMIT 0.
    const reader = await warehouse.connection.runAndReadAll(
      `DESCRIBE SELECT * FROM (${query.text}) LIMIT 0`,
      query.values,
    );
    const described = reader.getRowObjectsJS().map((row) => String(row.column_name));
    expect(described).toEqual([...contractColumns[contract]]);
  });
});
