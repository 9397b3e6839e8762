import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { systemClock } from '../../pipelines/clock/index.js';
import { simulate } from '../../pipelines/simulate/index.js';
import { startObservatory, type Observatory } from '../../service/observatory.js';

/** A running observatory on a temporary data folder holding a few simulated days. */
export interface DemoObservatory {
  observatory: Observatory;
  dataDir: string;
  /** The simulated feed files not yet landed (hourly files after the merged history). */
  held: Array<{ feed: string; name: string; bytes: Buffer }>;
  close(): Promise<void>;
}

export interface DemoOptions {
  days: number;
  seed?: number;
  /** Keep the last N hourly A&E files of each site out of the merged history, to land later. */
  holdBack?: number;
  log?: Logger;
  dataDir?: string;
  port?: number;
  /** NHS England monthly A&E files (MSitAE CSV) to land with the history. */
  published?: string[];
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Simulates `days` of the demo ICS, merges each feed's hourly files into one file per feed
 * (the history load keeps one ledger row per file, so hundreds of hourly files take
 * minutes; one file per feed lands the same rows in seconds), and starts the observatory on it
 * without the live simulator, schedules or MLLP listener.
 */
export async function startDemoObservatory(options: DemoOptions): Promise<DemoObservatory> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'observatory-dash-'));
  const simulated = join(dataDir, 'simulated');
  const log = options.log ?? silent;
  // The history ends at the last 14:00 UTC before now, so which days are complete (and which
  // hour of each site is held back) does not depend on the hour the tests run at: ending at
  // 02:00, the urgent treatment centres' last files are the evening before and the four-day
  // history had a single complete day, too few for an SPC chart.
  const lagHours = (new Date().getUTCHours() - 14 + 24) % 24;
  simulate(
    { days: options.days, seed: options.seed ?? 20240101, out: simulated, lagHours },
    { clock: systemClock, log },
  );
  const inbox = join(dataDir, 'inbox');
  const held: DemoObservatory['held'] = [];
  for (const feed of readdirSync(simulated, { withFileTypes: true })) {
    if (!feed.isDirectory()) continue;
    const files = readdirSync(join(simulated, feed.name)).sort();
    mkdirSync(join(inbox, feed.name), { recursive: true });
    let keep = files;
    if (feed.name === 'ae' && options.holdBack) {
      const bySite = new Map<string, string[]>();
      for (const file of files)
        bySite.set(file.split('-')[0], [...(bySite.get(file.split('-')[0]) ?? []), file]);
      const heldNames = new Set(
        [...bySite.values()].flatMap((own) => own.slice(-options.holdBack!)),
      );
      keep = files.filter((file) => !heldNames.has(file));
      for (const name of heldNames) {
        held.push({ feed: feed.name, name, bytes: readFileSync(join(simulated, feed.name, name)) });
      }
    }
    writeFileSync(
      join(inbox, feed.name, mergedName(feed.name, keep)),
      merge(
        feed.name,
        keep.map((f) => readFileSync(join(simulated, feed.name, f))),
      ),
    );
  }
  rmSync(simulated, { recursive: true, force: true });
  for (const file of options.published ?? []) {
    writeFileSync(join(inbox, 'ae-monthly', basename(file)), readFileSync(file));
  }
  const config = loadConfig({
    ...process.env,
    OBSERVATORY_DATA: dataDir,
    OBSERVATORY_CONFIG: '',
    PORT: String(options.port ?? 0),
    MLLP_PORT: '0',
    OBSERVATORY_DEMO: '0',
  });
  const observatory = await startObservatory({
    config: { ...config, configFile: undefined, settings: {} },
    log,
    demo: false,
    published: false,
    schedules: false,
    mllp: false,
    staticRoot: join(import.meta.dirname, '..', '..', 'dashboards', 'dist'),
  });
  await observatory.ready;
  return {
    observatory,
    dataDir,
    held,
    async close() {
      await observatory.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function mergedName(feed: string, files: string[]): string {
  const extension = files[0]?.split('.').pop() ?? 'csv';
  return `${feed}-history.${extension}`;
}

/** CSV files keep the first header only; HL7 files are concatenated message streams. */
function merge(feed: string, contents: Buffer[]): Buffer {
  if (feed === 'adt') return Buffer.concat(contents);
  const texts = contents.map((c) => c.toString('utf8'));
  const header = texts[0]?.split('\n', 1)[0] ?? '';
  const bodies = texts.map((text) => {
    const body = text.startsWith(header) ? text.slice(header.length + 1) : text;
    return body.endsWith('\n') || body === '' ? body : `${body}\n`;
  });
  return Buffer.from([header, ...bodies].join(header.endsWith('\n') ? '' : '\n'));
}
