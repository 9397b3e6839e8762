import { createHash, randomBytes } from 'node:crypto';

/** A new bearer secret: `ifo_` + 32 random bytes, base64url. */
export function newTokenSecret(): string {
  return 'ifo_' + randomBytes(32).toString('base64url');
}

/** The short public id shown by `token list`. */
export function newTokenId(): string {
  return 'tok_' + randomBytes(5).toString('hex');
}

/** sha256 hex of a secret: the only form a token or session is stored in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
