import { loadConfig, type ObservatoryConfig } from '../../pipelines/config.js';
import { openWarehouse } from '../../pipelines/warehouse/index.js';
import { serviceClient } from '../../pipelines/cli/index.js';
import { isRole } from '../../pipelines/read/index.js';
import {
  createToken,
  listTokens,
  revokeToken,
  tokenProblem,
  type TokenRecord,
} from '../auth/token-store.js';

const usage = `usage:
  npm run -s token -- create --role ROLE [--ics CODE ...] [--label TEXT]   prints the new token alone
  npm run -s token -- list
  npm run -s token -- revoke TOKEN_ID
roles: admin, operations, analyst, regional, public; --ics limits the token to those ICSs`;

export interface TokenCliEffects {
  config: ObservatoryConfig;
  fetch: typeof fetch;
  out: (line: string) => void;
  err: (line: string) => void;
  now: () => Date;
}

type Command =
  | { kind: 'create'; role: string; ics: string[]; label?: string }
  | { kind: 'list' }
  | { kind: 'revoke'; tokenId: string };

function parse(argv: string[]): Command | string {
  const [verb, ...rest] = argv;
  if (verb === 'list' && rest.length === 0) return { kind: 'list' };
  if (verb === 'revoke' && rest.length === 1) return { kind: 'revoke', tokenId: rest[0]! };
  if (verb !== 'create') return usage;
  let role: string | undefined;
  let label: string | undefined;
  const ics: string[] = [];
  let icsGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--role') role = rest[++i];
    else if (arg === '--label') label = rest[++i];
    else if (arg === '--ics') {
      icsGiven = true;
      while (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) ics.push(rest[++i]!);
    } else return `unknown argument ${JSON.stringify(arg)}\n${usage}`;
  }
  if (!role || !isRole(role))
    return `--role must be one of admin, operations, analyst, regional, public\n${usage}`;
  // An empty list must not fall through to a token for every ICS.
  const problem = tokenProblem({ role, ics: icsGiven ? ics : undefined, label });
  return problem ?? { kind: 'create', role, ics, label };
}

function table(tokens: TokenRecord[]): string[] {
  return tokens.map((t) =>
    [
      t.token_id,
      t.role.padEnd(10),
      (t.ics_scope?.join(',') ?? 'all').padEnd(12),
      t.created_at,
      t.revoked_at ? `revoked ${t.revoked_at}` : 'live',
      t.label ?? '',
    ].join('  '),
  );
}

/** Whether the service answers on its address, and the admin token the CLI uses with it. */
async function serviceToken(effects: TokenCliEffects): Promise<string | null> {
  const client = serviceClient(effects.config, effects.fetch);
  const token = client.token();
  if (token === undefined) return null;
  try {
    const response = await effects.fetch(`${client.baseUrl}/api/ready`, {
      signal: AbortSignal.timeout(1500),
    });
    if (!response.ok) return null;
  } catch {
    return null;
  }
  return token;
}

/** Runs the token command; returns the exit code. Through the API when the service is up, else on the file. */
export async function runTokenCli(argv: string[], effects: TokenCliEffects): Promise<number> {
  const command = parse(argv);
  if (typeof command === 'string') {
    effects.err(command);
    return 2;
  }
  const token = await serviceToken(effects);
  if (token) {
    const base = `${serviceClient(effects.config).baseUrl}/api/tokens`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const response =
      command.kind === 'create'
        ? await effects.fetch(base, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              role: command.role,
              ics: command.ics.length ? command.ics : undefined,
              label: command.label,
            }),
          })
        : command.kind === 'list'
          ? await effects.fetch(base, { headers })
          : await effects.fetch(`${base}/${encodeURIComponent(command.tokenId)}`, {
              method: 'DELETE',
              headers,
            });
    const body = (await response.json()) as {
      error?: string;
      token?: string;
      tokens?: TokenRecord[];
    };
    if (!response.ok) {
      effects.err(`the service refused: ${body.error ?? response.status}`);
      return 1;
    }
    if (command.kind === 'create') effects.out(body.token!);
    else if (command.kind === 'list') table(body.tokens ?? []).forEach(effects.out);
    else effects.err(`revoked ${command.tokenId}`);
    return 0;
  }
  let warehouse;
  try {
    warehouse = await openWarehouse(effects.config.dbPath);
  } catch (error) {
    effects.err(
      `cannot open the warehouse ${effects.config.dbPath} (is the service running elsewhere?): ${(error as Error).message}`,
    );
    return 1;
  }
  try {
    if (command.kind === 'create') {
      const created = await createToken(
        warehouse.connection,
        {
          role: command.role as never,
          ics: command.ics.length ? command.ics : undefined,
          label: command.label,
        },
        effects.now(),
      );
      effects.out(created.token);
    } else if (command.kind === 'list') {
      table(await listTokens(warehouse.connection)).forEach(effects.out);
    } else if (await revokeToken(warehouse.connection, command.tokenId, effects.now())) {
      effects.err(`revoked ${command.tokenId}`);
    } else {
      effects.err(`no live token ${command.tokenId}`);
      return 1;
    }
    return 0;
  } finally {
    warehouse.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runTokenCli(process.argv.slice(2), {
    config: loadConfig(),
    fetch,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    now: () => new Date(),
  }).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`token: ${error.message}\n`);
      process.exit(1);
    },
  );
}
