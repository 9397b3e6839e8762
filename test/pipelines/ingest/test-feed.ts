import {
  FeedError,
  type Feed,
  type FeedContext,
  type FeedLoadResult,
} from '../../../pipelines/feeds/feed.js';
import { pseudonymParams, pseudonymSql } from '../../../pipelines/ingest/index.js';

/**
 * A small feed for engine tests (header `id,value,nhs`), shaped like the real ones: DuckDB
 * read_csv into staging, SQL rules, quarantine with reason codes, pseudonymised NHS numbers,
 * corrections replace by natural key (`id`). Writes to test_fact (created by createTestFact).
 */
export function testFeed(name: Feed['name'] = 'ae'): Feed {
  return { name, load: (context) => loadTestFile(name, context) };
}

export const testFactSql = `CREATE TABLE IF NOT EXISTS test_fact (
  id BIGINT PRIMARY KEY, value INTEGER NOT NULL, patient_id VARCHAR, source_file_id BIGINT NOT NULL)`;

async function loadTestFile(feed: Feed['name'], context: FeedContext): Promise<FeedLoadResult> {
  const { connection } = context;
  const header = context.text.split(/\r?\n/, 1)[0]!.trim();
  if (header !== 'id,value,nhs') {
    throw new FeedError(
      'unreadable_header',
      `expected the header id,value,nhs, got ${JSON.stringify(header.slice(0, 80))}`,
    );
  }
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE test_staging AS
       SELECT row_number() OVER () + 1 AS line, id, value, nhs
         FROM read_csv($1, header = true, all_varchar = true, null_padding = true,
                       columns = {'id': 'VARCHAR', 'value': 'VARCHAR', 'nhs': 'VARCHAR'})`,
    [context.textPath],
  );
  await connection.run(
    `INSERT INTO quarantine (file_id, feed, line_number, reason_code, detail, raw_text)
     SELECT $1, $2, line,
            CASE WHEN try_cast(id AS BIGINT) IS NULL THEN 'bad_id'
                 WHEN try_cast(value AS INTEGER) IS NULL THEN 'bad_value'
                 ELSE 'nhs_number_checksum' END,
            NULL, concat_ws(',', id, value, 'nhs-masked')
       FROM test_staging
      WHERE try_cast(id AS BIGINT) IS NULL OR try_cast(value AS INTEGER) IS NULL OR NOT nhs_number_valid(nhs)`,
    [context.fileId, feed],
  );
  const params = pseudonymParams(context.pseudonymKeyHex);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE test_good AS
       SELECT id::BIGINT AS id, value::INTEGER AS value, ${pseudonymSql('nhs')} AS patient_id, line
         FROM test_staging
        WHERE try_cast(id AS BIGINT) IS NOT NULL AND try_cast(value AS INTEGER) IS NOT NULL AND nhs_number_valid(nhs)
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY line DESC) = 1`,
    params,
  );
  const count = async (sql: string, values: bigint[] = []) =>
    Number((await connection.runAndReadAll(sql, values)).getRowObjectsJS()[0]!.n);
  const rowsIn = await count('SELECT count(*) AS n FROM test_staging');
  const quarantined = await count('SELECT count(*) AS n FROM quarantine WHERE file_id = $1', [
    context.fileId,
  ]);
  const good = await count('SELECT count(*) AS n FROM test_good');
  const unchanged = await count(
    'SELECT count(*) AS n FROM test_good g JOIN test_fact f USING (id) WHERE f.value = g.value AND f.patient_id = g.patient_id',
  );
  await connection.run(
    `INSERT OR REPLACE INTO test_fact
       SELECT g.id, g.value, g.patient_id, $1 FROM test_good g
        WHERE NOT EXISTS (SELECT 1 FROM test_fact f WHERE f.id = g.id AND f.value = g.value AND f.patient_id = g.patient_id)`,
    [context.fileId],
  );
  const loaded = good - unchanged;
  return {
    rowsIn,
    loaded,
    quarantined,
    duplicate: rowsIn - quarantined - loaded,
    touched: { siteDays: [], months: [] },
  };
}
