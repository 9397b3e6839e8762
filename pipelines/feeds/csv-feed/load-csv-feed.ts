import type { FeedContext, FeedLoadResult, FeedName } from '../feed.js';
import { checkCsvHeader } from './check-csv-header.js';
import { hmacPads } from '../../nhs-number/index.js';
import { loadSql } from './load-sql.js';
import { mergeVersions, type VersionedFact } from './merge-versions.js';
import { quotedIdentifier, quotedString } from '../../sql/index.js';

/** What a CSV feed brings to the shared loader: its contract, its SQL and its fact table. */
export interface CsvFeedSpec {
  name: FeedName;
  /** The header, in order (the feed's format.ts): the CSV is read with exactly these columns. */
  columns: readonly string[];
  /** rules.sql: `CREATE TEMP TABLE {{checked}} AS SELECT … FROM {{lined}}` with line,
   * reason_code, detail, raw_text and the fact's columns typed as the fact table. */
  rulesSql: URL;
  fact: VersionedFact;
}

const sharedSql = (name: string) => new URL(`./${name}`, import.meta.url);

/** Staged rows from which the reference tables, not the file, are the hash join build side. */
const bigFileRows = 50_000;

/**
 * Loads one decoded CSV file inside the caller's open transaction: header check, DuckDB
 * read_csv with rejects, the feed's rules in SQL, quarantine, then versioned merge into the
 * fact table. Staging tables are temporary and named after the file id, and dropped at the
 * end; the pseudonym pads live only in session variables for the duration of the call.
 */
