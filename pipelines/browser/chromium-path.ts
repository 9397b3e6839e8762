import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The Chromium that renders reports, drives the browser tests and the dashboard bench:
 * `CHROMIUM_PATH` when set, otherwise Debian's `chromium` (or `chromium-browser`) on the PATH.
 * Throws a one-line error when there is none.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`no Chromium at CHROMIUM_PATH=${configured}: install it or correct the path`);
    return configured;
  }
  try {
    return execFileSync('/bin/sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
      env,
    }).trim();
  } catch {
    throw new Error(
      'no Chromium on the PATH: install it (apt-get install chromium) or set CHROMIUM_PATH',
    );
  }
}
