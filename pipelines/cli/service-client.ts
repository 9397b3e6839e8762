import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservatoryConfig } from '../config.js';
import type { FeedName } from '../feeds/feed.js';
import type { FeedStatus, IngestResult } from '../ingest/index.js';

/** The running service's API, as the command-line tools use it. */
export interface ServiceClient {
  baseUrl: string;
  /** true when something answers on HOST:PORT; false when the connection is refused. */
  isUp(): Promise<boolean>;
  ingest(feed: FeedName, fileName: string, bytes: Uint8Array): Promise<IngestResult>;
  feedStatus(): Promise<FeedStatus>;
  /** A JSON request with the command-line token; throws `METHOD path: HTTP status …` unless 2xx. */
  request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** The command-line token, when the service has written it. */
  token(): string | undefined;
}

/** The file the service writes its command-line (admin) token to, under the secrets folder. */
export const cliTokenFile = 'cli.token';

/**
 * A client for the service on config.host:config.port, authenticated with the bearer token the
 * service writes to `<secrets>/cli.token` at start.
 */
export function serviceClient(
  config: Pick<ObservatoryConfig, 'host' | 'port' | 'secretsDir'>,
  fetchImpl: typeof fetch = fetch,
): ServiceClient {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  const file = join(config.secretsDir, cliTokenFile);
  const token = () => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  const headers = (): Record<string, string> => {
    const value = token();
    if (value === undefined)
      throw new Error(
        `the service is running but ${file} is missing; restart the service to write it`,
      );
    return { authorization: `Bearer ${value}` };
  };
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetchImpl(`${baseUrl}${path}`, {
      ...init,
      headers: { ...headers(), ...(init.headers ?? {}) },
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`,
      );
    return JSON.parse(text) as Record<string, unknown>;
  };
  return {
    baseUrl,
    token,
    request: (method, path, body) =>
      call(
        path,
        body === undefined
          ? { method }
          : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      ),
    async isUp() {
      try {
        await fetchImpl(`${baseUrl}/api/feeds?limit=1`, {
          method: 'HEAD',
          signal: AbortSignal.timeout(5_000),
        });
        return true;
      } catch (error) {
        if (isRefused(error)) return false;
        throw new Error(
          `cannot tell whether the service is running on ${baseUrl}: ${String((error as Error).cause ?? error)}`,
          {
            cause: error,
          },
        );
      }
    },
    async ingest(feed, fileName, bytes) {
      const body = await call(
        `/api/ingest/${encodeURIComponent(feed)}?name=${encodeURIComponent(fileName)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Blob([new Uint8Array(bytes)]),
        },
      );
      return body.result as IngestResult;
    },
    async feedStatus() {
      const body = await call('/api/feeds?limit=20');
      return body.status as FeedStatus;
    },
  };
}

function isRefused(error: unknown): boolean {
  const codes: unknown[] = [];
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    codes.push((e as { code?: unknown }).code);
    const nested = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(nested))
      for (const inner of nested) codes.push((inner as { code?: unknown }).code);
  }
  return codes.some((code) => code === 'ECONNREFUSED' || code === 'EADDRNOTAVAIL');
}
