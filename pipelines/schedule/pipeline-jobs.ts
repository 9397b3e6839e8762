import type { FeedName } from '../feeds/feed.js';
import {
  feedRegistry,
  ingestInbox,
  serialised,
  type IngestEffects,
  type IngestResult,
} from '../ingest/index.js';
import { exportLake } from '../warehouse/lake/index.js';
import type { ScheduleConfig } from './schedule-config.js';
import type { Job, JobOutcome } from './start-schedules.js';

export interface PipelineJobDeps {
  inboxDir: string;
  lakeDir: string;
  ingest: IngestEffects;
  /** The full model refresh (pipelines/indicators); the refresh job is left out without it. */
  refresh?: () => Promise<string>;
}

const realTimeFeeds: readonly FeedName[] = ['ae', 'adt', 'discharge'];

/**
 * The standard jobs on their configured schedules: 'ingest:inbox' (ae, adt, discharge),
 * 'ingest:sitrep', 'ingest:monthly' (ae-monthly), 'lake:export' (changed partitions of every
 * lake table) and 'refresh:indicators'. Feeds without a loader are left out.
 */
export function pipelineJobs(schedules: ScheduleConfig, deps: PipelineJobDeps): Job[] {
  const registry = deps.ingest.feeds ?? feedRegistry;
  const loadable = (feeds: readonly FeedName[]) =>
    feeds.filter((feed) => registry[feed] !== undefined);
  const inbox = (name: string, cron: string, feeds: readonly FeedName[]): Job[] =>
    loadable(feeds).length === 0
      ? []
      : [
          {
            name,
            cron,
            run: async () =>
              summarise(await ingestInbox(deps.inboxDir, deps.ingest, { feeds: loadable(feeds) })),
          },
        ];
  const { connection } = deps.ingest;
  const jobs: Job[] = [
    ...inbox('ingest:inbox', schedules.inbox, realTimeFeeds),
    ...inbox('ingest:sitrep', schedules.sitrep, ['sitrep']),
    ...inbox('ingest:monthly', schedules.monthly, ['ae-monthly']),
    {
      name: 'lake:export',
      cron: schedules.lake,
      run: async () => {
        const results = await serialised(connection, () =>
          exportLake(connection, deps.lakeDir, 'all', { now: deps.ingest.now() }),
        );
        const written = results.reduce((n, r) => n + r.written, 0);
        const removed = results.reduce((n, r) => n + r.removed, 0);
        return {
          files: written + removed,
          rowsIn: 0,
          detail: `${written} partitions written, ${removed} removed`,
        };
      },
    },
  ];
  const refresh = deps.refresh;
  if (refresh) {
    jobs.push({
      name: 'refresh:indicators',
      cron: schedules.refresh,
      run: async () => ({ files: 0, rowsIn: 0, detail: await serialised(connection, refresh) }),
    });
  }
  return jobs;
}

/** The run-log outcome of an inbox pass. */
export function summarise(results: readonly IngestResult[]): JobOutcome {
  const count = (status: IngestResult['status']) =>
    results.filter((r) => r.status === status).length;
  const loaded = results.filter((r) => r.status === 'loaded');
  return {
    files: loaded.length + count('failed'),
    rowsIn: loaded.reduce((n, r) => n + r.rowsIn, 0),
    detail: `${loaded.length} loaded, ${count('failed')} failed, ${count('skipped_duplicate_file')} already loaded`,
  };
}
