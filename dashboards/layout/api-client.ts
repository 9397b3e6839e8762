import { tableFromIPC } from 'apache-arrow';
import type { DisclosureStatement } from '../../pipelines/read/index.js';

/** A failed API request, with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Rows read from an Arrow response, with the disclosure control the server applied. */
export interface ArrowRows<Row> {
  rows: Row[];
  /** The X-Disclosure-Control header, when the server applied disclosure control. */
  disclosure: string | null;
}

const arrowType = 'application/vnd.apache.arrow.stream';

let signingOut = false;

/**
 * Called when the person signs out: requests still in flight then come back 401, and sending
 * the page to /signin for them would cancel the sign-out's own navigation to the provider.
 */
export function markSigningOut(): void {
  signingOut = true;
}

async function request(path: string, accept: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, {
    ...init,
    credentials: 'same-origin',
    headers: { Accept: accept, ...(init.headers ?? {}) },
  });
  if (response.status === 401) {
    if (!signingOut) window.location.assign('/signin');
    throw new ApiError(401, 'signed out');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // a body that is not JSON keeps the status line as the message
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

/** GET a small JSON object (live state, health, SPC). */
export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path, 'application/json')).json()) as T;
}

/** POST with no body and read the JSON answer (acknowledge an alert). */
export async function postJson<T>(path: string): Promise<T> {
  return (await (await request(path, 'application/json', { method: 'POST' })).json()) as T;
}

/** POST a JSON body and read the JSON answer (start a scenario). */
export async function postJsonBody<T>(path: string, body: unknown): Promise<T> {
  const response = await request(path, 'application/json', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/**
 * GET a table as Arrow and turn it into plain rows: 64-bit integers become numbers and
 * timestamps (ms since the epoch in Arrow) become Dates, keeping the snake_case names.
 */
export async function getRows<Row>(path: string): Promise<ArrowRows<Row>> {
  const rows: Row[] = [];
  let disclosure: string | null = null;
  // A paged route links to its next page (Link: <…>; rel="next"): every page is read.
  for (let next: string | null = path; next !== null;) {
    const response = await request(next, arrowType);
    rows.push(...rowsOf<Row>(new Uint8Array(await response.arrayBuffer())));
    disclosure ??= response.headers.get('X-Disclosure-Control');
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
  }
  return { rows, disclosure };
}

function rowsOf<Row>(bytes: Uint8Array): Row[] {
  const table = tableFromIPC(bytes);
  const timeColumns = new Set(
    table.schema.fields
      .filter(
        (field) =>
          String(field.type).startsWith('Timestamp') || String(field.type).startsWith('Date'),
      )
      .map((field) => field.name),
  );
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((name) => table.getChild(name));
  const rows: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, c) => {
      let value: unknown = columns[c]?.get(i) ?? null;
      if (typeof value === 'bigint') value = Number(value);
      if (timeColumns.has(name) && value !== null) value = new Date(value as number);
      row[name] = value;
    });
    rows.push(row as Row);
  }
  return rows;
}

/** The rule a JSON response states, as one sentence for the page. */
export function disclosureSentence(statement: DisclosureStatement | string | null): string | null {
  if (!statement) return null;
  if (typeof statement === 'string') {
    const suppress = /suppress=(\d+)-(\d+)/.exec(statement);
    const round = /round=(\d+)/.exec(statement);
    if (!suppress || !round) return `Disclosure control applied: ${statement}.`;
    return disclosureSentence({
      rule: 'nhs-small-numbers',
      suppress: [Number(suppress[1]), Number(suppress[2])],
      round: Number(round[1]),
      one_decimal_from_denominator: 0,
      not_controlled: [],
      intervals: '',
    });
  }
  return (
    `Disclosure control (${statement.rule}): counts of ${statement.suppress[0]}–${statement.suppress[1]} ` +
    `are suppressed, other counts rounded to the nearest ${statement.round}, and rates and ` +
    `percentages computed from the rounded figures.`
  );
}
