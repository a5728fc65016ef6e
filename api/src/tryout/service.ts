/**
 * The free tryout without an account, as one lifecycle (docs/tryout.md):
 *
 *   start  → limits checked on keyed hashes only (keys.ts); a tryout row reserves the device (its
 *            unique keys settle concurrent starts); a GUEST account is created (users.guest, a
 *            placeholder address under .invalid, the hash of a random password nobody knows) with
 *            one application and one 5-minute interview, and signed in like any sign-up. From
 *            then on the interview, transcript and report go through the ordinary routes and RLS;
 *            guest-gate.ts keeps the guest to them.
 *   claim  → the guest sets address, name and password (and the age confirmation, as at sign-up):
 *            the same users row becomes a full account, so the interview and its report are
 *            simply still theirs. The tryout row forgets the account; the device stays used.
 *   purge  → retention.ts: after TRYOUT_RETENTION_DAYS the hashes go, and an unclaimed guest with them.
 *
 * No credits are spent: billing charges no guest (api/src/billing/ledger.ts); the claim brings the
 * starting grant every new account gets.
 */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { buildInterviewPlan } from '@mockroom/core/plan-builder';
import { toRoomName } from '@mockroom/core';
import { applications, interviews, tryouts, users } from '@mockroom/db/schema';
import { hashPassword } from '../auth/password.js';
import { grantStartingCredits } from '../billing/ledger.js';
import { createSession, randomToken, writeUser, invalidateUserSessions, type Session } from '../auth/session.js';
import { enqueueTx } from '../jobs/queue.js';
import type { Services } from '../lib/context.js';
import { ApiError, ConflictError, pgCode } from '../lib/errors.js';
import { recordEvent } from '../lib/events.js';
import { providerOverrideFor, requireStackForNewInterview, stackPolicy } from '../lib/stack-policy.js';
import { tryoutKeys } from './keys.js';
import { TRYOUT_RETENTION_JOB, tryoutPurgeDue } from './retention.js';

/** The tryout's time box: one short interview. */
export const TRYOUT_TIME_BOX_SECONDS = 5 * 60;
/** Three questions fit five minutes and give the report its two answered questions. */
export const TRYOUT_QUESTION_COUNT = 3;
export const TRYOUT_COMPANY = 'Mockroom tryout';
export const GUEST_EMAIL_DOMAIN = 'tryout.invalid';
/** What the recruiter calls a guest until they claim the account with their name ("Hi there"). */
export const GUEST_DISPLAY_NAME = 'there';
const HOUR_MS = 3600_000;

export class TryoutRefusedError extends ApiError {
  override readonly name = 'TryoutRefusedError';
  constructor(message: string) {
    super(403, 'tryout_used', message);
  }
}

/** 429 with Retry-After: app.onError sets the header for any error carrying retryAfterSeconds. */
export class TryoutBusyError extends ApiError {
  override readonly name = 'TryoutBusyError';
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'tryout_busy', message);
  }
}

const USED_MESSAGE = 'This device has already had its free tryout. Create a free account to keep practising.';

/** A short, general job description for the candidate's own job title: the plan builder needs one. */
export function tryoutJobDescription(role: string): string {
  return [
    `We are hiring a ${role}.`,
    'Requirements:',
    '- Communicating clearly with colleagues and customers',
    '- Working well in a team',
    '- Solving problems and learning from mistakes',
    '- Taking ownership of your work',
  ].join('\n');
}

export interface StartTryoutInput {
  deviceId: string;
  fingerprint: string;
  ip: string;
  role: string;
}

export interface StartedTryout {
  userId: string;
  interviewId: string;
  token: string;
  session: Session;
}

/** Seconds until the oldest start in the last hour leaves the window (at least 1). */
function secondsUntilWindowFrees(oldest: Date | null, now: Date): number {
  if (!oldest) return 60;
  return Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
}

/**
 * Reserves the device's one tryout: refused (403) when its device or network key has had one, 429
 * when its network prefix or the whole server has had its hourly share. The unique keys make two
 * concurrent starts from one device end with one row.
 */
async function reserveTryout(s: Services, keys: ReturnType<typeof tryoutKeys>): Promise<string> {
  const now = s.now();
  const since = new Date(now.getTime() - HOUR_MS);
  try {
    return await s.db.asWorker(async (tx) => {
      const [used] = await tx
        .select({ id: tryouts.id })
        .from(tryouts)
        .where(sql`${tryouts.deviceKey} = ${keys.deviceKey} or ${tryouts.networkKey} = ${keys.networkKey}`)
        .limit(1);
      if (used) throw new TryoutRefusedError(USED_MESSAGE);
      const [prefix] = await tx
        .select({ n: count(), oldest: sql<string | null>`min(${tryouts.createdAt})` })
        .from(tryouts)
        .where(and(eq(tryouts.prefixKey, keys.prefixKey), gt(tryouts.createdAt, since)));
      if ((prefix?.n ?? 0) >= s.env.TRYOUT_PREFIX_HOURLY_MAX) {
        throw new TryoutBusyError(
          secondsUntilWindowFrees(prefix?.oldest ? new Date(prefix.oldest) : null, now),
          'Too many free tryouts were started from your network in the last hour. Try again later, or create a free account.',
        );
      }
      const [all] = await tx
        .select({ n: count(), oldest: sql<string | null>`min(${tryouts.createdAt})` })
        .from(tryouts)
        .where(gt(tryouts.createdAt, since));
      if ((all?.n ?? 0) >= s.env.TRYOUT_HOURLY_MAX) {
        throw new TryoutBusyError(
          secondsUntilWindowFrees(all?.oldest ? new Date(all.oldest) : null, now),
          'Free tryouts are busy right now. Try again later, or create a free account.',
        );
      }
      const [row] = await tx.insert(tryouts).values({ ...keys, createdAt: now }).returning({ id: tryouts.id });
      // Retention: one purge job per day of tryouts, due when that day's rows have all expired.
      const due = tryoutPurgeDue(now, s.env.TRYOUT_RETENTION_DAYS);
      await enqueueTx(tx, { kind: TRYOUT_RETENTION_JOB, payload: {}, uniqueKey: `${TRYOUT_RETENTION_JOB}:${due.toISOString().slice(0, 10)}`, runAfter: due });
      return row!.id;
    });
  } catch (error) {
    if (pgCode(error) === '23505') throw new TryoutRefusedError(USED_MESSAGE);
    throw error;
  }
}

