import { bodyLimit } from 'hono/body-limit';
import { feedNames, FeedError } from '../../pipelines/feeds/feed.js';
import { OutOfScopeError } from '../../pipelines/ingest/index.js';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { requireBodyType, requireRole } from '../http/register-route.js';
import type { AppServices } from '../http/app-services.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { ClientError } from '../validation/client-error.js';
import { offsetParam, optional, param, withDefault } from '../validation/params.js';

const feedPath = { feed: param.oneOf(feedNames, 'feed name') };

/** The ingest body limit, as middleware for POST /api/ingest/:feed (413 beyond it). */
export function ingestBodyLimit(services: AppServices): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
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
  // Who may push, and in what type, is settled before a byte of the body is read.
  return (c, next) => {
    requireRole(c, ingestRoles);
    requireBodyType(c, { method: 'POST', requestBody: ingestBody });
    return limit(c, next);
  };
}

const ingestRoles = ['admin', 'operations'] as const;
const ingestBody = {
  contentType: 'application/octet-stream',
  alsoAccepted: ['text/csv', 'application/hl7-v2'],
  description: 'the file’s bytes, in the feed’s format',
};

export function feedRoutes(services: AppServices): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/feeds',
      tag: 'feeds',
      summary:
        'Feed quality: each feed’s status, the ledger, pipeline runs, reconciliation and quarantine by reason',
      description: 'JSON carries all; CSV and Arrow carry the ledger (latest files).',
      roles: ['admin', 'operations', 'analyst'],
      query: { limit: withDefault(param.integer('ledger and run rows', 1, 5000), 200) },
      formats: ['json', 'csv', 'arrow'],
      contract: 'ingestFiles',
      cached: true,
      async handle({ deps, params, reader }) {
        const { files, runs, quarantine, note } = await reader!.feedLedger(params.limit);
        const status = await deps.feedStatus(deps.connection);
        const body: Record<string, unknown> = {
          status,
          files,
          runs,
          quarantine_by_reason: quarantine,
        };
        if (note) body.withheld = note;
        return { table: files, body };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/feeds/:feed/quarantine',
      tag: 'feeds',
      summary:
        'Quarantined rows of a feed, with reason and raw text (NHS numbers masked), newest files first',
      description:
        'Rows can name any organisation, so only unscoped admin and operations tokens may read them.',
      roles: ['admin', 'operations'],
      unscopedOnly: true,
      pathParams: feedPath,
      query: {
        limit: withDefault(param.integer('rows per page', 1, 10000), 100),
        offset: offsetParam,
        reason: optional(
          param.text('only this reason code', {
            pattern: /^[a-z0-9_]+$/,
            maxLength: 64,
            hint: 'a reason code of lower-case letters, digits and _ (GET /api/feeds lists them)',
          }),
        ),
      },
      formats: ['json', 'csv', 'arrow'],
      contract: 'quarantine',
      cached: true,
      async handle({ params, reader }) {
        const { feed, limit, offset, reason } = params;
        return { table: await reader!.quarantine(feed, limit, offset, reason) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/ingest/:feed',
      tag: 'feeds',
      summary:
        'Push a batch: it lands exactly as a file dropped in the inbox does; returns the reconciliation',
      roles: ingestRoles,
      pathParams: feedPath,
      query: {
        name: param.text('the batch’s file name, recorded in the ledger', {
          pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
          maxLength: 200,
          hint: 'a file name of letters, digits, . _ - (no folders), e.g. ae-2024-01-01.csv',
        }),
      },
      formats: ['json'],
      cached: false,
      requestBody: ingestBody,
      async handle({ deps, params, principal, c }) {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.byteLength === 0)
          throw new ClientError(400, 'the body is empty; send the file’s bytes');
        try {
          const result = await deps.ingest(params.feed, params.name, bytes, principal!.scope);
          services.invalidate();
          // A file the engine could not read (now or when the same bytes came before) is in
          // the ledger as failed: the sender hears why.
          const failed = result as { errorCode?: string; errorDetail?: string };
          if (failed.errorCode !== undefined)
            throw new ClientError(422, `${failed.errorCode}: ${failed.errorDetail}`);
          return {
            body: { feed: params.feed, name: params.name, result },
            status: 201,
            noStore: true,
          };
        } catch (error) {
          if (error instanceof FeedError)
            throw new ClientError(422, `${error.code}: ${error.message}`);
          if (error instanceof OutOfScopeError) throw new ClientError(403, error.message);
          throw error;
        }
      },
    }),
  ];
}