export async function loadCsvFeed(
  spec: CsvFeedSpec,
  context: FeedContext,
): Promise<FeedLoadResult> {
  checkCsvHeader(context.text, spec.columns);
  const { connection } = context;
  const stem = `${spec.name.replaceAll('-', '_')}_${context.fileId}`;
  const names = {
    raw: `${stem}_raw`,
    rejects: `${stem}_rejects`,
    scan: `${stem}_scan`,
    reject_lines: `${stem}_reject_lines`,
    lined: `${stem}_lined`,
    line_numbers: `${stem}_line_numbers`,
    checked: `${stem}_checked`,
    versions: `${stem}_versions`,
    changes: `${stem}_changes`,
  };
  const pads = hmacPads(context.pseudonymKeyHex);
  const variables: Array<[string, string, string | bigint]> = [
    ['feed_file_id', 'BIGINT', BigInt(context.fileId)],
    ['feed_name', 'VARCHAR', spec.name],
    ['feed_now', 'TIMESTAMP', context.now.toISOString().replace('T', ' ').replace('Z', '')],
    ['feed_path', 'VARCHAR', context.textPath],
    ['feed_rejects', 'VARCHAR', names.rejects],
    ['feed_scan', 'VARCHAR', names.scan],
    ['feed_ipad', 'VARCHAR', pads.ipadHex],
    ['feed_opad', 'VARCHAR', pads.opadHex],
  ];
  // Wall and process CPU seconds per phase (CPU counts every DuckDB thread; on a shared
  // machine it is the steadier figure).
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  const cpuNow = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  };
  let [clock, cpuClock] = [performance.now(), cpuNow()];
  const lap = (phase: string) => {
    const [at, cpuAt] = [performance.now(), cpuNow()];
    seconds[phase] = Math.round(at - clock) / 1000;
    cpuSeconds[phase] = Math.round((cpuAt - cpuClock) * 1000) / 1000;
    [clock, cpuClock] = [at, cpuAt];
  };
  const run = async (file: URL) => {
    for (const statement of loadSql(file, names)) await connection.run(statement);
  };
  try {
    for (const [name, type, value] of variables) {
      await connection.run(`SET VARIABLE ${name} = $1::${type}`, [value]);
    }
    // read_csv takes its columns as a constant struct: {'Column': 'VARCHAR', …}.
    const columns = spec.columns.map((column) => `${quotedString(column)}: 'VARCHAR'`);
    await connection.run(`SET VARIABLE feed_columns = {${columns.join(', ')}}`);
    await run(sharedSql('read-csv.sql'));
    lap('read');
    await run(sharedSql('reject-lines.sql'));
    const sizes = await connection.runAndReadAll(`SELECT
        (SELECT count(*) FROM ${quotedIdentifier(names.raw)}) AS good,
        (SELECT coalesce(min(rowid), 0) FROM ${quotedIdentifier(names.raw)}) AS first_rowid,
        (SELECT count(*) FROM ${quotedIdentifier(names.reject_lines)}) AS rejected,
        (SELECT coalesce(max(line), 0) FROM ${quotedIdentifier(names.reject_lines)}) AS last_reject`);
    const size = sizes.getRowObjectsJS()[0]!;
    const parsed = Number(size.good);
    const malformed = Number(size.rejected);
    const lastLine = Math.max(1 + parsed + malformed, Number(size.last_reject));
    await connection.run('SET VARIABLE feed_last_line = $1::BIGINT', [BigInt(lastLine)]);
    await connection.run('SET VARIABLE feed_first_rowid = $1::BIGINT', [
      BigInt(size.first_rowid as bigint),
    ]);
    await run(sharedSql(malformed === 0 ? 'lined-by-rowid.sql' : 'lined-around-rejects.sql'));
    await run(sharedSql('quarantine-rejects.sql'));
    // Rows in an open transaction's temporary tables have no statistics (estimated 0), so
    // DuckDB 1.5 builds its hash tables on the file's rows instead of the reference tables
    // (org, lsoa, ~33k rows): right for a small file, wrong for a big one, where the written
    // order (file rows probe, reference tables build) is kept. A small file also skips
    // turning IN lists into joins (a pipeline each, measured at half a small file's rules
    // step); for a big file that makes no measurable difference.
    await connection.run(
      `SET disabled_optimizers = '${parsed >= bigFileRows ? 'build_side_probe_side' : 'in_clause'}'`,
    );
    try {
      await run(spec.rulesSql);
    } finally {
      // Refused in an aborted transaction; then the cleanup below retries after nothing.
      await connection.run('RESET disabled_optimizers').catch(() => undefined);
    }
    lap('validate');
    const [quarantineRules] = loadSql(sharedSql('quarantine-rules.sql'), names);
    const failed = await connection.runAndReadAll(quarantineRules!);
    const ruleFailures = Number(failed.getRows()[0]?.[0] ?? 0);
    lap('quarantine');
    const merged = await mergeVersions(connection, spec.fact, names);
    lap('merge');
    const result: FeedLoadResult = {
      rowsIn: parsed + malformed,
      loaded: merged.loaded,
      quarantined: malformed + ruleFailures,
      duplicate: merged.duplicate,
      touched: { siteDays: merged.touched, months: [] },
    };
    context.log.info(`${spec.name}: loaded ${context.fileName}`, {
      fileId: String(context.fileId),
      rowsIn: result.rowsIn,
      loaded: result.loaded,
      quarantined: result.quarantined,
      duplicate: result.duplicate,
      seconds,
      cpuSeconds,
    });
    return result;
  } finally {
    // Best effort: after a failed statement the transaction is aborted and refuses even these;
    // the caller's ROLLBACK then removes the temporary tables created in it.
    const cleanup = [
      `DROP VIEW IF EXISTS ${quotedIdentifier(names.lined)}`,
      ...Object.entries(names)
        .filter(([kind]) => kind !== 'lined')
        .map(([, table]) => `DROP TABLE IF EXISTS ${quotedIdentifier(table)}`),
      'RESET disabled_optimizers',
      ...[
        ...variables.map(([name]) => name),
        'feed_columns',
        'feed_last_line',
        'feed_first_rowid',
      ].map((name) => `RESET VARIABLE ${name}`),
    ];
    // One round trip when the transaction is healthy; statement by statement when it is not.
    await connection.run(cleanup.join(';\n')).catch(async () => {
      for (const statement of cleanup) await connection.run(statement).catch(() => undefined);
    });
  }
}
