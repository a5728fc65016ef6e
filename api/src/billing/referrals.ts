/**
 * Referrals: each user has a personal code (#/signup?ref=CODE); a sign-up with a valid code
 * records who invited them, with keyed hashes of the sign-up network prefix and device id (never
 * the address or the id itself). When the invited user's first interview is completed and scored,
 * both sides get REFERRAL_REWARD_CREDITS, once, unless a limit applies: no self-referral, one
 * settlement per invited user, REFERRAL_MONTHLY_CAP rewards per inviter per calendar month (UTC),
 * and nothing when inviter and invited signed up from the same network prefix or the same device.
 * Settling is idempotent (a retried scoring job pays once). Rules: docs/credits.md.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '@mockroom/db/client';
import { creditLedger, interviews, referralProfiles } from '@mockroom/db/schema';
import type { Services } from '../lib/context.js';
import type { BillingConfig } from './config.js';
import { appendEntryTx, lockAccountTx, grantStartingCredits } from './ledger.js';

/** Crockford-style alphabet: no 0/O or 1/I/L to misread in a shared link. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const REFERRAL_CODE_RE = /^[A-Z2-9]{8}$/;

export type ReferralOutcome = 'rewarded' | 'self_referral' | 'same_network' | 'same_device' | 'inviter_cap';

export function newReferralCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return code;
}

/** The network an address belongs to: a.b.c.0/24 for IPv4 (also IPv4-mapped IPv6), the first 48 bits for IPv6. */
export function networkPrefix(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(ip)) return null;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 3).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/48`;
}

/** HMAC-SHA256 under the server's referral key, domain-separated by what is hashed. */
export function keyedHash(key: Uint8Array | string, what: 'network' | 'device', value: string): string {
  return createHmac('sha256', key).update(`${what}\0${value}`).digest('hex');
}

/** The referral hash key: REFERRAL_HASH_SECRET, else AUTH_SECRET (services.authSecret, random per process when unset). */
export function referralKey(s: Pick<Services, 'env' | 'authSecret'>): Uint8Array | string {
  return s.env.REFERRAL_HASH_SECRET ?? s.authSecret;
}

/** The user's referral profile, created with a fresh code the first time (as the user). */
export async function ensureReferralProfileTx(tx: Tx, userId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [found] = await tx.select().from(referralProfiles).where(eq(referralProfiles.userId, userId));
    if (found) return found;
    // A code taken by someone else (31^8 codes: rare) conflicts too and is tried again.
    await tx.insert(referralProfiles).values({ userId, code: newReferralCode() }).onConflictDoNothing();
  }
  throw new Error('could not allocate a referral code');
}

export interface SignupCreditsInput {
  userId: string;
  /** The ?ref= code from the sign-up link, as sent. */
  ref?: string | undefined;
  /** The web client's random device id (localStorage), as sent. */
  deviceId?: string | undefined;
  ip: string;
}

/**
 * At sign-up: the starting grant, and the referral profile with who invited the user (when the code
 * is valid and not their own) and the keyed hashes the abuse checks compare. Never fails the
 * sign-up: the account exists already; a failure is logged without personal data.
 */
export async function recordSignupCredits(s: Pick<Services, 'db' | 'env' | 'authSecret' | 'logger'>, input: SignupCreditsInput): Promise<void> {
  try {
    await s.db.asUser(input.userId, (tx) => grantStartingCredits(tx, input.userId, s.env));
    const key = referralKey(s);
    const prefix = networkPrefix(input.ip);
    const networkHash = prefix ? keyedHash(key, 'network', prefix) : null;
    const deviceHash = input.deviceId ? keyedHash(key, 'device', input.deviceId) : null;
    const code = input.ref?.trim().toUpperCase();
    // The inviter is another user's row: looked up as the worker, which may read every profile.
    await s.db.asWorker(async (tx) => {
      let referredByUserId: string | null = null;
      if (code && REFERRAL_CODE_RE.test(code)) {
        const [inviter] = await tx.select({ userId: referralProfiles.userId }).from(referralProfiles).where(eq(referralProfiles.code, code));
        if (inviter && inviter.userId !== input.userId) referredByUserId = inviter.userId;
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const rows = await tx
          .insert(referralProfiles)
          .values({ userId: input.userId, code: newReferralCode(), referredByUserId, signupNetworkHash: networkHash, signupDeviceHash: deviceHash })
          .onConflictDoNothing()
          .returning({ userId: referralProfiles.userId });
        if (rows.length) return;
        const [mine] = await tx.select({ userId: referralProfiles.userId }).from(referralProfiles).where(eq(referralProfiles.userId, input.userId));
        if (mine) return;
      }
    });
  } catch (error) {
    s.logger.warn({ userId: input.userId, err: error instanceof Error ? error.name : 'unknown' }, 'sign-up credits not recorded');
  }
}

function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The inviter's ledger key for one invited user: a hash, so the inviter's row keeps no id of someone who may delete their account. */
function inviterRewardKey(invitedUserId: string): string {
  return `referral_inviter:${createHash('sha256').update(invitedUserId).digest('hex').slice(0, 32)}`;
}

/**
 * After an interview is scored: if it is the invited user's first completed interview, settle
 * their referral once (reward both, or record why not). Runs as the worker. Returns the outcome,
 * or null when there is nothing to settle.
 */
export async function settleReferralAfterScoring(
  s: Pick<Services, 'db' | 'env' | 'now'>,
  input: { userId: string; interviewId: string; reportStatus: 'scored' | 'incomplete' },
): Promise<ReferralOutcome | null> {
  if (input.reportStatus !== 'scored') return null;
  const env: BillingConfig = s.env;
  return s.db.asWorker(async (tx) => {
    const [iv] = await tx.select({ endReason: interviews.endReason, userId: interviews.userId }).from(interviews).where(eq(interviews.id, input.interviewId));
    // Completed: ran to its end or the candidate finished it; not a system failure or a walk-out.
    if (!iv || iv.userId !== input.userId || iv.endReason === 'error' || iv.endReason === 'candidate_left') return null;
    const [invited] = await tx.select().from(referralProfiles).where(eq(referralProfiles.userId, input.userId));
    if (!invited?.referredByUserId || invited.referralSettledAt) return null;
    const inviterId = invited.referredByUserId;
    // The inviter's account lock serialises their rewards, so the monthly cap holds under concurrency.
    await lockAccountTx(tx, inviterId);
    const [inviter] = await tx.select().from(referralProfiles).where(eq(referralProfiles.userId, inviterId));
    let outcome: ReferralOutcome = 'rewarded';
    if (inviterId === input.userId) outcome = 'self_referral';
    else if (invited.signupDeviceHash && inviter?.signupDeviceHash === invited.signupDeviceHash) outcome = 'same_device';
    else if (invited.signupNetworkHash && inviter?.signupNetworkHash === invited.signupNetworkHash) outcome = 'same_network';
    else {
      const [row] = await tx
        .select({ n: count() })
        .from(creditLedger)
        .where(and(eq(creditLedger.userId, inviterId), eq(creditLedger.kind, 'referral_inviter'), gte(creditLedger.createdAt, monthStartUtc(s.now()))));
      if ((row?.n ?? 0) >= env.REFERRAL_MONTHLY_CAP) outcome = 'inviter_cap';
    }
    // The settlement is claimed first: a concurrent or retried run finds it settled and pays nothing.
    const claimed = await tx
      .update(referralProfiles)
      .set({ referralSettledAt: s.now(), referralOutcome: outcome })
      .where(and(eq(referralProfiles.userId, input.userId), isNullSettled()))
      .returning({ userId: referralProfiles.userId });
    if (!claimed.length) return null;
    if (outcome === 'rewarded' && env.REFERRAL_REWARD_CREDITS > 0) {
      await lockAccountTx(tx, input.userId);
      await appendEntryTx(tx, input.userId, { amount: env.REFERRAL_REWARD_CREDITS, kind: 'referral_invited', idempotencyKey: `referral_invited:${input.userId}`, note: 'joined through a referral' });
      await appendEntryTx(tx, inviterId, { amount: env.REFERRAL_REWARD_CREDITS, kind: 'referral_inviter', idempotencyKey: inviterRewardKey(input.userId), note: 'a friend you invited finished an interview' });
    }
    return outcome;
  });
}

function isNullSettled() {
  return sql`${referralProfiles.referralSettledAt} is null`;
}

/** What GET /api/referrals shows: the code, and counts (never who). */
export async function referralSummary(s: Pick<Services, 'db' | 'env'>, userId: string) {
  const profile = await s.db.asUser(userId, (tx) => ensureReferralProfileTx(tx, userId));
  const stats = await s.db.asWorker(async (tx) => {
    const [invited] = await tx.select({ n: count() }).from(referralProfiles).where(eq(referralProfiles.referredByUserId, userId));
    const [rewarded] = await tx
      .select({ n: count() })
      .from(referralProfiles)
      .where(and(eq(referralProfiles.referredByUserId, userId), eq(referralProfiles.referralOutcome, 'rewarded')));
    return { invited: invited?.n ?? 0, rewarded: rewarded?.n ?? 0 };
  });
  const [earned] = await s.db.asUser(userId, (tx) =>
    tx
      .select({ total: sql<number>`coalesce(sum(${creditLedger.amount}), 0)::int` })
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, 'referral_inviter'))),
  );
  return { code: profile.code, invited: Number(stats.invited), rewarded: Number(stats.rewarded), earnedCredits: Number(earned?.total ?? 0) };
}
