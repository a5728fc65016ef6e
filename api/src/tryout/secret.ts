/**
 * The tryout's HMAC key. TRYOUT_SECRET when set (production must set it: with several API instances
 * each needs the same key); otherwise, outside production, a random key generated once and kept in
 * DATA_DIR/tryout-secret (mode 0600), so a restart does not hand every device a second tryout.
 * In production without TRYOUT_SECRET the tryout is off (null): a per-process key would let each
 * restart or instance grant a new tryout to the same device.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../env.js';

const SECRET_FILE = 'tryout-secret';
const SECRET_BYTES = 32;

export function loadTryoutSecret(env: Pick<Env, 'TRYOUT_SECRET' | 'NODE_ENV' | 'DATA_DIR'>): Uint8Array | null {
  if (env.TRYOUT_SECRET) return new TextEncoder().encode(env.TRYOUT_SECRET);
  if (env.NODE_ENV === 'production') return null;
  const file = path.join(env.DATA_DIR, SECRET_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
  } catch {
    // Not there yet: made below.
  }
  const fresh = randomBytes(SECRET_BYTES);
  mkdirSync(env.DATA_DIR, { recursive: true });
  writeFileSync(file, fresh.toString('hex'), { mode: 0o600 });
  return new Uint8Array(fresh);
}
