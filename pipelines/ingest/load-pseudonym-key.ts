import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservatoryConfig } from '../config.js';

/**
 * The pseudonym key as 64 hex characters: OBSERVATORY_PSEUDONYM_KEY when set, otherwise
 * `<secrets>/pseudonym.key`, generated (32 random bytes, mode 0600) on first start.
 * Changing the key breaks the linkage of new records to stored ones.
 */
export function loadPseudonymKey(
  config: Pick<ObservatoryConfig, 'secretsDir'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const fromEnv = env.OBSERVATORY_PSEUDONYM_KEY;
  if (fromEnv !== undefined && fromEnv !== '')
    return checked(fromEnv.trim(), 'OBSERVATORY_PSEUDONYM_KEY');
  const file = join(config.secretsDir, 'pseudonym.key');
  if (existsSync(file)) return checked(readFileSync(file, 'utf8').trim(), file);
  mkdirSync(config.secretsDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return key;
}

function checked(keyHex: string, source: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) {
    throw new Error(`the pseudonym key in ${source} must be 64 hexadecimal characters (32 bytes)`);
  }
  return keyHex.toLowerCase();
}
