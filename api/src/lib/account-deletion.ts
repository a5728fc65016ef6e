/**
 * Account deletion with a grace period, as one lifecycle with its side effects in one place:
 *
 *   request (password checked by the route) → users.deletion_due_at set, a durable purge job due
 *   then, every session ended, an email stating the date;
 *   cancel (the owner signed in again during the grace period) → deletion_due_at cleared;
 *   purge (the job, once due) → the user row and, by foreign-key cascade, everything it owns;
 *   plus what no foreign key reaches: outbox mail to the address and the rate-limit buckets keyed
 *   by the user's id or address.
 *
 * While a deletion is pending the account is hidden: pendingDeletionGate answers every route but
 * the few needed to see and cancel it with 403 account_deletion_pending.
 * The purge job's unique key carries the due date, so a request after a cancel queues a new job,
 * and a stale job (cancelled, or superseded by a later request) finds nothing due and does nothing.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { outboxEmails, rateLimits, users } from '@mockroom/db/schema';
import { bucket, LIMITS, type Limit } from '../auth/rate-limit.js';
import { invalidateUserSessions, writeUser } from '../auth/session.js';
import { enqueueTx } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/runner.js';
import type { AppEnv, Services } from './context.js';
import { errorBody } from './errors.js';
import { recordEvent } from './events.js';

export const PURGE_ACCOUNT_JOB = 'purge_account';
const DAY_MS = 24 * 3600_000;

/** Every per-user or per-address rate-limit bucket, so the purge can remove the user's. */
const USER_KEYED_LIMITS: readonly Limit[] = [
  ...Object.values(LIMITS),
  // cv.ts's upload limit, by name (importing the route module here would be a cycle).
  { name: 'cv-upload-user', max: 0, windowMs: 1 },
];

/** How a date is written to the person (email and settings page agree): "13 December 2026". */
export function formatDeletionDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Schedules the deletion; returns when the purge is due. The caller has verified the password. */
export async function requestAccountDeletion(s: Services, user: { id: string; email: string }): Promise<Date> {
  const dueAt = new Date(s.now().getTime() + s.env.ACCOUNT_DELETION_GRACE_DAYS * DAY_MS);
  await writeUser(s, user.id, async (tx) => {
    await tx.update(users).set({ deletionDueAt: dueAt }).where(eq(users.id, user.id));
    await enqueueTx(tx, {
      kind: PURGE_ACCOUNT_JOB,
      payload: { userId: user.id },
      uniqueKey: `${PURGE_ACCOUNT_JOB}:${user.id}:${dueAt.toISOString()}`,
      userId: user.id,
      runAfter: dueAt,
    });
  });
  // "Signs the account out everywhere": every session of every device, this one included.
  await invalidateUserSessions(s, user.id);
  const date = formatDeletionDate(dueAt);
  const signIn = new URL('/#/signin', s.env.APP_BASE_URL).toString();
  s.background(() =>
    s.mailer.send({
      to: user.email,
      userId: user.id,
      subject: 'Your Mockroom account will be deleted',
      text:
        `You asked us to delete your Mockroom account. On ${date} it will be deleted for good, with everything in it: ` +
        `your CV, applications, interviews, transcripts and reports. You have been signed out everywhere.\n\n` +
        `Changed your mind? Sign in before ${date} at ${signIn} and choose "Keep my account".`,
    }),
  );
  await recordEvent(s, 'account_deletion_requested');
  s.logger.info({ userId: user.id }, 'account deletion requested');
  return dueAt;
}

/** Clears a pending deletion; false when none was pending. */
export async function cancelAccountDeletion(s: Services, userId: string): Promise<boolean> {
  const rows = await writeUser(s, userId, (tx) =>
    tx.update(users).set({ deletionDueAt: null }).where(and(eq(users.id, userId), isNotNull(users.deletionDueAt))).returning({ id: users.id }),
  );
  if (rows.length === 0) return false;
  await recordEvent(s, 'account_deletion_cancelled');
  s.logger.info({ userId }, 'account deletion cancelled');
  return true;
}

export type PurgeOutcome = 'purged' | 'not_due' | 'gone';

/**
 * Deletes the account and everything it owns, if its deletion is due. The user row's delete
 * cascades over every table with a foreign key to users (db/src/schema: ownerUserIdColumn and the
 * cascades under it); purge.test.ts checks every table of the schema afterwards.
 */
export async function purgeAccount(s: Pick<Services, 'db' | 'now' | 'logger' | 'env' | 'caches'>, userId: string): Promise<PurgeOutcome> {
  const [row] = await s.db.asUser(userId, (tx) => tx.select({ email: users.email, dueAt: users.deletionDueAt }).from(users).where(eq(users.id, userId)));
  if (!row) return 'gone';
  if (!row.dueAt || row.dueAt.getTime() > s.now().getTime()) return 'not_due';
  const buckets = USER_KEYED_LIMITS.flatMap((limit) => [bucket(limit, userId), bucket(limit, row.email), bucket(limit, `unknown:${row.email}`)]);
  await s.db.asWorker(async (tx) => {
    await tx.delete(rateLimits).where(inArray(rateLimits.key, buckets));
    // Mail queued to the address without an owner id (none today; cheap to be sure).
    await tx.delete(outboxEmails).where(eq(outboxEmails.to, row.email));
  });
  await writeUser(s, userId, (tx) => tx.delete(users).where(eq(users.id, userId)));
  await recordEvent(s, 'account_purged');
  s.logger.info({ userId }, 'account purged');
  return 'purged';
}

export const purgeAccountJob: JobHandler = async (job, s) => {
  const userId = job.payload.userId;
  if (typeof userId !== 'string') throw new Error('purge job without a user id');
  await purgeAccount(s, userId);
};

/** Paths a signed-in account with a pending deletion may still use: see and cancel it, sign out. */
const OPEN_WHILE_PENDING = [/^\/api\/auth\//, /^\/api\/me\/deletion\/?$/, /^\/api\/privacy\/?$/, /^\/api\/health\/?$/];

/**
 * Hides an account whose deletion is pending: its session works only to see and cancel the
 * deletion (or sign out); everything else answers 403 account_deletion_pending.
 */
export function pendingDeletionGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user?.deletionDueAt && !OPEN_WHILE_PENDING.some((re) => re.test(c.req.path))) {
      return c.json(errorBody('account_deletion_pending', 'this account is scheduled for deletion: cancel the deletion to use it again'), 403);
    }
    return next();
  };
}
