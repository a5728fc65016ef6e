/** Named API errors. app.onError turns them into `{ error: { code, message } }`; anything else is a 500. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { INPUT_LIMITS } from '@mockroom/core/input-rules';

export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  constructor(what = 'resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'sign in first') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  constructor(code = 'forbidden', message = 'not allowed') {
    super(403, code, message);
  }
}

export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class RateLimitedError extends ApiError {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', 'too many attempts, try again later');
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/**
 * Whether the database refused a value itself (SQLSTATE class 22, "data exception": a NUL in text, a
 * number out of a column's range, an underflowing float). The value came from the request, so the
 * answer is a 400, not a 500, whatever route let it through.
 */
export function isDataException(error: unknown): boolean {
  return pgCode(error)?.startsWith('22') ?? false;
}

/** Postgres SQLSTATE of a driver error (PGlite and postgres.js both expose `code`), through causes. */
export function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The answer to a body over the size limit, in the words of the form that sent it: a job description
 * or a CV is what makes a body that large, so the answer names that field and its limit rather than
 * "request body too large".
 */
export function tooLargeBody(path: string) {
  if (path === '/api/applications' || path.startsWith('/api/applications/')) {
    const sentence = `Keep the job description to ${INPUT_LIMITS.jobDescription.toLocaleString('en-GB')} characters or fewer.`;
    return errorBody('payload_too_large', sentence, { jobDescription: sentence });
  }
  if (path === '/api/cv') {
    return errorBody('payload_too_large', `The file is too large. Upload a CV under ${INPUT_LIMITS.cvUploadBytes / 1024 / 1024} MB.`);
  }
  return errorBody('payload_too_large', 'request body too large');
}
