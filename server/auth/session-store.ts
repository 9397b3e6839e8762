import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryTable, rowsOf, sql, type Principal, type Role } from '../../pipelines/read/index.js';
import { hashSecret } from './token-secret.js';

const utc = (date: Date) => date.toISOString().replace('Z', '');

/**
 * Starts a browser session for a token: the cookie gets a random secret, the warehouse its
 * sha256. The session acts with the token's role and scope and ends when the token is revoked.
 */
export async function startSession(
  connection: DuckDBConnection,
  tokenId: string,
  now: Date,
  lifetimeSeconds: number,
): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + lifetimeSeconds * 1000);
  await connection.run(
    'INSERT INTO api_session VALUES ($1, $2, $3::TIMESTAMP, $4::TIMESTAMP, NULL)',
    [hashSecret(secret), tokenId, utc(now), utc(expires)],
  );
  return secret;
}

export async function endSession(
  connection: DuckDBConnection,
  secret: string,
  now: Date,
): Promise<void> {
  await connection.run('UPDATE api_session SET ended_at = $1::TIMESTAMP WHERE session_hash = $2', [
    utc(now),
    hashSecret(secret),
  ]);
}

/** The principal of a live session secret, or null. */
export async function findSession(
  connection: DuckDBConnection,
  secret: string,
  now: Date,
): Promise<Principal | null> {
  const table = await queryTable(
    connection,
    'find-session',
    sql`SELECT t.token_id, t.role, array_to_string(t.ics_scope, ',') AS ics_scope, t.label
        FROM api_session s JOIN api_token t USING (token_id)
        WHERE s.session_hash = ${hashSecret(secret)} AND s.ended_at IS NULL
          AND s.expires_at > ${utc(now)}::TIMESTAMP AND t.revoked_at IS NULL`,
  );
  const row = rowsOf(table)[0];
  if (!row) return null;
  return {
    tokenId: String(row.token_id),
    role: row.role as Role,
    scope: row.ics_scope === null ? null : String(row.ics_scope).split(','),
    label: row.label === null ? null : String(row.label),
    via: 'session',
  };
}
