import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ClientError } from './client-error.js';

/**
 * A route's query and path parameters are zod schemas: the same schema validates the request
 * (before the handler, which receives typed values) and documents the parameter in OpenAPI.
 * Each schema's error message says what the value must be; the validation hook adds the
 * parameter's name and what was sent ("org must be an organisation code …; got "x"").
 */

export const orgCodePattern = /^[A-Z0-9]{1,12}$/;
export const icsCodePattern = /^[A-Z0-9]{3,9}$/;

/** A query value left empty (`?from=`) counts as absent, as a form sends an empty field. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

export const param = {
  /** An organisation code (site, trust, ICS, region or ENG). */
  org: (description: string, example = 'QOP') =>
    z
      .string()
      .regex(orgCodePattern, {
        error: `an organisation code of 1–12 capital letters or digits (e.g. ${example})`,
      })
      .openapi({ example })
      .describe(description),
  /** A real calendar day, YYYY-MM-DD. */
  date: (description: string) =>
    z.iso.date({ error: 'a date written YYYY-MM-DD' }).describe(description),
  /** A whole number within [min, max] (query values arrive as text). */
  integer: (description: string, min: number, max: number) => {
    const error = `a whole number from ${min} to ${max}`;
    return z
      .string()
      .regex(/^-?\d{1,15}$/, { error })
      .transform(Number)
      .pipe(z.number().min(min, { error }).max(max, { error }))
      .openapi({ type: 'integer', minimum: min, maximum: max })
      .describe(description);
  },
  /** One of a fixed list of words. */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
    z.enum(values, { error: `one of ${values.join(', ')}` }).describe(description),
  /** Free text within a pattern and length; `hint` says what is expected. */
  text: (description: string, rule: { pattern: RegExp; maxLength: number; hint: string }) =>
    z
      .string()
      .max(rule.maxLength, { error: rule.hint })
      .regex(rule.pattern, { error: rule.hint })
      .describe(description),
};

/** An optional query parameter (absent or empty: undefined). */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankIsAbsent, schema.optional());
}

/** A query parameter with a default when absent or empty. */
export function withDefault<T extends z.ZodType>(schema: T, value: z.output<T>) {
  // Stated for OpenAPI too: a schema with its own OpenAPI type (an integer read from text)
  // hides the default from the generator.
  return z.preprocess(blankIsAbsent, schema.default(value as never).openapi({ default: value }));
}

/**
 * The response format parameter every route takes (the Accept header is the alternative); a
 * format the route does not offer is answered 406.
 */
export function formatParam(offered: readonly string[]) {
  return optional(
    param.oneOf(
      ['json', 'csv', 'arrow'],
      `response format, or use the Accept header; this route offers ${offered.join(', ')}`,
    ),
  );
}

/** A list of ICS codes: the scope of a token or of a report's recipient. */
export const icsCodes = (() => {
  const error = 'a list of ICS codes of 3–9 capital letters or digits, such as ["QOP"]';
  return z
    .array(z.string().regex(icsCodePattern, { error }), { error })
    .min(1, { error: 'a list of at least one ICS code; leave it out for every ICS' });
})();

/** Rows to skip, for the tables read a page at a time. */
export const offsetParam = withDefault(param.integer('rows to skip', 0, 1e9), 0);

export type ParamShape = Record<string, z.ZodType>;

function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value);
}

/**
 * Unknown and repeated query parameters are refused before validation: a misspelt name is
 * an error, never a silently ignored filter.
 */
export function refuseUnknownQuery(known: readonly string[], query: Record<string, string[]>) {
  for (const name in query) {
    if (!known.includes(name)) {
      throw new ClientError(
        400,
        `unknown parameter ${shown(name)}; this route takes ${known.join(', ') || 'no parameters'}`,
      );
    }
    const given = query[name]!.length;
    if (given > 1) throw new ClientError(400, `${name} was given ${given} times; give it once`);
  }
}

function where(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/**
 * A JSON body checked against its schema; the first problem becomes one line naming the field,
 * what it must be and what was sent ("role must be one of …; got "emperor"").
 */
export function checkBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.path.length === 0)
    throw new ClientError(400, `the body must be ${issue.message}; got ${json(value)}`);
  if (issue.input === undefined)
    throw new ClientError(400, `${where(issue.path)} is required: ${issue.message}`);
  throw new ClientError(
    400,
    `${where(issue.path)} must be ${issue.message}; got ${json(issue.input)}`,
  );
}

function json(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}

/** The description a parameter's schema carries (for "x is required: …"). */
function descriptionOf(schema: z.ZodType | undefined): string {
  return schema?.description ?? 'see /api/docs';
}

interface ValidationResult {
  success: boolean;
  error?: z.ZodError;
  target: string;
}

/**
 * The validation hook of every route: the first problem becomes a 400 naming the parameter,
 * what it must be and what was sent, or that it is required and what it is.
 */
export function validationHook(shapes: { query?: ParamShape; path?: ParamShape }) {
  return (result: ValidationResult, c: Context) => {
    if (result.success || !result.error) return;
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? '');
    const inPath = result.target === 'param';
    const raw = inPath ? c.req.param(name) : c.req.query(name);
    if (raw === undefined || raw === '') {
      const schema = (inPath ? shapes.path : shapes.query)?.[name];
      throw new ClientError(400, `${name} is required: ${descriptionOf(schema)}`);
    }
    throw new ClientError(400, `${name} must be ${issue.message}; got ${shown(raw)}`);
  };
}
