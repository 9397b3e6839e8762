import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { serviceClient } from '../cli/index.js';
import { loadConfig } from '../config.js';
import { consoleLogger } from '../log/index.js';
import { openWarehouse } from '../warehouse/index.js';
import {
  reportNames,
  type Recipient,
  type RecipientRole,
  type ReportName,
} from './report-config.js';
import { reportEffects, summariseRun } from './report-jobs.js';
import { runReport } from './run-report.js';

export interface ReportCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

const usage = `usage: npm run report -- run <${reportNames.join('|')}> [--to ADDRESS [--role ROLE] [--ics QOP,QRV]] [--date YYYY-MM-DD]
  Builds, archives and mails one report now. Without --to it goes to the configured recipients;
  recipients already sent the same report period are skipped. --role defaults to public
  (disclosure control applied) for an address given with --to.`;

/**
 * `npm run report -- run <report> …`: through the running service's admin API when it is up
 * (DuckDB lets one process hold the warehouse), else on the warehouse file directly. Returns
 * the exit code: 0 all sent, 1 a delivery failed, 2 a usage error.
 */
export async function runReportCli(args: string[], io: ReportCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        date: { type: 'string' },
        role: { type: 'string' },
        ics: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [command, report] = parsed.positionals;
  if (command !== 'run' || !report || !(reportNames as readonly string[]).includes(report)) {
    io.stderr(`${usage}\n`);
    return 2;
  }
  const { to, date, role, ics } = parsed.values;
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    io.stderr(`--date must be YYYY-MM-DD, got ${JSON.stringify(date)}\n`);
    return 2;
  }
  const body: Record<string, unknown> = {};
  if (date) body.date = date;
  if (to) {
    body.to = to;
    body.role = role ?? 'public';
    if (ics) body.ics = ics.split(',').map((c) => c.trim().toUpperCase());
  }
  const config = loadConfig(io.env);
  const client = serviceClient(config, io.fetch ?? fetch);
  let result;
  if (await client.isUp()) {
    io.stderr(`through the running service at ${client.baseUrl}\n`);
    try {
      const answer = await client.request('POST', `/api/reports/${report}/run`, body);
      result = answer.result as Parameters<typeof summariseRun>[0];
    } catch (error) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    }
  } else {
    if (!existsSync(config.dbPath)) {
      io.stderr(`no warehouse at ${config.dbPath} yet: start the service or run npm run ingest\n`);
      return 1;
    }
    // Read-write, not read-only: the delivery log is what keeps a report from being sent twice.
    io.stderr(`the service is not running: using ${config.dbPath}\n`);
    const warehouse = await openWarehouse(config.dbPath);
    try {
      const effects = reportEffects(config, {
        connection: warehouse.connection,
        log: consoleLogger(),
        now: () => new Date(),
        env: io.env,
      });
      const recipients: Recipient[] | undefined = to
        ? [
            {
              address: to,
              role: (role ?? 'public') as RecipientRole,
              ics: ics ? ics.split(',').map((c) => c.trim().toUpperCase()) : null,
            },
          ]
        : undefined;
      result = await runReport(report as ReportName, { date, recipients }, effects);
    } finally {
      warehouse.close();
    }
  }
  io.stdout(`${report} ${summariseRun(result)}\n`);
  for (const archive of result.archives) io.stdout(`  archived ${archive.path}\n`);
  return result.failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = await runReportCli(process.argv.slice(2), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      env: process.env,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
