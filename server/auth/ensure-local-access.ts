import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryTable, sql } from '../../pipelines/read/index.js';
import { hashSecret } from './token-secret.js';
import { createSignInLink, signInLinkLabel } from './sign-in-link.js';
import { cliTokenFile } from '../../pipelines/cli/index.js';
import { createToken } from './token-store.js';

/**
 * Makes the service reachable by the local user and no one else: an admin token for the
 * command-line tools, created once and kept in `<secretsDir>/cli.token` (mode 0600), and a
 * one-click sign-in link printed at start: single use, expiring after `linkMinutes` (default
 * 10), never a bearer token (earlier links are revoked).
 * With `signInLink: false` (people sign in through a provider) earlier links are revoked and
 * no new one is made.
 */
export async function ensureLocalAccess(
  connection: DuckDBConnection,
  secretsDir: string,
  now: Date = new Date(),
  options: { signInLink: boolean; linkMinutes?: number } = { signInLink: true },
): Promise<{ cliToken: string; signInUrlPath: string | null }> {
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  const file = join(secretsDir, cliTokenFile);
  let cliToken = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (!cliToken || !(await isLive(connection, cliToken))) {
    cliToken = (
      await createToken(connection, { role: 'admin', label: 'local command-line tools' }, now)
    ).token;
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, cliToken + '\n', { mode: 0o600 });
    renameSync(temp, file);
  }
  chmodSync(file, 0o600);
  if (!options.signInLink) {
    await connection.run(
      'UPDATE api_token SET revoked_at = $1::TIMESTAMP WHERE label = $2 AND revoked_at IS NULL',
      [now.toISOString().replace('Z', ''), signInLinkLabel],
    );
    return { cliToken, signInUrlPath: null };
  }
  const signInUrlPath = await createSignInLink(connection, now, options.linkMinutes ?? 10);
  return { cliToken, signInUrlPath };
}

async function isLive(connection: DuckDBConnection, secret: string): Promise<boolean> {
  const table = await queryTable(
    connection,
    'cli-token-live',
    sql`SELECT 1 FROM api_token WHERE token_hash = ${hashSecret(secret)} AND revoked_at IS NULL`,
  );
  return table.rowCount > 0;
}
