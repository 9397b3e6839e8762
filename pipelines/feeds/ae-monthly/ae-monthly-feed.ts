import type { DuckDBConnection } from '@duckdb/node-api';
import { FeedError, type Feed, type FeedContext, type FeedLoadResult } from '../feed.js';
import { detectAeMonthlyFormat } from './detect-format.js';
import { runSqlScript } from './run-sql-script.js';

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/**
 * Reads the file with DuckDB's CSV reader, every field as VARCHAR, into aem_raw(ord,
 * column00…, extra) plus aem_rejects for lines the reader could not split. The column list is
 * built from the header's column count only.
 */
async function readRaw(context: FeedContext, columnCount: number, kept: number): Promise<void> {
  const name = (i: number) => `column${String(i).padStart(2, '0')}`;
  const all = Array.from({ length: columnCount }, (_, i) => name(i));
  const columns = all.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  const extra = all.slice(kept);
  const extraSql = extra.length > 0 ? `concat_ws('', ${extra.join(', ')})` : 'NULL::VARCHAR';
  await context.connection.run('DROP TABLE IF EXISTS aem_rejects; DROP TABLE IF EXISTS aem_scan');
  await context.connection.run(
    `CREATE OR REPLACE TEMP TABLE aem_raw AS
     SELECT row_number() OVER () AS ord, ${all.slice(0, kept).join(', ')}, ${extraSql} AS extra
     FROM read_csv($1, header = false, skip = 1, auto_detect = false, delim = ',', quote = '"',
                   escape = '"', columns = {${columns}}, store_rejects = true,
                   rejects_table = 'aem_rejects', rejects_scan = 'aem_scan')`,
    [context.textPath],
  );
}

async function quarantineRejects(context: FeedContext): Promise<void> {
  // One bad line can give several reject rows: keep one per line.
  await context.connection.run(
    `INSERT INTO aem_status
     SELECT r.line, coalesce(l.raw_text, any_value(r.csv_line)), 'quarantined',
       CASE any_value(r.error_type) WHEN 'TOO MANY COLUMNS' THEN 'too_many_columns'
            WHEN 'MISSING COLUMNS' THEN 'too_few_columns' ELSE 'unreadable_row' END,
       string_agg(DISTINCT r.error_message, '; ')
     FROM aem_rejects r LEFT JOIN aem_lines l ON l.line_number = r.line
     GROUP BY r.line, l.raw_text`,
  );
}

const tempTables = [
  'aem_lines',
  'aem_data_lines',
  'aem_raw',
  'aem_rejects',
  'aem_scan',
  'aem_typed',
  'aem_checked',
  'aem_rows',
  'aem_totals',
  'aem_status',
  'aem_good',
  'aem_match',
];

/**
 * The `ae-monthly` feed: NHS England's MSitAE provider CSV as published, or the NHS-R
 * ae_attendances CSV (see format.ts for the contract and how rows are counted). Runs inside
 * the engine's transaction on `context.connection`.
 */
export const aeMonthlyFeed: Feed = {
  name: 'ae-monthly',
  async load(context: FeedContext): Promise<FeedLoadResult> {
    const headerEnd = context.text.search(/\r?\n|$/);
    const headerLine = context.text.slice(0, headerEnd);
    if (headerLine.trim() === '') {
      throw new FeedError('empty_file', `${context.fileName} has no header line`);
    }
    const layout = detectAeMonthlyFormat(headerLine);
    const { connection } = context;
    try {
      await readRaw(context, layout.columnCount, layout.format === 'msitae' ? 22 : 6);
      await runSqlScript(connection, 'lines.sql', [context.textPath]);
      await runSqlScript(
        connection,
        layout.format === 'msitae' ? 'msitae-rules.sql' : 'nhsr-rules.sql',
      );
      await quarantineRejects(context);
      await runSqlScript(connection, 'apply-rows.sql', [context.fileId, context.now.toISOString()]);

      const [counts] = await rows(
        connection,
        `WITH s AS (SELECT status, count(*) AS n FROM aem_status GROUP BY status),
              m AS (SELECT outcome, sum(len(lines)) AS n FROM aem_match GROUP BY outcome)
         SELECT
           (SELECT coalesce(sum(n), 0) FROM s WHERE status <> 'footer') AS rows_in,
           (SELECT coalesce(sum(n), 0) FROM s WHERE status = 'quarantined') AS quarantined,
           (SELECT coalesce(sum(n), 0) FROM s WHERE status = 'duplicate')
             + (SELECT coalesce(sum(n), 0) FROM m WHERE outcome = 'same') AS duplicate,
           (SELECT coalesce(sum(n), 0) FROM m WHERE outcome <> 'same') AS loaded`,
      );
      const months = await rows(
        connection,
        `SELECT DISTINCT strftime(period_start, '%Y-%m-01') AS month FROM aem_match
         WHERE outcome <> 'same' ORDER BY month`,
      );
      const unknown = await rows(
        connection,
        `SELECT DISTINCT g.org_code FROM aem_good g LEFT JOIN org o ON o.org_code = g.org_code
         WHERE o.org_code IS NULL ORDER BY 1`,
      );
      if (unknown.length > 0) {
        context.log.warn('ae-monthly: organisation codes not in the org reference (loaded)', {
          file: context.fileName,
          count: unknown.length,
          org_codes: unknown.map((u) => String(u.org_code)),
        });
      }
      const footer = await rows(
        connection,
        `SELECT count(*) AS n FROM aem_status WHERE status = 'footer'`,
      );
      if (layout.format === 'msitae' && Number(footer[0]!.n) === 0) {
        context.log.warn('ae-monthly: no totals row that adds up', { file: context.fileName });
      }
      return {
        rowsIn: Number(counts!.rows_in),
        loaded: Number(counts!.loaded),
        quarantined: Number(counts!.quarantined),
        duplicate: Number(counts!.duplicate),
        touched: { siteDays: [], months: months.map((m) => String(m.month)) },
      };
    } finally {
      try {
        for (const table of tempTables) await connection.run(`DROP TABLE IF EXISTS ${table}`);
      } catch {
        // After a failed statement DuckDB refuses everything until the engine rolls back,
        // which discards these temporary tables too.
      }
    }
  },
};
