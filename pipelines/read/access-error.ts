/**
 * A read the access policy refuses: 404 when the thing is unknown or outside the caller's
 * scope (the two read the same, so another ICS's codes are never confirmed), 403 when the
 * caller's role or scope can never read it. The HTTP layer answers with the status and message.
 */
export class AccessError extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}
