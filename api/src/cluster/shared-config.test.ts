import { describe, expect, it } from 'vitest';
import { testEnv } from '../env.js';
import { resolveSharedConfig } from './shared-config.js';

const PG = 'postgres://mockroom@127.0.0.1:5432/mockroom';

describe('resolveSharedConfig', () => {
  it('refuses to start in production on Postgres without AUTH_SECRET, naming the variable and no secret', () => {
    const env = { ...testEnv(), NODE_ENV: 'production' as const, DATABASE_URL: PG, LIVEKIT_API_SECRET: 'a-production-livekit-secret-0123456789abcdef' };
    const { authSecret, problems } = resolveSharedConfig(env);
    expect(authSecret).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/AUTH_SECRET/);
    expect(problems[0]).not.toContain(env.LIVEKIT_API_SECRET);
  });

  it('uses AUTH_SECRET as given, on Postgres or PGlite', () => {
    const secret = 'x'.repeat(40);
    for (const DATABASE_URL of [PG, undefined]) {
      const { authSecret, problems } = resolveSharedConfig({ ...testEnv({ AUTH_SECRET: secret }), NODE_ENV: 'production', DATABASE_URL });
      expect(problems).toEqual([]);
      expect(new TextDecoder().decode(authSecret)).toBe(secret);
    }
  });

  it('gives two development instances on one Postgres the same key, derived from (not equal to) the LiveKit secret', () => {
    const one = resolveSharedConfig(testEnv({ DATABASE_URL: PG }));
    const two = resolveSharedConfig(testEnv({ DATABASE_URL: PG }));
    const otherLivekit = resolveSharedConfig(testEnv({ DATABASE_URL: PG, LIVEKIT_API_SECRET: 'another-livekit-secret-0123456789abcdef' }));
    expect(one.problems).toEqual([]);
    expect(one.authSecret).toEqual(two.authSecret);
    expect(one.authSecret).not.toEqual(otherLivekit.authSecret);
    expect(Buffer.from(one.authSecret!).toString('utf8')).not.toContain(testEnv().LIVEKIT_API_SECRET);
  });

  it('leaves the single-process PGlite default alone (a random key per process)', () => {
    expect(resolveSharedConfig(testEnv())).toEqual({ problems: [] });
  });
});
