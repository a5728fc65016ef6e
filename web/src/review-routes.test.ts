import { describe, expect, it } from 'vitest';
import { parseHash, PUBLIC_ROUTES, toHash, type Route } from './router.js';

describe('review routes', () => {
  it('maps each review route back and forth through toHash', () => {
    const routes: Route[] = [
      { name: 'review-inbox' },
      { name: 'review-interview', interviewId: '0b7c6c8e-1111-4222-8333-444455556666' },
      { name: 'review-calibration', itemId: '00000000-0000-4000-8000-00000000c001' },
      { name: 'review-invite', token: 'Ab-9_xYz0123456789abcdefghijklmn' },
    ];
    for (const r of routes) expect(parseHash(toHash(r))).toEqual(r);
  });

  it('lets a signed-out visitor open an invitation, and nothing else of the review area', () => {
    expect(PUBLIC_ROUTES.has('review-invite')).toBe(true);
    expect(PUBLIC_ROUTES.has('review-inbox')).toBe(false);
    expect(PUBLIC_ROUTES.has('review-interview')).toBe(false);
    expect(parseHash('#/review/other/x')).toMatchObject({ name: 'not-found' });
  });
});
