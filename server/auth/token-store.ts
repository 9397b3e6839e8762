import type { DuckDBConnection } from '@duckdb/node-api';
import {
  queryTable,
  rowsOf,
  sql,
  roles,
  type Principal,
  type Role,
} from '../../pipelines/read/index.js';
import { z } from '@hono/zod-openapi';
import { ClientError } from '../validation/client-error.js';
import { checkBody, icsCodes } from '../validation/params.js';
import { hashSecret, newTokenId, newTokenSecret } from './token-secret.js';

export interface TokenRecord {
  token_id: string;
  role: Role;
  ics_scope: string[] | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A new token's fields, as POST /api/tokens and `npm run token -- create` take them. */
export const newTokenSchema = z.object(
  {
    role: z.enum(roles, { error: `one of ${roles.join(', ')}` }),
    ics: icsCodes.optional(),
    label: z
      .string({ error: 'text of at most 200 characters' })
      .max(200, { error: 'text of at most 200 characters' })
      .optional(),
  },
  { error: 'a JSON object such as {"role": "analyst", "ics": ["QOP"], "label": "…"}' },
);

export type NewToken = z.output<typeof newTokenSchema>;

/** Checks a new token's fields; returns the problem in words, or null. */
export function tokenProblem(input: unknown): string | null {
  try {
    checkBody(newTokenSchema, input);
    return null;
  } catch (error) {
    if (error instanceof ClientError) return error.message;
    throw error;
  }
}

/** Creates a token; the secret is returned once and only its hash is stored. */
export async function createToken(
  connection: DuckDBConnection,
  input: NewToken,
  now: Date,
): Promise<{ tokenId: string; token: string }> {
  const problem = tokenProblem(input);
  if (problem) throw new Error(problem);
  const token = newTokenSecret();
  const tokenId = newTokenId();
  const scope = input.ics && input.ics.length > 0 ? input.ics.join(',') : '';
  await connection.run(
    `INSERT INTO api_token (token_id, token_hash, role, ics_scope, label, created_at)
     VALUES ($1, $2, $3, CASE WHEN $4 = '' THEN NULL ELSE string_split($4, ',') END, NULLIF($5, ''), $6::TIMESTAMP)`,
    [
      tokenId,
      hashSecret(token),
      input.role,
      scope,
      input.label ?? '',
      now.toISOString().replace('Z', ''),
    ],
  );
  return { tokenId, token };
}

/** Every token, newest first (never the secret). */
export async function listTokens(connection: DuckDBConnection): Promise<TokenRecord[]> {
  const table = await queryTable(
    connection,
    'list-tokens',
    sql`SELECT token_id, role, array_to_string(ics_scope, ',') AS ics_scope, label,
          strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
          strftime(revoked_at, '%Y-%m-%dT%H:%M:%SZ') AS revoked_at
        FROM api_token ORDER BY created_at DESC, token_id`,
  );
  return rowsOf(table).map((row) => ({
    token_id: String(row.token_id),
    role: row.role as Role,
    ics_scope: row.ics_scope === null ? null : String(row.ics_scope).split(','),
    label: row.label === null ? null : String(row.label),
    created_at: String(row.created_at),
    revoked_at: row.revoked_at === null ? null : String(row.revoked_at),
  }));
}

/** Revokes a token (and so its sessions). Returns false when no live token has that id. */
export async function revokeToken(
  connection: DuckDBConnection,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const table = await queryTable(
    connection,
    'revoke-token',
    sql`UPDATE api_token SET revoked_at = ${now.toISOString().replace('Z', '')}::TIMESTAMP
        WHERE token_id = ${tokenId} AND revoked_at IS NULL RETURNING token_id`,
  );
  return table.rowCount > 0;
}

/** The principal a live token secret stands for, or null (a sign-in link's token is not one). */
export async function findToken(
  connection: DuckDBConnection,
  secret: string,
): Promise<Principal | null> {
  const table = await queryTable(
    connection,
    'find-token',
    sql`SELECT token_id, role, array_to_string(ics_scope, ',') AS ics_scope, label
        FROM api_token WHERE token_hash = ${hashSecret(secret)} AND revoked_at IS NULL
          AND token_id NOT IN (SELECT token_id FROM sign_in_link)`,
  );
  const row = rowsOf(table)[0];
  if (!row) return null;
  return {
    tokenId: String(row.token_id),
    role: row.role as Role,
    scope: row.ics_scope === null ? null : String(row.ics_scope).split(','),
    label: row.label === null ? null : String(row.label),
    via: 'bearer',
  };
}
