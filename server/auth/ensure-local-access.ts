import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryTable } from '../query/result-table.js';
import { sql } from '../query/sql.js';
import { hashSecret } from './token-secret.js';
import { createToken } from './token-store.js';

export const cliTokenFile = 'cli.token';
const signInLabel = 'local sign-in link';

/**
 * Makes the service reachable by the local user and no one else: an admin token for the
 * command-line tools, created once and kept in `<secretsDir>/cli.token` (mode 0600), and a
 * fresh admin token for the one-click sign-in link printed at start (earlier links are revoked).
 */
export async function ensureLocalAccess(
  connection: DuckDBConnection,
  secretsDir: string,
  now: Date = new Date(),
): Promise<{ cliToken: string; signInUrlPath: string }> {
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
  await connection.run(
    'UPDATE api_token SET revoked_at = $1::TIMESTAMP WHERE label = $2 AND revoked_at IS NULL',
    [now.toISOString().replace('Z', ''), signInLabel],
  );
  const link = await createToken(connection, { role: 'admin', label: signInLabel }, now);
  return { cliToken, signInUrlPath: `/signin?token=${encodeURIComponent(link.token)}` };
}

async function isLive(connection: DuckDBConnection, secret: string): Promise<boolean> {
  const table = await queryTable(
    connection,
    'cli-token-live',
    sql`SELECT 1 FROM api_token WHERE token_hash = ${hashSecret(secret)} AND revoked_at IS NULL`,
  );
  return table.rowCount > 0;
}
