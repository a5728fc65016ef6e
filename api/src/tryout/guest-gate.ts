/**
 * Keeps a tryout's guest account (users.guest) to its tryout: its own interview (read, join, end,
 * rescore, delete), its report and transcript, the tryout routes (claim), and signing out. Anything
 * else — another application or interview, a CV, a share, settings — answers 403 guest_account
 * with the way out: create the account by claiming the tryout.
 * RLS already limits the guest to its own rows; this gate limits what it may do with them.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { errorBody } from '../lib/errors.js';

const ID = '[^/]+';
/** [method ('*': any), path] pairs a guest may use. */
const GUEST_ALLOWED: readonly (readonly [string, RegExp])[] = [
  ['*', /^\/api\/tryout(\/.*)?$/],
  ['GET', /^\/api\/auth\/me$/],
  ['POST', /^\/api\/auth\/signout$/],
  ['GET', /^\/api\/interviews(\/.*)?$/],
  ['POST', new RegExp(`^/api/interviews/${ID}/(token|end|rescore)$`)],
  ['DELETE', new RegExp(`^/api/interviews/${ID}$`)],
  ['GET', new RegExp(`^/api/applications/${ID}$`)],
  ['GET', /^\/api\/(privacy|stacks|health)(\/.*)?$/],
];

export function isGuestAllowed(method: string, path: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  return GUEST_ALLOWED.some(([m, re]) => (m === '*' || m === method || (m === 'GET' && method === 'HEAD')) && re.test(p));
}

export function guestGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user?.guest && !isGuestAllowed(c.req.method, c.req.path)) {
      return c.json(errorBody('guest_account', 'This is a free tryout: create your free account (keep this report) to use this.'), 403);
    }
    return next();
  };
}
