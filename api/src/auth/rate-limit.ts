/**
 * Fixed-window counters in Postgres (shared by every API instance). Bucket keys are hashed so no
 * email or IP is stored in clear.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { MockroomDb } from '@mockroom/db/client';
import { rateLimits } from '@mockroom/db/schema';
import { hashSecret } from './session.js';

export interface Limit {
  name: string;
  max: number;
  windowMs: number;
}

export const LIMITS = {
  /** Any auth POST from one IP. */
  authPerIp: { name: 'auth-ip', max: 60, windowMs: 10 * 60_000 },
  /** Failed sign-ins against one account from unknown devices: at most 100 an hour. */
  signinFailuresPerAccount: { name: 'signin-fail-account', max: 100, windowMs: 3600_000 },
  /** Failed sign-ins from a device that once signed in to the account (so a victim is never locked out by others). */
  signinFailuresPerDevice: { name: 'signin-fail-device', max: 20, windowMs: 3600_000 },
  /**
   * Email quotas, one bucket per kind, so no caller can spend another kind's quota: only the signed-in
   * owner can ask for a verification code, so the public cannot starve it by asking for resets.
   */
  /** Verification codes the signed-in owner asks for. */
  verificationEmailsPerAccount: { name: 'email-verification-account', max: 5, windowMs: 3600_000 },
  /**
   * Reset requests per address, counted whether or not an account has it (the answer, 202 or 429,
   * is the same for every address), so a refused request is told and nothing is dropped in silence.
   */
  resetRequestsPerAddress: { name: 'reset-request-address', max: 5, windowMs: 3600_000 },
  /** "Someone tried to sign up with your address" notices to an existing account. */
  signupNoticesPerAccount: { name: 'signup-notice-account', max: 3, windowMs: 3600_000 },
} satisfies Record<string, Limit>;

function windowStart(limit: Limit, now: Date): Date {
  return new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
}

export function bucket(limit: Limit, key: string): string {
  return hashSecret(`${limit.name}:${key}`);
}

/** Current count in the window, without adding. */
export async function peek(db: MockroomDb, limit: Limit, key: string, now: Date): Promise<number> {
  const rows = await db.asWorker((tx) =>
    tx
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(and(eq(rateLimits.key, bucket(limit, key)), eq(rateLimits.windowStart, windowStart(limit, now)))),
  );
  return rows[0]?.count ?? 0;
}

/** Adds one and returns the new count. */
export async function hit(db: MockroomDb, limit: Limit, key: string, now: Date): Promise<number> {
  const rows = await db.asWorker((tx) =>
    tx
      .insert(rateLimits)
      .values({ key: bucket(limit, key), windowStart: windowStart(limit, now), count: 1 })
      .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
      .returning({ count: rateLimits.count }),
  );
  return rows[0]?.count ?? 1;
}

export function retryAfterSeconds(limit: Limit, now: Date): number {
  return Math.max(1, Math.ceil((windowStart(limit, now).getTime() + limit.windowMs - now.getTime()) / 1000));
}

export async function pruneRateLimits(db: MockroomDb, now: Date): Promise<void> {
  await db.asWorker((tx) => tx.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 24 * 3600_000))));
}
