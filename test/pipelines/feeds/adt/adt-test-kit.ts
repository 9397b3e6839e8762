import type { DuckDBConnection } from '@duckdb/node-api';
import { adtFeed } from '../../../../pipelines/feeds/adt/index.js';
import type { FeedLoadResult, Logger } from '../../../../pipelines/feeds/feed.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

export const testKeyHex = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
export const quietLog: Logger = { info() {}, warn() {}, error() {} };

/** A valid NHS number from the never-issued 999 range, distinct per index. */
export function nhsNumber(index: number): string {
  for (let k = index; ; k += 1) {
    const stem = `999${String(k).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i += 1) sum += Number(stem[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check !== 10) return stem + String(check === 11 ? 0 : check);
  }
}

export interface MessageSpec {
  event: string;
  id: string;
  /** Event time, HL7 form; also MSH-7 unless `sent` is given. */
  at: string;
  sent?: string;
  site?: string;
  visit?: string;
  nhs?: string;
  ward?: string;
  bed?: string;
  prior?: string;
  admit?: string;
  discharge?: string;
  dob?: string;
  sex?: string;
  patientClass?: string;
}

/** One HL7 v2.4 ADT message, segments separated by CR. */
export function adtMessage(spec: MessageSpec): string {
  const site = spec.site ?? 'XT101';
  const pv1 = Array<string>(46).fill('');
  pv1[0] = 'PV1';
  pv1[1] = '1';
  pv1[2] = spec.patientClass ?? 'I';
  pv1[3] = spec.ward === undefined ? '' : `${spec.ward}^^${spec.bed ?? ''}^${site}`;
  pv1[6] = spec.prior === undefined ? '' : `${spec.prior}^^^${site}`;
  pv1[19] = spec.visit ?? 'V1';
  pv1[44] = spec.admit ?? '';
  pv1[45] = spec.discharge ?? '';
  return [
    `MSH|^~\\&|PAS|${site}|OBSERVATORY|ICS|${spec.sent ?? spec.at}||ADT^${spec.event}^ADT_A01|${spec.id}|P|2.4`,
    `EVN|${spec.event}|${spec.sent ?? spec.at}||||${spec.at}`,
    `PID|1||${spec.nhs ?? nhsNumber(1)}^^^NHS^NH~H${spec.id}^^^${site}^MR||DOE^ALEX||${spec.dob ?? '19700615'}|${spec.sex ?? 'F'}`,
    pv1.join('|').replace(/\|+$/, ''),
  ].join('\r');
}

/** An in-memory warehouse with one synthetic trust (XT1), its site XT101 and wards W1–W3. */
export async function openAdtWarehouse(): Promise<Warehouse> {
  const warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(`
    INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, is_synthetic) VALUES
      ('XT1', 'Test Trust', 'trust', 'XQT', 'XT1', true),
      ('XT101', 'Test General', 'site', 'XT1', 'XT1', true),
      ('XT102', 'Test Community', 'site', 'XT1', 'XT1', true);
    INSERT INTO ward (ward_code, site_code, ward_name, bed_type, core_beds) VALUES
      ('W1', 'XT101', 'Ward 1', 'adult_ga', 20),
      ('W2', 'XT101', 'Ward 2', 'adult_ga', 20),
      ('W3', 'XT101', 'Ward 3', 'adult_cc', 8),
      ('C1', 'XT102', 'Community 1', 'adult_ga', 10);`);
  return warehouse;
}

let fileCounter = 0;

/** Loads `text` as one ADT file the way the ingest engine does: ledger row, one transaction. */
export async function loadAdtText(
  connection: DuckDBConnection,
  text: string,
  now = new Date('2025-06-01T12:00:00Z'),
): Promise<FeedLoadResult & { fileId: bigint }> {
  fileCounter += 1;
  const reader = await connection.runAndReadAll(
    `INSERT INTO ingest_file (feed, file_name, sha256, bytes, status, received_at)
     VALUES ('adt', $1, $2, $3, 'loaded', $4::TIMESTAMP) RETURNING file_id`,
    [
      `test-${fileCounter}.hl7`,
      `sha-${fileCounter}-${Math.random()}`,
      text.length,
      now.toISOString(),
    ],
  );
  const fileId = BigInt(reader.getRowsJS()[0]![0] as bigint);
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await adtFeed.load({
      connection,
      fileId,
      fileName: `test-${fileCounter}.hl7`,
      text,
      textPath: '/nonexistent',
      now,
      pseudonymKeyHex: testKeyHex,
      log: quietLog,
    });
    await connection.run('COMMIT');
    return { ...result, fileId };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** Rows of a query as plain objects with dates as ISO strings, for comparisons. */
export async function rows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Array<Record<string, unknown>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRowObjectsJS()
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          value instanceof Date ? value.toISOString() : value,
        ]),
      ),
    );
}
