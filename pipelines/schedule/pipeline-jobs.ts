import type { FeedName } from '../feeds/feed.js';
import { feedRegistry, type IngestResult } from '../ingest/index.js';
import type { Writer } from '../writer/index.js';
import type { ScheduleConfig } from './schedule-config.js';
import type { Job, JobOutcome } from './start-schedules.js';

export interface PipelineJobDeps {
  /** The writer the inbox passes, the lake export and the rebuild go through. */
  writer: Writer;
  /** Include the full model rebuild ('refresh:indicators'); default false. */
  rebuild?: boolean;
}

const realTimeFeeds: readonly FeedName[] = ['ae', 'adt', 'discharge'];

/**
 * The standard jobs on their configured schedules: 'ingest:inbox' (ae, adt, discharge),
 * 'ingest:sitrep', 'ingest:monthly' (ae-monthly), 'lake:export' (changed partitions of every
 * lake table) and 'refresh:indicators'. Feeds without a loader are left out.
 */
export function pipelineJobs(schedules: ScheduleConfig, deps: PipelineJobDeps): Job[] {
  const { writer } = deps;
  const registry = writer.effects.feeds ?? feedRegistry;
  const loadable = (feeds: readonly FeedName[]) =>
    feeds.filter((feed) => registry[feed] !== undefined);
  const inbox = (name: string, cron: string, feeds: readonly FeedName[]): Job[] =>
    loadable(feeds).length === 0
      ? []
      : [
          {
            name,
            cron,
            run: async () => summarise(await writer.pollInbox({ feeds: loadable(feeds) })),
          },
        ];
  const jobs: Job[] = [
    ...inbox('ingest:inbox', schedules.inbox, realTimeFeeds),
    ...inbox('ingest:sitrep', schedules.sitrep, ['sitrep']),
    ...inbox('ingest:monthly', schedules.monthly, ['ae-monthly']),
    {
      name: 'lake:export',
      cron: schedules.lake,
      run: async () => {
        const results = await writer.exportLake('all');
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
  if (deps.rebuild) {
    jobs.push({
      name: 'refresh:indicators',
      cron: schedules.refresh,
      run: async () => {
        const result = await writer.rebuild();
        return {
          files: 0,
          rowsIn: 0,
          detail: `models rebuilt in ${result.ms} ms; forecasts refreshed`,
        };
      },
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
