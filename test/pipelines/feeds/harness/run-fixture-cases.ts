import { describe, expect, it } from 'vitest';
import type { Feed } from '../../../../pipelines/feeds/feed.js';
import {
  fixtureCases,
  fixtureText,
  hasFixture,
  insertDelayReasons,
  loadText,
  openTestWarehouse,
  rows,
  type ExpectedCase,
} from './feed-harness.js';

/**
 * One test per dirty-case folder of `test/fixtures/feeds/<feed>/`: load before.csv (if any)
 * then input.csv into a fresh warehouse, and compare counts, reasons, lines and versions with
 * expected.json.
 */
export function runFixtureCases(feed: Feed, table: string, key: string): void {
  const root = new URL(`../../../fixtures/feeds/${feed.name}/`, import.meta.url);
  describe(`${feed.name} dirty cases (test/fixtures/feeds/${feed.name})`, () => {
    for (const { name, dir } of fixtureCases(root)) {
      it(`loads ${name} as expected.json says`, async () => {
        const expected = JSON.parse(fixtureText(dir, 'expected.json')) as ExpectedCase;
        const warehouse = await openTestWarehouse();
        try {
          await insertDelayReasons(warehouse);
          if (hasFixture(dir, 'before.csv'))
            await loadText(warehouse, feed, fixtureText(dir, 'before.csv'));
          const result = await loadText(warehouse, feed, fixtureText(dir, 'input.csv'));
          expect({
            rowsIn: result.rowsIn,
            loaded: result.loaded,
            quarantined: result.quarantined,
            duplicate: result.duplicate,
          }).toEqual({
            rowsIn: expected.rowsIn,
            loaded: expected.loaded,
            quarantined: expected.quarantined,
            duplicate: expected.duplicate,
          });
          expect(result.rowsIn).toBe(result.loaded + result.quarantined + result.duplicate);
          const reasons = await rows(
            warehouse,
            `SELECT reason_code, count(*)::INTEGER AS n, list(line_number ORDER BY line_number) AS lines
             FROM quarantine WHERE file_id = ${result.fileId} GROUP BY reason_code`,
          );
          expect(Object.fromEntries(reasons.map((r) => [r.reason_code, r.n]))).toEqual(
            expected.reasons,
          );
          for (const [reason, lines] of Object.entries(expected.lines ?? {})) {
            expect(reasons.find((r) => r.reason_code === reason)?.lines).toEqual(lines.map(String));
          }
          if (expected.versions) {
            const versions = await rows(
              warehouse,
              `SELECT ${key} AS k, record_version FROM ${table}`,
            );
            expect(Object.fromEntries(versions.map((r) => [r.k, r.record_version]))).toEqual(
              expected.versions,
            );
          }
          if (expected.history !== undefined) {
            const [history] = await rows(
              warehouse,
              `SELECT count(*)::INTEGER AS n FROM ${table}_history WHERE superseded_by_file_id = ${result.fileId}`,
            );
            expect(history!.n).toBe(expected.history);
          }
        } finally {
          warehouse.close();
        }
      });
    }
  });
}
