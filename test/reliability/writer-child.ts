// The command-line ingest the reliability test kills: the real A&E and ADT feeds through the
// real writer, with the models refreshed after each commit and the lake exported after each
// refresh. Usage: writer-child.ts DB INBOX TMP LAKE [PAUSE]
// Loads every file under INBOX/<feed>/ in name order (bytes already in the ledger are skipped),
// then refreshes and waits for the writer to be idle. Prints "ready" once the warehouse is
// open, "committed <file>" after each commit and "done" at the end. PAUSE stops the process
// for good at one point, after printing "paused <PAUSE>", so that a SIGKILL lands there:
//   load:<n>            inside the n-th file's transaction, its rows written, not committed
//   refresh-before:<n>  at the start of the n-th refresh (its keys committed in the queue)
//   refresh-after:<n>   after the n-th refresh committed, before its lake export
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feed, FeedName } from '../../pipelines/feeds/feed.js';
import { feedRegistry } from '../../pipelines/ingest/feeds.js';
import { refreshQueued } from '../../pipelines/refresh/index.js';
import { openWarehouse, seedReference } from '../../pipelines/warehouse/index.js';
import { createWriter } from '../../pipelines/writer/index.js';

const [dbPath, inboxDir, tmpDir, lakeDir, pause = ''] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const referenceDir = new URL('../../data/reference', import.meta.url).pathname;
const feeds: FeedName[] = ['ae', 'adt'];
const [pausePoint, pauseAt] = pause.split(':') as [string, string];
const counts = { load: 0, 'refresh-before': 0, 'refresh-after': 0 };

/** Stops here for good when this is the chosen point (the test kills the process). */
async function point(name: keyof typeof counts): Promise<void> {
  counts[name] += 1;
  if (name !== pausePoint || counts[name] !== Number(pauseAt)) return;
  process.stdout.write(`paused ${pause}\n`);
  await new Promise(() => setInterval(() => {}, 60_000));
}

const pausing = (feed: Feed): Feed => ({
  ...feed,
  load: async (context) => {
    const result = await feed.load(context);
    await point('load');
    return result;
  },
});

const warehouse = await openWarehouse(dbPath);
await seedReference(warehouse.connection, referenceDir);
const now = () => new Date('2025-04-03T00:00:00Z');
const writer = await createWriter({
  warehouse,
  log: {
    info() {},
    warn() {},
    error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f ?? {})}\n`),
  },
  now,
  pseudonymKeyHex: '44'.repeat(32),
  tmpDir,
  lakeDir,
  lakeAfterRefresh: true,
  feeds: { ae: pausing(feedRegistry.ae!), adt: pausing(feedRegistry.adt!) },
  refresh: async (connection, effects) => {
    await point('refresh-before');
    const result = await refreshQueued(connection, effects);
    await point('refresh-after');
    return result;
  },
});
process.stdout.write('ready\n');
for (const feed of feeds) {
  for (const name of readdirSync(join(inboxDir, feed)).sort()) {
    const result = await writer.ingest(feed, name, readFileSync(join(inboxDir, feed, name)));
    if (result.status === 'failed') throw new Error(`${name} failed: ${result.errorDetail}`);
    process.stdout.write(`committed ${name}\n`);
  }
}
await writer.refresh();
await writer.idle();
await writer.close();
await warehouse.connection.run('CHECKPOINT');
warehouse.close();
process.stdout.write('done\n');
