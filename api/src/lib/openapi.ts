/** Shared OpenAPI pieces: the error schema and a router factory whose validation errors use it. */
import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { User } from '@mockroom/core/api-shapes';
import { fieldErrors } from '@mockroom/core/input-rules';
import type { AppEnv } from './context.js';
import { errorBody } from './errors.js';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** For invalid input: one sentence per request field (`_form` for the request as a whole). */
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'refused', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: ErrorSchema } } },
  // The body limit applies to every /api route before its handler runs.
  413: { description: 'request body too large', content: { 'application/json': { schema: ErrorSchema } } },
  429: { description: 'rate limited', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        // The sentences come from the shared rules (core/src/input-rules.ts), the ones the web client
        // checks before it submits, so a form can show each one beside its field.
        const fields = fieldErrors(result.error.issues);
        return c.json(errorBody('invalid_input', Object.values(fields).slice(0, 3).join(' '), fields), 400);
      }
    },
  });
  // A declared request body is required, by construction. @hono/zod-openapi treats a body without
  // `required: true` as optional and hands the handler `{}` when the request has no Content-Type;
  // setting `required` on the route itself would not do for a route with two media types (the CV's
  // JSON or multipart), whose validators would then both run. So every route with a body gets a gate
  // that refuses a request without a Content-Type (the library's own gate answers 415 to a type the
  // route does not declare, and the validator 400 to malformed JSON), and the document says required.
  const register = router.openapi;
  router.openapi = ((route: RouteConfig, handler: never, hook?: never) => {
    const body = route.request?.body;
    if (!body?.content || body.required === false) return register(route as never, handler, hook);
    const request = { ...route.request };
    const middleware = [requireBody, ...(route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware])];
    const result = register({ ...route, request, middleware } as never, handler, hook);
    // The registry keeps this `request` object; the validators were built above from the original.
    request.body = { ...body, required: true };
    return result;
  }) as typeof router.openapi;
  return router;
}

const requireBody: MiddlewareHandler = async (c, next) => {
  if (!c.req.header('content-type')) return c.json(errorBody('body_required', 'this request needs a JSON body'), 400);
  await next();
};

export function json<T extends z.ZodType>(schema: T, description = 'ok') {
  return { description, content: { 'application/json': { schema } } };
}

/** A route's JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } } };
}

/** Response shapes come from core (api-shapes.ts); here they only get their OpenAPI component names. */
export const UserSchema = User.openapi('User');

/**
 * A user row or session user as the contract declares it: no password hash, and the stored
 * preferences narrowed to the ones the schema knows (the session types them loosely).
 */
export function toUserBody(u: { id: string; email: string; displayName: string; emailVerified: boolean; emailPreferences: object | null; deletionDueAt?: Date | null }): User {
  const stored = u.emailPreferences;
  const reportReady = stored && 'reportReady' in stored && typeof stored.reportReady === 'boolean' ? stored.reportReady : undefined;
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    emailVerified: u.emailVerified,
    emailPreferences: reportReady === undefined ? {} : { reportReady },
    ...(u.deletionDueAt ? { deletionScheduledFor: u.deletionDueAt.toISOString() } : {}),
  };
}

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email())
  // The document names the format, so clients and fuzzers send addresses (zod's pipe would show a bare string).
  .openapi({ format: 'email' });
