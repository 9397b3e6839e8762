import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isValidNhsNumber,
  loadPseudonymKey,
  pseudonymise,
  pseudonymParams,
  pseudonymSql,
} from '../../../pipelines/ingest/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';

const key = 'a1'.repeat(32);
let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
});
afterAll(() => warehouse.close());

const nhsCases: Array<[string | null, boolean, string]> = [
  ['9434765919', true, 'valid (check digit 9)'],
  ['4010232137', true, 'valid'],
  ['9434765918', false, 'wrong check digit'],
  ['9434765910', false, 'wrong check digit (0)'],
  ['0000000000', true, 'check 11 maps to 0'],
  ['1000000011', false, 'remainder 1 gives check 10: invalid'],
  ['943476591', false, 'nine digits'],
  ['94347659190', false, 'eleven digits'],
  ['943 476 5919', false, 'spaces'],
  ['943476591a', false, 'a letter'],
  ['', false, 'empty'],
  ['９４３４７６５９１９', false, 'full-width digits'],
  [null, false, 'null'],
];

describe('isValidNhsNumber(s) and the SQL macro nhs_number_valid(s)', () => {
  it.each(nhsCases)('%s → %s (%s)', async (s, expected) => {
    if (s !== null) expect(isValidNhsNumber(s)).toBe(expected);
    const reader = await warehouse.connection.runAndReadAll(
      'SELECT nhs_number_valid($1::VARCHAR) AS ok',
      [s],
    );
    expect(reader.getRowObjectsJS()[0]!.ok).toBe(expected);
  });

  it('agrees with the SQL macro on 2,000 generated ten-digit strings', async () => {
    await warehouse.connection.run(
      "CREATE TEMP TABLE candidates AS SELECT lpad(((i * 7919 + 12345) * 104729 % 10000000000)::VARCHAR, 10, '0') AS s FROM range(2000) t(i)",
    );
    const rows = (
      await warehouse.connection.runAndReadAll(
        'SELECT s, nhs_number_valid(s) AS ok FROM candidates',
      )
    ).getRowObjectsJS();
    expect(rows.filter((row) => row.ok).length).toBeGreaterThan(100);
    for (const row of rows) expect(row.ok).toBe(isValidNhsNumber(String(row.s)));
  });
});

describe('pseudonymise(nhsNumber, keyHex) and pseudonymSql(column)', () => {
  it("is Node's HMAC-SHA256 of the ASCII number, lowercase hex", () => {
    const expected = createHmac('sha256', Buffer.from(key, 'hex'))
      .update('9434765919')
      .digest('hex');
    expect(pseudonymise('9434765919', key)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('computes the identical value inside DuckDB', async () => {
    const numbers = ['9434765919', '4010232137', '0000000000', '1234567881'];
    const reader = await warehouse.connection.runAndReadAll(
      `SELECT n, ${pseudonymSql('n')} AS p FROM unnest($numbers::VARCHAR[]) t(n)`,
      { ...pseudonymParams(key), numbers: `[${numbers.join(',')}]` },
    );
    const rows = reader.getRowObjectsJS();
    expect(rows).toHaveLength(numbers.length);
    for (const row of rows) expect(row.p).toBe(pseudonymise(String(row.n), key));
  });

  it('changes with the key', () => {
    expect(pseudonymise('9434765919', key)).not.toBe(pseudonymise('9434765919', 'b2'.repeat(32)));
  });

  it('refuses a key that is not 64 hex characters', () => {
    expect(() => pseudonymise('9434765919', 'abc')).toThrow(/64 hexadecimal/);
    expect(() => pseudonymParams('zz'.repeat(32))).toThrow(/64 hexadecimal/);
  });
});

describe('loadPseudonymKey(config, env)', () => {
  it('takes OBSERVATORY_PSEUDONYM_KEY when set', () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'key-'));
    expect(loadPseudonymKey({ secretsDir }, { OBSERVATORY_PSEUDONYM_KEY: key.toUpperCase() })).toBe(
      key,
    );
  });

  it('generates a 0600 key file on first start and reads it back after', () => {
    const secretsDir = join(mkdtempSync(join(tmpdir(), 'key-')), 'secrets');
    const first = loadPseudonymKey({ secretsDir }, {});
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(secretsDir, 'pseudonym.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadPseudonymKey({ secretsDir }, {})).toBe(first);
  });

  it('rejects a malformed key with the place it came from', () => {
    expect(() =>
      loadPseudonymKey({ secretsDir: '/nonexistent' }, { OBSERVATORY_PSEUDONYM_KEY: 'short' }),
    ).toThrow(/OBSERVATORY_PSEUDONYM_KEY must be 64 hexadecimal/);
  });
});
