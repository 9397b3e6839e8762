import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../config.js';
import type { Logger } from '../feeds/feed.js';
import { refreshIndicators } from '../indicators/refresh-indicators.js';
import { exportLake } from '../warehouse/lake/index.js';
import type { IngestEffects, IngestResult } from './ingest-bytes.js';
import { loadPseudonymKey } from './load-pseudonym-key.js';

/**
 * The engine's effects as the service and the CLI run it: the model refresh for the touched
 * keys inside each file's transaction (afterLoad), then the lake export of the changed
 * partitions after commit (afterCommit, followed by `onLoaded`, e.g. a live event).
 */
export function serviceIngestEffects(
  config: Pick<ObservatoryConfig, 'secretsDir' | 'lakeDir' | 'dataDir' | 'settings'>,
  connection: DuckDBConnection,
  log: Logger,
  options: { now?: () => Date; onLoaded?: (result: IngestResult) => void | Promise<void> } = {},
): IngestEffects {
  const now = options.now ?? (() => new Date());
  return {
    connection,
    now,
    log,
    pseudonymKeyHex: loadPseudonymKey(config),
    tmpDir: join(config.dataDir, 'tmp'),
    afterLoad: async (touched) => {
      await refreshIndicators(connection, touched, { now: now(), log, settings: config.settings });
    },
    afterCommit: async (result, touched) => {
      await exportLake(connection, config.lakeDir, touched, { now: now() });
      await options.onLoaded?.(result);
    },
  };
}
