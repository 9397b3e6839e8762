import type { DuckDBConnection } from '@duckdb/node-api';
import { type Principal, type Role, queryTable, rowsOf, sql } from '../../pipelines/read/index.js';
import { hashSecret } from './token-secret.js';
import { createToken } from './token-store.js';

const utc = (date: Date) => date.toISOString().replace('Z', '');
export const signInLinkLabel = 'local sign-in link';

/**
 * A one-click sign-in link: an admin token that can start one browser session, once, within
 * `minutes`, and is never accepted as a bearer token. Earlier links are revoked.
 */
export async function createSignInLink(
  connection: DuckDBConnection,
  now: Date,
  minutes: number,
): Promise<string> {
  await connection.run(
    'UPDATE api_token SET revoked_at = $1::TIMESTAMP WHERE label = $2 AND revoked_at IS NULL',
    [utc(now), signInLinkLabel],
  );
  const link = await createToken(connection, { role: 'admin', label: signInLinkLabel }, now);
  await connection.run('INSERT INTO sign_in_link VALUES ($1, $2::TIMESTAMP, NULL)', [
    link.tokenId,
    utc(new Date(now.getTime() + minutes * 60_000)),
  ]);
  return `/signin?token=${encodeURIComponent(link.token)}`;
}

/**
 * Uses a sign-in link's token: its principal when the link is live, unused and unexpired
 * (it is marked used in the same statement, so two requests cannot both use it), else null.
 */
export async function redeemSignInLink(
  connection: DuckDBConnection,
  secret: string,
  now: Date,
): Promise<Principal | null> {
  const table = await queryTable(
    connection,
    'redeem-sign-in-link',
    sql`UPDATE sign_in_link SET used_at = ${utc(now)}::TIMESTAMP
        WHERE used_at IS NULL AND expires_at > ${utc(now)}::TIMESTAMP
          AND token_id = (SELECT token_id FROM api_token
                          WHERE token_hash = ${hashSecret(secret)} AND revoked_at IS NULL)
        RETURNING token_id`,
  );
  const tokenId = rowsOf(table)[0]?.token_id;
  if (tokenId === undefined) return null;
  const role: Role = 'admin';
  return { tokenId: String(tokenId), role, scope: null, label: signInLinkLabel, via: 'session' };
}
