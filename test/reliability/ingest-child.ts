// The ingest process the reliability test kills: opens the warehouse file, says "ready",
// claims the inbox with the engine and says "done". Usage: ingest-child.ts DB INBOX TMP
import { ingestInbox } from '../../pipelines/ingest/index.js';
import { openWarehouse } from '../../pipelines/warehouse/open-warehouse.js';
import { testFactSql, testFeed } from '../pipelines/ingest/test-feed.js';

const [dbPath, inboxDir, tmpDir] = process.argv.slice(2) as [string, string, string];
const warehouse = await openWarehouse(dbPath);
await warehouse.connection.run(testFactSql);
process.stdout.write('ready\n');
const results = await ingestInbox(inboxDir, {
  connection: warehouse.connection,
  now: () => new Date('2025-06-01T12:00:00Z'),
  log: {
    info() {},
    warn() {},
    error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f ?? {})}\n`),
  },
  pseudonymKeyHex: '44'.repeat(32),
  tmpDir,
  feeds: { ae: testFeed('ae'), sitrep: testFeed('sitrep') },
});
warehouse.close();
process.stdout.write(`done ${results.length}\n`);
