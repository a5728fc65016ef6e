/** Shared OpenAPI pieces: the error schema and a router factory whose validation errors use it. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi('Error');

export const errorResponses = {
  400: { description: 'invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'refused', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'not found', content: { 'application/json': { schema: ErrorSchema } } },
  429: { description: 'rate limited', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
        return c.json({ error: { code: 'invalid_input', message: issues.join('; ') } }, 400);
      }
    },
  });
}

export function json<T extends z.ZodType>(schema: T, description = 'ok') {
  return { description, content: { 'application/json': { schema } } };
}

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    emailVerified: z.boolean(),
    emailPreferences: z.record(z.string(), z.unknown()),
  })
  .openapi('User');

export const EmailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email());
