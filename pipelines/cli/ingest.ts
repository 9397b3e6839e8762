import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig, type ObservatoryConfig } from '../config.js';
import { feedNames, type Feed, type FeedName, type Logger } from '../feeds/feed.js';
import { loadPseudonymKey, type IngestResult } from '../ingest/index.js';
import { openWarehouse, seedReference } from '../warehouse/index.js';
import { createWriter } from '../writer/index.js';
import { collectFiles, type FileToIngest } from './collect-files.js';
import { formatTable } from './format-table.js';
import { serviceClient } from './service-client.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Feed loaders for direct mode (default: the engine's registry). */
  feeds?: Partial<Record<FeedName, Feed>>;
  /** Ticker period for the progress line on large files (ms). */
  progressMs?: number;
  /** Direct mode seeds reference data first, as the service does (default true). */
  seedReference?: boolean;
}

const usage = `usage: npm run ingest -- [--feed ${feedNames.join('|')}] [--retry-failed] PATH...
  PATH: files, feed folders (…/ae/) or an inbox holding feed folders.
  Goes through the running service's API when it is up, else opens the warehouse file.`;

/** Files at least this large get a progress line on stderr. */
const largeFile = 8 * 1024 * 1024;

/** `npm run ingest`: returns the exit code (0 all loaded or already loaded, 1 a file failed, 2 usage). */
export async function runIngestCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        feed: { type: 'string' },
        'retry-failed': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.stderr(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (values.feed !== undefined && !(feedNames as readonly string[]).includes(values.feed)) {
    io.stderr(
      `--feed must be one of ${feedNames.join(', ')}, got ${JSON.stringify(values.feed)}\n`,
    );
    return 2;
  }
  let files: FileToIngest[];
  try {
    const collected = collectFiles(positionals, values.feed as FeedName | undefined);
    files = collected.files;
    for (const path of collected.skipped) io.stderr(`skipped ${path}: not a feed file\n`);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr('no files to ingest\n');
    return 0;
  }

  const config = loadConfig(io.env);
  const client = serviceClient(config, io.fetch ?? fetch);
  const results: IngestResult[] = [];
  if (await client.isUp()) {
    io.stderr(`the service is running: ingesting through ${client.baseUrl}\n`);
    for (const file of files) {
      results.push(
        await withProgress(file, io, () =>
          client.ingest(file.feed, basename(file.path), readFileSync(file.path)),
        ),
      );
    }
  } else {
    results.push(...(await ingestDirectly(config, files, io, values['retry-failed'] === true)));
  }
  io.stdout(`${summaryTable(results)}\n`);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

async function ingestDirectly(
  config: ObservatoryConfig,
  files: FileToIngest[],
  io: CliIo,
  retryFailed: boolean,
): Promise<IngestResult[]> {
  io.stderr(`the service is not running: opening ${config.dbPath}\n`);
  const warehouse = await openWarehouse(config.dbPath);
  try {
    // As the service does at start: reference data first, or every row is an unknown site.
    if (io.seedReference !== false) await seedReference(warehouse.connection, config.referenceDir);
    // The service's writer: each file in its transaction with its keys queued, the models
    // refreshed after commit (coalesced), the lake exported after each refresh.
    const writer = await createWriter({
      warehouse,
      log: stderrLogger(io),
      pseudonymKeyHex: loadPseudonymKey(config),
      tmpDir: join(config.dataDir, 'tmp'),
      lakeDir: config.lakeDir,
      lakeAfterRefresh: true,
      settings: config.settings,
      ...(io.feeds ? { feeds: io.feeds } : {}),
    });
    const results: IngestResult[] = [];
    try {
      for (const file of files) {
        const result = await withProgress(file, io, () =>
          writer.ingest(file.feed, basename(file.path), readFileSync(file.path), { retryFailed }),
        );
        results.push(result);
      }
      await writer.refresh();
    } finally {
      await writer.close();
    }
    await warehouse.connection.run('CHECKPOINT');
    return results;
  } finally {
    warehouse.close();
  }
}

async function withProgress<T>(file: FileToIngest, io: CliIo, task: () => Promise<T>): Promise<T> {
  const size = statSync(file.path).size;
  if (size < largeFile) return task();
  const started = Date.now();
  const spinner = ['|', '/', '-', '\\'];
  let frame = 0;
  const draw = () =>
    io.stderr(
      `\r${spinner[frame++ % 4]} ${file.feed} ${basename(file.path)} (${(size / 1048576).toFixed(1)} MB) ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  draw();
  const timer = setInterval(draw, io.progressMs ?? 500);
  try {
    return await task();
  } finally {
    clearInterval(timer);
    io.stderr(
      `\r✓ ${file.feed} ${basename(file.path)} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
}

/** The summary: one row per file, then the totals. */
export function summaryTable(results: readonly IngestResult[]): string {
  const rows = results.map((r) => [
    r.fileName,
    r.feed,
    r.status === 'failed'
      ? `failed: ${r.errorCode}`
      : r.status === 'loaded'
        ? 'loaded'
        : 'already loaded',
    r.rowsIn,
    r.loaded,
    r.quarantined,
    r.duplicate,
    Number(r.seconds.toFixed(2)),
  ]);
  const sum = (pick: (r: IngestResult) => number) =>
    results.reduce((n, r) => n + (r.status === 'loaded' ? pick(r) : 0), 0);
  rows.push([
    `total (${results.length} files)`,
    '',
    '',
    sum((r) => r.rowsIn),
    sum((r) => r.loaded),
    sum((r) => r.quarantined),
    sum((r) => r.duplicate),
    Number(results.reduce((n, r) => n + r.seconds, 0).toFixed(2)),
  ]);
  return formatTable(
    ['file', 'feed', 'status', 'rows in', 'loaded', 'quarantined', 'duplicate', 'seconds'],
    rows,
  );
}

function stderrLogger(io: CliIo): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    if (level === 'info') return;
    const detail = fields
      ? ` ${JSON.stringify(fields, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`
      : '';
    io.stderr(`${level}: ${message}${detail}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runIngestCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  });
  process.exitCode = code;
}
