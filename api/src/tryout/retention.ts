/**
 * Retention of the free tryout (TRYOUT_RETENTION_DAYS): once a tryout is that old, its hashes are
 * deleted, and so is its guest account if it was never claimed (the user row, and by foreign-key
 * cascade its application, interview, transcript, metrics and report).
 *
 * Scheduled as durable jobs: each day with a tryout start enqueues one purge (unique per due day),
 * due at the first midnight (UTC) by which all of that day's tryouts have expired. A purge deletes
 * everything expired by then, so a missed or late run is caught up by the next.
 */
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import { tryouts, users } from '@mockroom/db/schema';
import type { JobHandler } from '../jobs/runner.js';
import type { Services } from '../lib/context.js';

export const TRYOUT_RETENTION_JOB = 'tryout-retention';
const DAY_MS = 24 * 3600_000;

/** When the purge for a tryout started at `now` is due: the next UTC midnight, plus the retention period. */
export function tryoutPurgeDue(now: Date, retentionDays: number): Date {
  const nextMidnight = Date.parse(now.toISOString().slice(0, 10)) + DAY_MS;
  return new Date(nextMidnight + retentionDays * DAY_MS);
}

export interface TryoutPurge {
  /** Tryout rows (hashes) deleted. */
  tryouts: number;
  /** Unclaimed guest accounts deleted with everything they held. */
  guests: number;
}

/** Deletes the tryouts older than the retention period and their unclaimed guest accounts. */
export async function purgeExpiredTryouts(s: Pick<Services, 'db' | 'env' | 'now' | 'logger' | 'caches'>): Promise<TryoutPurge> {
  const cutoff = new Date(s.now().getTime() - s.env.TRYOUT_RETENTION_DAYS * DAY_MS);
  const expired = await s.db.asWorker((tx) =>
    tx
      .select({ userId: tryouts.userId })
      .from(tryouts)
      .where(and(lt(tryouts.createdAt, cutoff), isNotNull(tryouts.userId))),
  );
  let guests = 0;
  for (const { userId } of expired) {
    if (!userId) continue;
    // Only while still a guest: a claim that raced this purge keeps its account.
    const gone = await s.db.asUser(userId, (tx) => tx.delete(users).where(and(eq(users.id, userId), eq(users.guest, true))).returning({ id: users.id }));
    if (gone.length > 0) {
      guests++;
      s.caches.sessions.deleteWhere((v) => v.session.userId === userId);
    }
  }
  const rows = await s.db.asWorker((tx) => tx.delete(tryouts).where(lt(tryouts.createdAt, cutoff)).returning({ id: tryouts.id }));
  if (rows.length || guests) s.logger.info({ tryouts: rows.length, guests }, 'expired tryouts purged');
  return { tryouts: rows.length, guests };
}

export const tryoutRetentionJob: JobHandler = async (_job, s) => {
  await purgeExpiredTryouts(s);
};
