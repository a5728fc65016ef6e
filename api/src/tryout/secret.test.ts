/** Where the tryout's HMAC key comes from (secret.ts). */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTryoutSecret } from './secret.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tryout-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTryoutSecret', () => {
  it('uses TRYOUT_SECRET when set', () => {
    const key = loadTryoutSecret({ TRYOUT_SECRET: 'x'.repeat(40), NODE_ENV: 'production', DATA_DIR: dir });
    expect(Buffer.from(key!).toString()).toBe('x'.repeat(40));
  });
  it('turns the tryout off in production without one', () => {
    expect(loadTryoutSecret({ TRYOUT_SECRET: undefined, NODE_ENV: 'production', DATA_DIR: dir })).toBeNull();
  });
  it('generates one key outside production and keeps it in DATA_DIR across restarts, readable by the owner only', () => {
    const env = { TRYOUT_SECRET: undefined, NODE_ENV: 'development' as const, DATA_DIR: path.join(dir, 'data') };
    const first = loadTryoutSecret(env)!;
    expect(first.length).toBe(32);
    expect(Buffer.from(loadTryoutSecret(env)!).equals(Buffer.from(first))).toBe(true);
    expect(statSync(path.join(env.DATA_DIR, 'tryout-secret')).mode & 0o077).toBe(0);
  });
});
