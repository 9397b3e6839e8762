import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the observatory reads from its environment, resolved once at an entry point. */
export interface ObservatoryConfig {
  /** The DuckDB warehouse file. */
  dbPath: string;
  /** The folder holding inbox/, lake/, reports/ and secrets/. */
  dataDir: string;
  inboxDir: string;
  lakeDir: string;
  reportsDir: string;
  secretsDir: string;
  /** Committed reference tables (CSV). */
  referenceDir: string;
  /**
   * Published real data the project ships (`<feed>/<file>`, e.g. NHS England's monthly A&E
   * files), landed in the inbox on a fresh warehouse.
   */
  publishedDir: string;
  host: string;
  port: number;
  mllpPort: number;
  /** Simulated data on an empty warehouse, and live simulated feeds while running. */
  demo: boolean;
  /** Optional JSON file with further settings (schedules, OPEL, reports, disclosure). */
  configFile: string | undefined;
  /** Parsed contents of configFile, or {}. */
  settings: Record<string, unknown>;
}

const projectRoot = resolve(import.meta.dirname, '..');

/** Reads configuration from the environment (and OBSERVATORY_CONFIG, a JSON file). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ObservatoryConfig {
  const dataDir = resolve(env.OBSERVATORY_DATA ?? join(projectRoot, 'data'));
  const configFile = env.OBSERVATORY_CONFIG ?? defaultConfigFile();
  const settings = configFile ? readSettings(configFile) : {};
  return {
    dbPath: resolve(env.OBSERVATORY_DB ?? join(dataDir, 'observatory.duckdb')),
    dataDir,
    inboxDir: join(dataDir, 'inbox'),
    lakeDir: join(dataDir, 'lake'),
    reportsDir: join(dataDir, 'reports'),
    secretsDir: join(dataDir, 'secrets'),
    referenceDir: join(projectRoot, 'data', 'reference'),
    publishedDir: join(projectRoot, 'data', 'published'),
    host: env.HOST ?? '127.0.0.1',
    port: parsePort(env.PORT, 8787, 'PORT'),
    mllpPort: parsePort(env.MLLP_PORT, 2575, 'MLLP_PORT'),
    demo: env.OBSERVATORY_DEMO !== '0',
    configFile,
    settings,
  };
}

function defaultConfigFile(): string | undefined {
  const local = join(projectRoot, 'observatory.config.json');
  return existsSync(local) ? local : undefined;
}

function readSettings(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the top level must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read configuration file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}
