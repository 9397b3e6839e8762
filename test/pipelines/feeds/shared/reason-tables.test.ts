import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Folders outside the feed whose code can give a feed's reasons, by how a feed imports them. */
const sharedFolders: Array<{ importedAs: string; dir: string }> = [
  { importedAs: "from '../shared/", dir: join(feeds, 'shared') },
  { importedAs: "from '../../nhs-number/", dir: join(feeds, '..', 'nhs-number') },
];

/** The feed's own SQL and TypeScript (its reason table left out), and the shared code's it uses. */
function sources(feed: string, extension: '.sql' | '.ts'): string {
  const own = readdirSync(join(feeds, feed)).map((f) => join(feeds, feed, f));
  const ownTs = own.filter((f) => f.endsWith('.ts')).map((f) => readFileSync(f, 'utf8'));
  const files = [...own];
  for (const { importedAs, dir } of sharedFolders)
    if (ownTs.some((text) => text.includes(importedAs)))
      files.push(...readdirSync(dir).map((f) => join(dir, f)));
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
