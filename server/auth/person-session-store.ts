import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal, Role } from '../../pipelines/read/index.js';
import { hashSecret } from './token-secret.js';

const utc = (date: Date) => date.toISOString().replace('Z', '');
/** Activity is written at most this often (the idle limit is kept to within it). */
const touchEveryMs = 60_000;

/** Person session secrets start with this, so a cookie says which kind of session it is. */
export const personSessionPrefix = 'p_';

export interface NewPersonSession {
  provider: string;
  subject: string;
  displayName: string | null;
  role: Role;
  scope: string[] | null;
  idToken: string | undefined;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** The id a person acts under in logs, rate limits and the audit log. */
export function personId(provider: string, subject: string): string {
  return `${provider}:${subject}`.slice(0, 200);
}

/** Starts a person's session; returns the cookie secret (only its sha256 is stored). */
export async function startPersonSession(
  connection: DuckDBConnection,
  session: NewPersonSession,
  now: Date,
  limits: SessionLimits,
): Promise<string> {
  const secret = personSessionPrefix + randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + limits.absoluteHours * 3_600_000);
  await connection.run(
    `INSERT INTO person_session (session_hash, provider, subject, display_name, role, ics_scope,
       id_token, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, NULLIF($4, ''), $5,
       CASE WHEN $6 = '*' THEN NULL ELSE string_split($6, ',') END,
       NULLIF($7, ''), $8::TIMESTAMP, $8::TIMESTAMP, $9::TIMESTAMP)`,
    [
      hashSecret(secret),
      session.provider,
      session.subject,
      session.displayName ?? '',
      session.role,
      session.scope === null ? '*' : session.scope.join(','),
      session.idToken ?? '',
      utc(now),
      utc(expires),
    ],
  );
  return secret;
}

/**
 * The principal of a live person session, or null. A session is live until sign-out, its
 * absolute limit, or `idleMinutes` without a request; a request records activity (at most
 * once a minute). `expiresAt` tells a cache when to stop trusting the answer.
 */
export async function findPersonSession(
  connection: DuckDBConnection,
  secret: string,
  now: Date,
  limits: SessionLimits,
): Promise<Principal | null> {
  const hash = hashSecret(secret);
  const idleMs = limits.idleMinutes * 60_000;
  const reader = await connection.runAndReadAll(
    `SELECT provider, subject, display_name, role, array_to_string(ics_scope, ',') AS ics_scope,
            ics_scope IS NULL AS unscoped, epoch_ms(last_seen_at) AS seen, epoch_ms(expires_at) AS expires
       FROM person_session
      WHERE session_hash = $1 AND ended_at IS NULL AND expires_at > $2::TIMESTAMP
        AND last_seen_at > $3::TIMESTAMP`,
    [hash, utc(now), utc(new Date(now.getTime() - idleMs))],
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return null;
  let seen = Number(row.seen);
  if (now.getTime() - seen >= touchEveryMs) {
    await connection.run(
      'UPDATE person_session SET last_seen_at = $1::TIMESTAMP WHERE session_hash = $2',
      [utc(now), hash],
    );
    seen = now.getTime();
  }
  const provider = String(row.provider);
  const subject = String(row.subject);
  const name = row.display_name === null ? null : String(row.display_name);
  return {
    tokenId: personId(provider, subject),
    role: row.role as Role,
    scope: row.unscoped ? null : String(row.ics_scope).split(',').filter(Boolean),
    label: name,
    via: 'session',
    person: { provider, subject, name },
    expiresAt: new Date(Math.min(Number(row.expires), seen + idleMs)),
  };
}

/** Ends a person's session; returns what the provider's sign-out needs, or null. */
export async function endPersonSession(
  connection: DuckDBConnection,
  secret: string,
  now: Date,
): Promise<{ provider: string; idToken: string | null } | null> {
  const reader = await connection.runAndReadAll(
    `UPDATE person_session SET ended_at = $1::TIMESTAMP
      WHERE session_hash = $2 AND ended_at IS NULL RETURNING provider, id_token`,
    [utc(now), hashSecret(secret)],
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return null;
  return {
    provider: String(row.provider),
    idToken: row.id_token === null ? null : String(row.id_token),
  };
}
