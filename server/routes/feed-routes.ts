import { bodyLimit } from 'hono/body-limit';
import { feedNames, FeedError, type FeedName } from '../../pipelines/feeds/feed.js';
import type { AppServices } from '../http/app-services.js';
import type { RouteSpec } from '../http/route-spec.js';
import { queryTable } from '../query/result-table.js';
import { ClientError, type ParamSpec } from '../validation/param-spec.js';
import {
  ingestFilesQuery,
  pipelineRunsQuery,
  quarantineQuery,
  quarantineReasonsQuery,
} from './feed-queries.js';

const feedParam: ParamSpec = {
  name: 'feed',
  in: 'path',
  required: true,
  description: 'feed name',
  type: 'enum',
  values: feedNames,
};

/** The ingest body limit, as middleware for POST /api/ingest/:feed (413 beyond it). */
export function ingestBodyLimit(services: AppServices) {
  return bodyLimit({
    maxSize: services.settings.maxIngestBytes,
    onError: (c) =>
      c.json(
        {
          error: `the body is larger than the limit of ${services.settings.maxIngestBytes} bytes; split the batch`,
          request_id: c.get('requestId'),
        },
        413,
      ),
  });
}

export function feedRoutes(services: AppServices): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/feeds',
      tag: 'feeds',
      summary:
        'Feed quality: each feed’s status, the ledger, pipeline runs, reconciliation and quarantine by reason',
      description: 'JSON carries all; CSV and Arrow carry the ledger (latest files).',
      roles: ['admin', 'operations', 'analyst'],
      params: [
        {
          name: 'limit',
          in: 'query',
          description: 'ledger and run rows',
          type: 'integer',
          min: 1,
          max: 5000,
          default: 200,
        },
      ],
      formats: ['json', 'csv', 'arrow'],
      contract: 'ingestFiles',
      cached: true,
      async handle({ deps, params }) {
        const limit = params.limit as number;
        const files = await queryTable(deps.connection, 'ingest-files', ingestFilesQuery(limit));
        const runs = await queryTable(deps.connection, 'pipeline-runs', pipelineRunsQuery(limit));
        const quarantine = await queryTable(
          deps.connection,
          'quarantine-reasons',
          quarantineReasonsQuery(),
        );
        const status = await deps.feedStatus(deps.connection);
        return { table: files, body: { status, files, runs, quarantine_by_reason: quarantine } };
      },
    },
    {
      method: 'GET',
      path: '/api/feeds/:feed/quarantine',
      tag: 'feeds',
      summary:
        'Quarantined rows of a feed, with reason and raw text (NHS numbers masked), newest files first',
      description:
        'Rows can name any organisation, so only unscoped admin and operations tokens may read them.',
      roles: ['admin', 'operations'],
      params: [
        feedParam,
        {
          name: 'limit',
          in: 'query',
          description: 'rows per page',
          type: 'integer',
          min: 1,
          max: 10000,
          default: 100,
        },
        {
          name: 'offset',
          in: 'query',
          description: 'rows to skip',
          type: 'integer',
          min: 0,
          max: 1e9,
          default: 0,
        },
        {
          name: 'reason',
          in: 'query',
          description: 'only this reason code',
          type: 'text',
          pattern: /^[a-z0-9_]+$/,
          maxLength: 64,
          hint: 'a reason code of lower-case letters, digits and _ (GET /api/feeds lists them)',
        },
      ],
      formats: ['json', 'csv', 'arrow'],
      contract: 'quarantine',
      cached: true,
      async handle({ deps, principal, params }) {
        if (principal?.scope) {
          throw new ClientError(
            403,
            'quarantined rows can name any organisation; they need a token without an ICS scope',
          );
        }
        const query = quarantineQuery(
          params.feed as string,
          params.limit as number,
          params.offset as number,
          params.reason as string | undefined,
        );
        return { table: await queryTable(deps.connection, 'quarantine', query) };
      },
    },
    {
      method: 'POST',
      path: '/api/ingest/:feed',
      tag: 'feeds',
      summary:
        'Push a batch: it lands exactly as a file dropped in the inbox does; returns the reconciliation',
      roles: ['admin', 'operations'],
      params: [
        feedParam,
        {
          name: 'name',
          in: 'query',
          required: true,
          description: 'the batch’s file name, recorded in the ledger',
          type: 'text',
          pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
          maxLength: 200,
          hint: 'a file name of letters, digits, . _ - (no folders), e.g. ae-2024-01-01.csv',
        },
      ],
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/octet-stream',
        description: 'the file’s bytes, in the feed’s format',
      },
      async handle({ deps, params, c }) {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.byteLength === 0)
          throw new ClientError(400, 'the body is empty; send the file’s bytes');
        try {
          const result = await deps.ingest(params.feed as FeedName, params.name as string, bytes);
          services.invalidate();
          return {
            body: { feed: params.feed, name: params.name, result },
            status: 201,
            noStore: true,
          };
        } catch (error) {
          if (error instanceof FeedError)
            throw new ClientError(422, `${error.code}: ${error.message}`);
          throw error;
        }
      },
    },
  ];
}
