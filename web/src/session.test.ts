import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onSessionEnded, rememberReturn, reportSessionEnded, signedOutMessage, takeReturn } from './session.js';

/** A minimal sessionStorage, as the browser has (the tests run in Node). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

beforeEach(() => vi.stubGlobal('sessionStorage', memoryStorage()));
afterEach(() => vi.unstubAllGlobals());

describe('session', () => {
  it('tells the one listener that the session ended, until it stops listening', () => {
    let told = 0;
    const stop = onSessionEnded(() => told++);
    reportSessionEnded();
    stop();
    reportSessionEnded();
    expect(told).toBe(1);
  });

  it('returns to the remembered page once, and never to a sign-in page', () => {
    rememberReturn({ name: 'report', interviewId: 'abc' });
    expect(takeReturn()).toEqual({ name: 'report', interviewId: 'abc' });
    expect(takeReturn()).toBeNull();
    rememberReturn({ name: 'signin' });
    expect(takeReturn()).toBeNull();
  });

  it('says why the person was signed out, with the way forward', () => {
    expect(signedOutMessage('expired')).toMatch(/Sign in again/);
    expect(signedOutMessage('deleted')).toMatch(/deleted/);
  });
});
