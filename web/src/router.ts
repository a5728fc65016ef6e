/**
 * A tiny hash router. Hash routes need no server fallback, so the same build works when served
 * by the API, by `vite preview`, or from a plain file server.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'verify-email'; code: string | null }
  | { name: 'forgot-password' }
  | { name: 'reset-password'; token: string | null }
  | { name: 'dashboard' }
  | { name: 'application-new' }
  | { name: 'application'; id: string }
  | { name: 'precall'; applicationId: string }
  | { name: 'call'; interviewId: string }
  | { name: 'report'; interviewId: string }
  | { name: 'settings' }
  | { name: 'privacy' }
  | { name: 'operator' }
  | { name: 'stacks' }
  | { name: 'tryout' }
  | { name: 'credits' }
  | { name: 'progress' }
  | { name: 'leaderboard' }
  | { name: 'review-inbox' }
  | { name: 'review-interview'; interviewId: string }
  | { name: 'review-calibration'; itemId: string }
  | { name: 'review-invite'; token: string }
  | { name: 'not-found'; path: string };

/** Routes a signed-out visitor may open. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set([
  'signin',
  'signup',
  'forgot-password',
  'reset-password',
  'verify-email',
  // An invitation to review: a signed-out visitor signs up on the page itself.
  'review-invite',
  'privacy',
  // The free tryout without an account (web/src/tryout).
  'tryout',
]);

/** Parses a location hash (`#/interviews/abc/report?x=1`) into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = pathPart.split('/').filter(Boolean).map(safeDecode);
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'dashboard' };
  if (parts.length === 1) {
    switch (a) {
      case 'signin':
        return { name: 'signin' };
      case 'signup':
        return { name: 'signup' };
      case 'verify-email':
        return { name: 'verify-email', code: params.get('code') };
      case 'forgot-password':
        return { name: 'forgot-password' };
      case 'reset-password':
        return { name: 'reset-password', token: params.get('token') };
      case 'settings':
        return { name: 'settings' };
      case 'privacy':
        return { name: 'privacy' };
      case 'operator':
        return { name: 'operator' };
      case 'stacks':
        return { name: 'stacks' };
      case 'tryout':
        return { name: 'tryout' };
      case 'credits':
        return { name: 'credits' };
      case 'progress':
        return { name: 'progress' };
      case 'leaderboard':
        return { name: 'leaderboard' };
    }
  }
  if (a === 'applications' && b) {
    if (parts.length === 2) return b === 'new' ? { name: 'application-new' } : { name: 'application', id: b };
    if (parts.length === 3 && c === 'start') return { name: 'precall', applicationId: b };
  }
  if (a === 'interviews' && b && parts.length === 3) {
    if (c === 'call') return { name: 'call', interviewId: b };
    if (c === 'report') return { name: 'report', interviewId: b };
  }
  if (a === 'review') {
    if (parts.length === 1) return { name: 'review-inbox' };
    if (parts.length === 3 && b === 'interviews' && c) return { name: 'review-interview', interviewId: c };
    if (parts.length === 3 && b === 'calibration' && c) return { name: 'review-calibration', itemId: c };
    if (parts.length === 3 && b === 'invite' && c) return { name: 'review-invite', token: c };
  }
  return { name: 'not-found', path: pathPart };
}

/** Builds the hash for a route; the inverse of parseHash. */
export function toHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'verify-email':
      return route.code ? `#/verify-email?code=${e(route.code)}` : '#/verify-email';
    case 'reset-password':
      return route.token ? `#/reset-password?token=${e(route.token)}` : '#/reset-password';
    case 'application-new':
      return '#/applications/new';
    case 'application':
      return `#/applications/${e(route.id)}`;
    case 'precall':
      return `#/applications/${e(route.applicationId)}/start`;
    case 'call':
      return `#/interviews/${e(route.interviewId)}/call`;
    case 'report':
      return `#/interviews/${e(route.interviewId)}/report`;
    case 'review-inbox':
      return '#/review';
    case 'review-interview':
      return `#/review/interviews/${e(route.interviewId)}`;
    case 'review-calibration':
      return `#/review/calibration/${e(route.itemId)}`;
    case 'review-invite':
      return `#/review/invite/${e(route.token)}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

/**
 * Links in emails may point at `/reset-password?token=…` or `/verify-email?code=…` on the server
 * path rather than the hash; map those onto the hash route once at start-up.
 */
export function hashFromLocation(pathname: string, search: string, hash: string): string {
  if (hash && hash !== '#') return hash;
  const path = pathname.replace(/\/+$/, '');
  if (path === '/reset-password' || path === '/verify-email') return `#${path}${search}`;
  return '#/';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const hash = toHash(route);
  if (opts.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
