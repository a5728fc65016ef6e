/**
 * CSRF defence for every state-changing request, whatever its content type (Hono's csrf() only
 * looks at form content types; a JSON body is just as forgeable with fetch + no-cors + text/plain).
 * Browsers send Sec-Fetch-Site on every request (Fetch Metadata); when it is present it must be
 * `same-origin`. Older browsers fall back to Origin, which must equal APP_BASE_URL's origin (the
 * configured URL, never the Host header). A request with neither is refused. Webhooks and the
 * agent's bearer-token routes carry no cookies and are authenticated by signature/credential.
 */
import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../lib/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXEMPT_PREFIXES = ['/api/livekit/webhook', '/api/agent/', '/api/reminders/unsubscribe', '/api/payments/stripe/webhook'];

export function csrfProtection(appBaseUrl: string): MiddlewareHandler {
  const allowedOrigin = new URL(appBaseUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || EXEMPT_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ok = site !== undefined ? site === 'same-origin' : origin !== undefined && origin === allowedOrigin;
    if (!ok) return c.json(errorBody('csrf_rejected', 'cross-site request refused'), 403);
    return next();
  };
}
