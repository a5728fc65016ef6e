/**
 * Finding 7 of issue 15: `pnpm start` served every user's reset links at /api/dev/outbox without
 * sign-in. The outbox is mounted only with the explicit DEV_OUTBOX flag (`pnpm dev` sets it).
 */
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.js';
import { Browser, createHarness, signUp } from '../test/harness.js';

describe('/api/dev/outbox', () => {
  it('is not served in the default (development) mode that `pnpm start` runs', async () => {
    // What `pnpm start` gives the API: NODE_ENV development, no DEV_OUTBOX.
    const h = await createHarness({}, { NODE_ENV: 'development', DEV_OUTBOX: '' });
    try {
      const { user } = await signUp(h);
      await new Browser(h, '10.8.0.1').post('/api/auth/password-reset/request', { email: user.email });
      await h.app.services.settle();
      for (const who of [new Browser(h, '10.8.0.2'), (await signUp(h)).browser]) {
        const res = await who.get('/api/dev/outbox');
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain(user.email);
      }
    } finally {
      await h.close();
    }
  }, 120_000);

  it('is served with DEV_OUTBOX set, as `pnpm dev` does', async () => {
    const h = await createHarness({}, { NODE_ENV: 'development', DEV_OUTBOX: 'true' });
    try {
      const { user } = await signUp(h);
      await h.app.services.settle();
      const res = await new Browser(h, '10.8.1.1').get('/api/dev/outbox');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(user.email);
    } finally {
      await h.close();
    }
  }, 120_000);

  it('refuses DEV_OUTBOX in production', () => {
    const production = {
      NODE_ENV: 'production',
      APP_BASE_URL: 'https://mock.example',
      AGENT_API_TOKEN: 'a-production-agent-token-0123456789',
      LIVEKIT_API_SECRET: 'a-production-livekit-secret-0123456789abcdef',
    };
    expect(() => loadEnv(production)).not.toThrow();
    expect(() => loadEnv({ ...production, DEV_OUTBOX: 'true' })).toThrow(/DEV_OUTBOX/);
  });
});
