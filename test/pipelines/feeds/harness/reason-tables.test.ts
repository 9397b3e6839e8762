import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adtReasons } from '../../../../pipelines/feeds/adt/reasons.js';
import { aeMonthlyReasons } from '../../../../pipelines/feeds/ae-monthly/reasons.js';
import { aeReasons } from '../../../../pipelines/feeds/ae/reasons.js';
import { dischargeReasons } from '../../../../pipelines/feeds/discharge/reasons.js';
import { sitrepReasons } from '../../../../pipelines/feeds/sitrep/reasons.js';

const feeds = join(import.meta.dirname, '..', '..', '..', '..', 'pipelines', 'feeds');

const tables: Record<string, Record<string, unknown>> = {
  ae: aeReasons,
  'ae-monthly': aeMonthlyReasons,
  discharge: dischargeReasons,
  sitrep: sitrepReasons,
  adt: adtReasons,
};

/**
 * The feed's own SQL and TypeScript (its reason table left out), and those of every folder of
 * pipelines/ its TypeScript imports from (the feeds' common SQL, the NHS-number checks).
 */
function sources(feed: string, extension: '.sql' | '.ts'): string {
  const folder = join(feeds, feed);
  const own = readdirSync(folder).map((f) => join(folder, f));
  const imported = new Set<string>();
  for (const file of own.filter((f) => f.endsWith('.ts')))
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g))
      imported.add(dirname(resolve(folder, specifier!)));
  imported.delete(folder);
  imported.delete(feeds);
  const files = [
    ...own,
    ...[...imported].flatMap((dir) => readdirSync(dir).map((f) => join(dir, f))),
  ];
  return files
    .filter((f) => f.endsWith(extension) && !f.endsWith('reasons.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

/** Reason codes the feed's rules SQL gives a failing row: {'code': 'x', 'detail': …}. */
function sqlReasonCodes(feed: string): string[] {
  const sql = sources(feed, '.sql');
  const structured = [...sql.matchAll(/'code':\s*'([a-z0-9_]+)'/g)].map((m) => m[1]!);
  // ae-monthly's rules pick the reason in a CASE; its other CASEs give a row's status
  const statuses = new Set(['duplicate', 'footer', 'new', 'quarantined', 'same']);
  const picked =
    feed === 'ae-monthly'
      ? [...sql.matchAll(/THEN '([a-z0-9_]+)'/g)].map((m) => m[1]!).filter((c) => !statuses.has(c))
      : [];
  return [...new Set([...structured, ...picked])].sort();
}

describe('the quarantine reason tables (reasons.ts) against the code that gives the reasons', () => {
  it.each(['ae', 'discharge', 'sitrep', 'ae-monthly'])(
    '%s: every reason code its SQL gives has a text',
    (feed) => {
      const codes = sqlReasonCodes(feed);
      expect(codes.length, `${feed} rules SQL gives no reason code`).toBeGreaterThan(
        feed === 'ae-monthly' ? 2 : 5,
      );
      expect(codes.filter((code) => !(code in tables[feed]!))).toEqual([]);
    },
  );

  it.each(Object.keys(tables))('%s: every reason in the table is given somewhere', (feed) => {
    const code = `${sources(feed, '.sql')}\n${sources(feed, '.ts')}`;
    const never = Object.keys(tables[feed]!).filter(
      (reason) => !new RegExp(`['"\`]${reason}['"\`]`).test(code),
    );
    expect(never).toEqual([]);
  });

  it('gives every reason a sentence of text', () => {
    for (const [feed, table] of Object.entries(tables))
      for (const [reason, entry] of Object.entries(table)) {
        const text = typeof entry === 'string' ? entry : (entry as { text: string }).text;
        expect(text, `${feed} ${reason}`).toMatch(/^\S.{10,}$/);
      }
  });
});
