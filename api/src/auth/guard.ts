/** Loads the session from the cookie for every request; requireUser() for routes behind a login. */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../lib/context.js';
import { UnauthorizedError } from '../lib/errors.js';
import { cookieName, SESSION_IDLE_MS, validateSessionToken, type Session, type SessionUser } from './session.js';

export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('session', null);
    const s = c.var.services;
    const { env, now } = s;
    const token = getCookie(c, cookieName(env.APP_BASE_URL));
    if (token) {
      const result = await validateSessionToken(s, token, now());
      if (result) {
        c.set('user', result.user);
        c.set('session', result.session);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
    // API answers depend on who asks: no browser or proxy cache may keep one (a shared computer's
    // back button, a caching proxy). A route that means to be cached sets its own Cache-Control.
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}

export function requireUser(c: Context<AppEnv>): { user: SessionUser; session: Session } {
  const user = c.get('user');
  const session = c.get('session');
  if (!user || !session) throw new UnauthorizedError();
  return { user, session };
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const env = c.var.services.env;
  const secure = env.APP_BASE_URL.startsWith('https://');
  setCookie(c, cookieName(env.APP_BASE_URL), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(Math.min(SESSION_IDLE_MS, expiresAt.getTime() - Date.now()) / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const env = c.var.services.env;
  const secure = env.APP_BASE_URL.startsWith('https://');
  deleteCookie(c, cookieName(env.APP_BASE_URL), { path: '/', secure });
}
