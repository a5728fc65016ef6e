import { describe, expect, it } from 'vitest';
import { hashFromLocation, parseHash, toHash, type Route } from './router.js';

describe('parseHash', () => {
  it('maps every route back and forth through toHash', () => {
    const routes: Route[] = [
      { name: 'dashboard' },
      { name: 'signin' },
      { name: 'signup' },
      { name: 'forgot-password' },
      { name: 'settings' },
      { name: 'stacks' },
      { name: 'verify-email', code: 'AB12' },
      { name: 'reset-password', token: 'tok/with+chars' },
      { name: 'application-new' },
      { name: 'application', id: 'a1' },
      { name: 'precall', applicationId: 'a1' },
      { name: 'call', interviewId: '0b7c6c8e-1111-4222-8333-444455556666' },
      { name: 'report', interviewId: 'x y' },
    ];
    for (const r of routes) expect(parseHash(toHash(r))).toEqual(r);
  });

  it('treats an empty hash as the dashboard and unknown paths as not found', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/interviews/abc')).toEqual({ name: 'not-found', path: '/interviews/abc' });
    expect(parseHash('#/applications/a/b/c')).toMatchObject({ name: 'not-found' });
  });

  it('reads the reset token from the query even without one on the route', () => {
    expect(parseHash('#/reset-password')).toEqual({ name: 'reset-password', token: null });
  });
});

describe('hashFromLocation', () => {
  it('moves email links on a server path onto the hash route', () => {
    expect(hashFromLocation('/reset-password', '?token=abc', '')).toBe('#/reset-password?token=abc');
    expect(hashFromLocation('/verify-email/', '?code=12', '')).toBe('#/verify-email?code=12');
  });
  it('keeps an existing hash and sends anything else to the dashboard', () => {
    expect(hashFromLocation('/', '', '#/settings')).toBe('#/settings');
    expect(hashFromLocation('/whatever', '', '')).toBe('#/');
  });
});
