/** One parameter of a route: how it is checked and how OpenAPI describes it. */
export type ParamSpec = {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
} & (
  | { type: 'enum'; values: readonly string[]; default?: string }
  | { type: 'code'; example?: string }
  | { type: 'date' }
  | { type: 'month' }
  | { type: 'integer'; min: number; max: number; default?: number }
  | { type: 'text'; pattern: RegExp; hint: string; maxLength: number }
);

export type ParamValues = Record<string, string | number | undefined>;

/** A client error: the status and a message a person can act on. */
export class ClientError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 406 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

const orgCodePattern = /^[A-Z0-9]{1,12}$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthPattern = /^(\d{4})-(\d{2})$/;

function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Checks one raw value against its spec; returns the parsed value or throws a 400. */
export function checkParam(spec: ParamSpec, raw: string): string | number {
  const fail = (expected: string): never => {
    throw new ClientError(400, `${spec.name} must be ${expected}; got ${shown(raw)}`);
  };
  switch (spec.type) {
    case 'enum':
      return spec.values.includes(raw) ? raw : fail(`one of ${spec.values.join(', ')}`);
    case 'code':
      return orgCodePattern.test(raw)
        ? raw
        : fail(
            `an organisation code of 1–12 capital letters or digits (e.g. ${spec.example ?? 'QOP'})`,
          );
    case 'date': {
      const match = datePattern.exec(raw);
      if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        return fail('a date written YYYY-MM-DD');
      }
      return raw;
    }
    case 'month': {
      const match = monthPattern.exec(raw);
      if (!match || Number(match[2]) < 1 || Number(match[2]) > 12)
        return fail('a month written YYYY-MM');
      return raw;
    }
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(raw)) return fail(`a whole number from ${spec.min} to ${spec.max}`);
      const value = Number(raw);
      return value < spec.min || value > spec.max
        ? fail(`a whole number from ${spec.min} to ${spec.max}`)
        : value;
    }
    case 'text':
      return raw.length <= spec.maxLength && spec.pattern.test(raw) ? raw : fail(spec.hint);
  }
}

/**
 * Checks a request's query and path parameters against a route's specs: unknown and repeated
 * parameters are refused, required ones must be present, defaults fill the rest.
 */
export function parseParams(
  specs: readonly ParamSpec[],
  query: Record<string, string[]>,
  path: Record<string, string>,
  allowed: readonly string[] = ['format'],
): ParamValues {
  const known = new Set([...specs.filter((s) => s.in === 'query').map((s) => s.name), ...allowed]);
  for (const [name, values] of Object.entries(query)) {
    if (!known.has(name)) {
      const list = [...known].join(', ');
      throw new ClientError(
        400,
        `unknown parameter ${shown(name)}; this route takes ${list || 'no parameters'}`,
      );
    }
    if (values.length > 1)
      throw new ClientError(400, `${name} was given ${values.length} times; give it once`);
  }
  const result: ParamValues = {};
  for (const spec of specs) {
    const raw = spec.in === 'path' ? path[spec.name] : query[spec.name]?.[0];
    if (raw === undefined || raw === '') {
      if (spec.required)
        throw new ClientError(400, `${spec.name} is required: ${spec.description}`);
      if ((spec.type === 'enum' || spec.type === 'integer') && spec.default !== undefined) {
        result[spec.name] = spec.default;
      }
      continue;
    }
    result[spec.name] = checkParam(spec, raw);
  }
  return result;
}
