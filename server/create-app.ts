import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { AccessError, disclosureRuleFrom, operationalRoles } from '../pipelines/read/index.js';
import type { AppDeps } from './app-deps.js';
import { AuditLog } from './audit/audit-log.js';
import { authenticate } from './auth/authenticate.js';
import { CredentialCache } from './auth/credential-cache.js';
import { OpenIdSignIn } from './auth/openid-sign-in.js';
import { authSettingsFrom } from './auth/sign-in-settings.js';
import { mountSignIn } from './auth/sign-in-routes.js';
import { DataVersion } from './cache/data-version.js';
import { ResponseCache } from './cache/response-cache.js';
import { eventsHandler, eventsQuery } from './events/events-route.js';
import { apiSettingsFrom } from './http/api-settings.js';
import type { AppEnv } from './http/app-env.js';
import type { AppServices } from './http/app-services.js';
import {
  authenticateBeforeBody,
  rateLimit,
  sameOriginWrites,
  signInGuards,
} from './http/request-guards.js';
import { requestLog } from './http/request-log.js';
import { registerRoute } from './http/register-route.js';
import type { RouteSpec } from './http/route-spec.js';
import { docsPage } from './openapi/docs-page.js';
import { openApiDocument, openApiRoute, registerComponents } from './openapi/openapi-document.js';
import { adminRoutes } from './routes/admin-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { feedRoutes, ingestBodyLimit } from './routes/feed-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { indicatorRoutes } from './routes/indicator-routes.js';
import { journeyRoutes } from './routes/journey-routes.js';
import { liveRoutes } from './routes/live-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { orgRoutes } from './routes/org-routes.js';
import { reportArchivePolicy, reportFileHandler, reportRoutes } from './routes/report-routes.js';
import { scenarioRoutes } from './routes/scenario-routes.js';
import { ClientError } from './validation/client-error.js';

/** The Hono app, with what a graceful shutdown needs. */
export type ObservatoryApp = OpenAPIHono<AppEnv> & {
  /** Every route's spec (the OpenAPI document is built from them). */
  routeSpecs: readonly RouteSpec[];
  /** Ends open SSE streams and writes the buffered audit entries. */
  shutdown(): Promise<void>;
};

