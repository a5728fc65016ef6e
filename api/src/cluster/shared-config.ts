/**
 * What every API instance on one database must share, checked at start (index.ts).
 *
 * On PGlite there is one process, so a secret it generates for itself is fine. On Postgres any
 * number of instances may serve the same users behind a load balancer, so a value one instance
 * signs must verify on every other: the device-cookie key (AUTH_SECRET) has to be the same
 * everywhere. In production it must be set; elsewhere it is derived from LIVEKIT_API_SECRET, which
 * every instance already shares (the tokens it signs are checked by the LiveKit nodes), so two
 * development instances agree without configuration. docs/decisions/021-stateless-api-instances.md
 * lists the other values the instances must agree on.
 */
import { createHmac } from 'node:crypto';
import type { Env } from '../env.js';

export interface SharedConfig {
  /** The device-cookie key; undefined: a random one per process (single-process PGlite only). */
  authSecret?: Uint8Array;
  /** Refusals to start, one line each (no secret values). */
  problems: string[];
}

export function resolveSharedConfig(env: Pick<Env, 'DATABASE_URL' | 'AUTH_SECRET' | 'NODE_ENV' | 'LIVEKIT_API_SECRET'>): SharedConfig {
  if (env.AUTH_SECRET) return { authSecret: new TextEncoder().encode(env.AUTH_SECRET), problems: [] };
  if (!env.DATABASE_URL) return { problems: [] };
  if (env.NODE_ENV === 'production') {
    return {
      problems: [
        '  AUTH_SECRET: required with DATABASE_URL in production: every API instance on the database must sign device cookies with the same key (32+ random characters, the same value on each instance)',
      ],
    };
  }
  // A separate key for this purpose (HMAC as a KDF), never the LiveKit secret itself.
  return { authSecret: new Uint8Array(createHmac('sha256', env.LIVEKIT_API_SECRET).update('mockroom device-cookie key v1').digest()), problems: [] };
}