/** Starts the tryout: the reservation, then the guest account, its application and its 5-minute interview. */
export async function startTryout(s: Services, input: StartTryoutInput): Promise<StartedTryout> {
  if (!s.tryoutSecret || s.env.TRYOUT_HOURLY_MAX === 0) {
    throw new ApiError(503, 'tryout_unavailable', 'The free tryout is not offered on this server. Create a free account to practise.');
  }
  const keys = tryoutKeys(s.tryoutSecret, input);
  const stack = requireStackForNewInterview(stackPolicy(s.env), undefined);
  const tryoutId = await reserveTryout(s, keys);
  const userId = crypto.randomUUID();
  try {
    // Nobody knows this password: the account cannot be signed into until it is claimed.
    const passwordHash = await hashPassword(randomToken(32));
    const jobDescription = tryoutJobDescription(input.role);
    const analysis = await s.analysis.analyze({ cvText: null, jobDescription, role: input.role, seniority: 'mid' });
    const plan = buildInterviewPlan({ analysis, interviewType: 'behavioural', seniority: 'mid', role: input.role, company: TRYOUT_COMPANY, questionCount: TRYOUT_QUESTION_COUNT });
    const interviewId = crypto.randomUUID();
    await s.db.asUser(userId, async (tx) => {
      await tx.insert(users).values({ id: userId, email: `guest-${userId}@${GUEST_EMAIL_DOMAIN}`, displayName: GUEST_DISPLAY_NAME, passwordHash, guest: true });
      const [app] = await tx
        .insert(applications)
        .values({ userId, company: TRYOUT_COMPANY, role: input.role, seniority: 'mid', interviewType: 'behavioural', jobDescription })
        .returning({ id: applications.id });
      await tx.insert(interviews).values({
        id: interviewId,
        userId,
        applicationId: app!.id,
        roomName: toRoomName(interviewId),
        plan,
        analysis,
        cvSnapshot: null,
        providerSettings: providerOverrideFor(stack),
        stack,
        timeBoxSeconds: TRYOUT_TIME_BOX_SECONDS,
      });
    });
    await s.db.asWorker((tx) => tx.update(tryouts).set({ userId }).where(eq(tryouts.id, tryoutId)));
    const { token, session } = await createSession(s, userId, s.now());
    await recordEvent(s, 'interview_created');
    s.logger.info({ userId, interviewId }, 'tryout started');
    return { userId, interviewId, token, session };
  } catch (error) {
    // Nothing half-made stays behind: the device may try again.
    await s.db.asWorker((tx) => tx.delete(tryouts).where(eq(tryouts.id, tryoutId))).catch(() => undefined);
    await s.db.asUser(userId, (tx) => tx.delete(users).where(eq(users.id, userId))).catch(() => undefined);
    throw error;
  }
}

/** The guest's tryout interview (the one interview a guest has), or null. */
export async function getGuestInterviewId(s: Services, userId: string): Promise<string | null> {
  const [iv] = await s.db.asUser(userId, (tx) => tx.select({ id: interviews.id }).from(interviews).limit(1));
  return iv?.id ?? null;
}

export interface ClaimInput {
  email: string;
  displayName: string;
  passwordHash: string;
}

/**
 * Turns the guest into a full account: the same users row, so the tryout's interview, transcript
 * and report stay with it. 409 when the account is no guest (claimed already), or the address has
 * an account (the tryout cannot be merged into it: docs/decisions on the tryout say why).
 * Every guest session ends; the caller gets a fresh one.
 */
export async function claimTryout(s: Services, userId: string, input: ClaimInput): Promise<{ token: string; session: Session }> {
  let claimed: boolean;
  try {
    claimed = await writeUser(s, userId, async (tx) => {
      const rows = await tx
        .update(users)
        .set({ email: input.email, displayName: input.displayName, passwordHash: input.passwordHash, guest: false, ageConfirmedAt: s.now() })
        .where(and(eq(users.id, userId), eq(users.guest, true)))
        .returning({ id: users.id });
      if (rows.length === 0) return false;
      // A claimed tryout is a new account: it gets the starting grant (once per account, whoever asks).
      await grantStartingCredits(tx, userId, s.env);
      return true;
    });
  } catch (error) {
    if (pgCode(error) === '23505') {
      throw new ConflictError('email_taken', 'An account already uses this email address. Use another address, or sign in to that account (this tryout stays separate).');
    }
    throw error;
  }
  if (!claimed) throw new ConflictError('not_a_guest', 'This account is not a tryout: there is nothing to claim.');
  // The device stays used; the row no longer names the account (nor is the account purged with it).
  await s.db.asWorker((tx) => tx.update(tryouts).set({ userId: null }).where(eq(tryouts.userId, userId)));
  // No fixation: the guest's cookie (perhaps left on a shared computer) does not carry into the account.
  await invalidateUserSessions(s, userId);
  const fresh = await createSession(s, userId, s.now());
  await recordEvent(s, 'account_created');
  s.logger.info({ userId }, 'tryout claimed');
  return fresh;
}