const apiCsp = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };
const pageCsp = {
  defaultSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

function errorBody(c: Context<AppEnv>, message: string) {
  return { error: message, request_id: c.get('requestId') };
}

/**
 * Builds the API: `/api/*` routes (JSON, CSV, Arrow), `/signin`, and the built dashboards at `/`
 * (when `deps.staticRoot` is given) and the built notebooks at `/notebooks/` (when
 * `deps.notebooksRoot` is given), both behind sign-in. Effects come in through `deps`.
 */
export function createApp(deps: AppDeps): ObservatoryApp {
  const settings = apiSettingsFrom(deps.config.settings);
  const cache = new ResponseCache(settings.cacheEntries, settings.cacheBytes);
  const dataVersion = new DataVersion(deps.connection, settings.versionTtlMs);
  const pool = [deps.connection, ...(deps.extraConnections ?? [])].map((connection) => ({
    ...deps,
    connection,
  }));
  let turn = 0;
  const services: AppServices = {
    deps,
    settings,
    disclosureRule: disclosureRuleFrom(deps.config.settings),
    cache,
    dataVersion,
    audit: new AuditLog(deps.connection, deps.log, settings.auditFlushMs),
    credentials: new CredentialCache(1000, undefined, () => deps.now().getTime()),
    openId: new OpenIdSignIn(authSettingsFrom(deps.config.settings, deps.env ?? process.env), () =>
      deps.now().getTime(),
    ),
    streams: new Set(),
    requestDeps: () => pool[turn++ % pool.length]!,
    invalidate() {
      dataVersion.bump();
      cache.clear();
    },
  };
  deps.events.subscribe(() => services.invalidate());
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestLog(services));
  app.use('/api/reports/:id', reportArchivePolicy);
  const apiSecureHeaders = secureHeaders({
    contentSecurityPolicy: apiCsp,
    crossOriginResourcePolicy: 'same-origin',
  });
  // The headers that middleware sets, read once from a probe, so a cache hit can be sent
  // with them in one go (a response whose headers are added to afterwards costs far more).
  let apiHeaders: Record<string, string> | undefined;
  void (async () => {
    const probe = new Hono();
    probe.use(apiSecureHeaders);
    probe.get('/', (c) => c.body(null, 204));
    apiHeaders = Object.fromEntries((await probe.request('/')).headers);
  })();
  app.use('/api/*', (c, next) => {
    if (!apiHeaders) return apiSecureHeaders(c, next);
    const headers = apiHeaders;
    c.set('apiHeaders', headers);
    return next().then(() => {
      if (c.get('sealed')) return;
      for (const name in headers) c.res.headers.set(name, headers[name]!);
    });
  });
  app.use('/signin', secureHeaders({ contentSecurityPolicy: pageCsp }));
  app.use('/signin/*', secureHeaders({ contentSecurityPolicy: pageCsp }));
  app.use('/api/docs', async (c, next) => {
    await next();
    c.res.headers.set(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  });
  app.use('/signin', ...signInGuards(services));
  app.use(authenticate(services));
  app.use(sameOriginWrites(services));
  app.use('/api/*', authenticateBeforeBody());
  app.use('/api/*', rateLimit(services));

  const scenarios = scenarioRoutes(services);
  const specs: RouteSpec[] = [
    ...healthRoutes(services),
    ...meRoutes,
    ...orgRoutes,
    ...indicatorRoutes,
    ...journeyRoutes,
    ...liveRoutes,
    ...alertRoutes(services),
    ...feedRoutes(services),
    ...adminRoutes(services),
    ...reportRoutes(services),
    ...scenarios,
  ];
  app.post('/api/ingest/:feed', ingestBodyLimit(services));
  for (const spec of specs) registerRoute(app, spec, services);
  app.get('/api/events', eventsHandler(services));
  app.get('/api/reports/:id', reportFileHandler(services));

  const eventsSpec: RouteSpec = {
    method: 'GET',
    path: '/api/events',
    tag: 'live',
    summary:
      'Server-Sent Events: data_landed, live_changed, alert_raised, opel_changed; resume with Last-Event-ID',
    roles: operationalRoles,
    query: eventsQuery,
    formats: ['json'],
    cached: false,
    handle: () => Promise.reject(new Error('streamed')),
  };
  app.openAPIRegistry.registerPath(openApiRoute(eventsSpec));
  registerComponents(app);
  const documented = [...specs, eventsSpec];
  const document = openApiDocument(app, '0.1.0');
  const documentJson = JSON.stringify(document);
  const documentPage = docsPage(document);
  app.get('/api/openapi.json', (c) =>
    c.body(documentJson, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
  );
  app.get('/api/docs', (c) => c.html(documentPage));

  mountSignIn(app, services);
  app.all('/api/*', (c) =>
    c.json(
      errorBody(c, `no route ${c.req.method} ${c.req.path.slice(0, 200)}; see /api/docs`),
      404,
    ),
  );
  if (deps.notebooksRoot) {
    const root = deps.notebooksRoot;
    app.use('/notebooks/*', async (c, next) => {
      if (!c.get('principal')) return c.redirect('/signin', 303);
      await next();
    });
    app.use('/notebooks/*', secureHeaders({ contentSecurityPolicy: pageCsp }));
    // Notebook pages read the API when viewed; a data file in the folder is never served.
    app.use('/notebooks/*', async (c, next) => {
      if (/\.(arrow|parquet|csv|json|duckdb|db)$/i.test(c.req.path))
        return c.json(errorBody(c, 'notebook data comes from the API, not from files'), 404);
      await next();
    });
    app.get('/notebooks', (c) => c.redirect('/notebooks/', 301));
    app.use(
      '/notebooks/*',
      serveStatic({ root, rewriteRequestPath: (path) => path.slice('/notebooks'.length) || '/' }),
    );
  }
  if (deps.staticRoot) {
    const root = deps.staticRoot;
    app.use('/*', async (c, next) => {
      if (!c.get('principal')) return c.redirect('/signin', 303);
      await next();
    });
    app.use('/*', secureHeaders({ contentSecurityPolicy: pageCsp }));
    app.use('/*', serveStatic({ root }));
  }
  app.notFound((c) =>
    c.json(errorBody(c, `no route ${c.req.method} ${c.req.path.slice(0, 200)}`), 404),
  );
  app.onError((error, c) => {
    if (error instanceof AccessError) return c.json(errorBody(c, error.message), error.status);
    if (error instanceof ClientError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(c, error.message), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody(c, error.message || 'the request could not be read'), error.status);
    }
    deps.log.error('request failed', {
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    });
    return c.json(errorBody(c, 'internal error; quote the request id when reporting it'), 500);
  });

  return Object.assign(app, {
    routeSpecs: documented,
    async shutdown() {
      for (const close of [...services.streams]) close();
      await scenarios.runner.close();
      await services.audit.flush();
    },
  });
}
