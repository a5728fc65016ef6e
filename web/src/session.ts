/**
 * How the app learns that its session is gone and what it tells the person. Any API answer 401
 * "unauthorized" while someone is signed in means the session ended elsewhere (it expired, they
 * signed out on another device, the password was reset, the account was deleted): api.ts reports it
 * here, the app signs the person out locally, keeps the page they were on and asks them to sign in
 * again with a sentence saying why. Pure module state plus sessionStorage, unit-tested.
 */
import { parseHash, toHash, type Route } from './router.js';

export type SignedOutReason = 'expired' | 'signed-out' | 'signed-out-everywhere' | 'deleted' | 'deletion-scheduled';

const RETURN_KEY = 'mockroom.returnTo';

type Listener = () => void;
let listener: Listener | null = null;

/** The app's handler for "the session is gone" (one at a time: the app is the only listener). */
export function onSessionEnded(fn: Listener): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

/** Called by the API client on a 401 "unauthorized" answer. */
export function reportSessionEnded(): void {
  listener?.();
}

/** The sentence shown on the sign-in (or landing) page after a sign-out the person did not see happen. */
export function signedOutMessage(reason: SignedOutReason): string {
  switch (reason) {
    case 'expired':
      return 'Your session has ended: it expired, or you signed out on another device. Sign in again to carry on where you were.';
    case 'signed-out':
      return 'You have signed out.';
    case 'signed-out-everywhere':
      return 'You have signed out on every device.';
    case 'deleted':
      return 'Your account and everything in it have been deleted. You can create a new account at any time.';
    case 'deletion-scheduled':
      return 'Your account is scheduled for deletion and you have been signed out. Sign in before the date in the email to cancel it.';
  }
}

/** Remembers the page to come back to after signing in again (only pages that need a session). */
export function rememberReturn(route: Route): void {
  try {
    sessionStorage.setItem(RETURN_KEY, toHash(route));
  } catch {
    // Storage may be unavailable (private mode); coming back to the dashboard is the fallback.
  }
}

/** The remembered page, once: the next sign-in does not come back to it again. */
export function takeReturn(): Route | null {
  try {
    const hash = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    if (!hash) return null;
    const route = parseHash(hash);
    return route.name === 'not-found' || route.name === 'signin' || route.name === 'signup' ? null : route;
  } catch {
    return null;
  }
}
