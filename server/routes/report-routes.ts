import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Handler, MiddlewareHandler } from 'hono';
import {
  listArchive,
  reportEffects,
  reportNames,
  runReport,
  summariseRun,
  type ArchiveMeta,
  type Recipient,
} from '../../pipelines/reports/index.js';
import { roles, type Principal } from '../../pipelines/read/index.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { requireRole } from '../http/register-route.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { z } from '@hono/zod-openapi';
import { icsCodes, param } from '../validation/params.js';
import { ClientError } from '../validation/client-error.js';

/** Whether a caller may read an archived rendering: same disclosure class, scope inside theirs. */
export function mayReadArchive(
  principal: Principal,
  meta: Pick<ArchiveMeta, 'role' | 'ics'>,
  controlledRoles: readonly string[],
): boolean {
  if (controlledRoles.includes(principal.role) && !controlledRoles.includes(meta.role))
    return false;
  if (principal.scope === null) return true;
  return meta.ics !== null && meta.ics.every((code) => principal.scope!.includes(code));
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  json: 'application/json; charset=utf-8',
};
const archiveCsp =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

/**
 * Lets an archived report's HTML show its own inline styles and data: images. Registered
 * before the API's secure headers so it runs after them (they would overwrite the policy).
 */
export const reportArchivePolicy: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.headers.get('content-type')?.startsWith('text/html') && c.res.status === 200)
    c.res.headers.set('Content-Security-Policy', archiveCsp);
};

/** What an ad hoc run takes: the day it is for, and one recipient instead of the configured ones. */
const runReportBody = z.object(
  {
    date: z.iso.date({ error: 'a date written YYYY-MM-DD' }).optional(),
    to: z
      .string()
      .regex(/^[^\s@<>]+@[^\s@<>]+$/, { error: 'one email address' })
      .optional(),
    role: z.enum(roles, { error: `one of ${roles.join(', ')}` }).default('public'),
    ics: icsCodes.nullable().optional(),
  },
  { error: 'a JSON object such as {"date": "2026-11-25"}' },
);

/** GET /api/reports (the archive) and POST /api/reports/:report/run (admin: an ad hoc run). */
export function reportRoutes(services: AppServices): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/reports',
      tag: 'reports',
      summary:
        'Archived scheduled reports you may read (newest first); open one at /api/reports/{id}, its PDF with ?file=report.pdf',
      roles,
      formats: ['json'],
      cached: false,
      async handle({ deps, principal }) {
        const visible = listArchive(deps.config.reportsDir)
          .filter((meta) => mayReadArchive(principal!, meta, services.disclosureRule.roles))
          .map(({ path: _path, figures: _figures, ...meta }) => ({
            ...meta,
            html_url: `/api/reports/${meta.id}`,
            pdf_url: `/api/reports/${meta.id}?file=report.pdf`,
          }));
        return { body: { reports: visible } };
      },
    },
    defineRoute({
      method: 'POST',
      path: '/api/reports/:report/run',
      tag: 'reports',
      summary:
        'Run a report now (admin): builds, archives and mails it; recipients already sent this period are skipped',
      roles: ['admin'],
      unscopedOnly: true,
      pathParams: {
        report: param.oneOf(reportNames, 'daily-brief, weekly-flow or monthly-published'),
      },
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/json',
        description:
          '{"date": "2026-11-25", "to": "lead@example.nhs.uk", "role": "regional", "ics": ["QOP"]} (all optional)',
      },
      body: runReportBody,
      async handle({ deps, params, body }) {
        const { date, to, role, ics } = body;
        const recipients: Recipient[] | undefined =
          to === undefined ? undefined : [{ address: to, role, ics: ics ?? null }];
        let result;
        try {
          const effects = reportEffects(deps.config, {
            connection: deps.connection,
            log: deps.log,
            now: deps.now,
          });
          result = await runReport(params.report, { date, recipients }, effects);
        } catch (error) {
          if (error instanceof ClientError) throw error;
          throw new ClientError(422, `the report could not be run: ${(error as Error).message}`);
        }
        return { body: { result, summary: summariseRun(result) }, noStore: true };
      },
    }),
  ];
}

/**
 * GET /api/reports/:id[?file=report.pdf|meta.json|images/NAME.png]: one archived file, as the
 * bytes written (HTML by default), for a caller allowed to read that rendering.
 */
export function reportFileHandler(services: AppServices): Handler<AppEnv> {
  return (c) => {
    c.set('auditRoute', '/api/reports/:id');
    requireRole(c, roles);
    const id = c.req.param('id') ?? '';
    const file = c.req.query('file') ?? 'report.html';
    c.set('auditParams', { id: id.slice(0, 120), file: file.slice(0, 120) });
    if (!/^(report\.html|report\.pdf|meta\.json|images\/[A-Za-z0-9_.+-]{1,80}\.png)$/.test(file))
      throw new ClientError(
        400,
        'file must be report.html, report.pdf, meta.json or images/NAME.png',
      );
    const meta = listArchive(services.deps.config.reportsDir).find((m) => m.id === id);
    if (!meta || !mayReadArchive(c.get('principal')!, meta, services.disclosureRule.roles))
      throw new ClientError(
        404,
        `no archived report ${JSON.stringify(id.slice(0, 120))}; GET /api/reports lists them`,
      );
    const path = join(meta.path, file);
    if (!existsSync(path) || !realpathSync(path).startsWith(realpathSync(meta.path) + sep))
      throw new ClientError(404, `report ${meta.id} has no file ${file}`);
    const extension = file.slice(file.lastIndexOf('.') + 1);
    c.header('Content-Type', contentTypes[extension] ?? 'application/octet-stream');
    c.header('Cache-Control', 'private, max-age=300');
    if (extension === 'pdf') c.header('Content-Disposition', `inline; filename="${meta.id}.pdf"`);
    return c.body(readFileSync(path), 200);
  };
}
