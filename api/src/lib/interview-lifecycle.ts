/**
 * Closing an interview. Four paths reach it — the agent's end-of-call post, the LiveKit webhook,
 * the candidate's End button and the sweeper — so it is idempotent: only a scheduled/live
 * interview changes, and only that change enqueues the (uniquely keyed) scoring job, in the same
 * transaction.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { EndReason } from '@mockroom/core';
import type { Tx } from '@mockroom/db/client';
import { interviews } from '@mockroom/db/schema';
import { enqueueScoring } from '../jobs/score-interview.js';
import type { Services } from './context.js';
import { forgetAllInterviews } from './open-interviews.js';

export async function closeInterviewTx(
  tx: Tx,
  input: { interviewId: string; reason: EndReason; now: Date; questionStatuses?: unknown[] },
): Promise<boolean> {
  const changed = await tx
    .update(interviews)
    .set({
      status: 'ended',
      endedAt: input.now,
      endReason: input.reason,
      ...(input.questionStatuses && input.questionStatuses.length > 0 ? { questionStatuses: input.questionStatuses } : {}),
    })
    .where(and(eq(interviews.id, input.interviewId), inArray(interviews.status, ['scheduled', 'live'])))
    .returning({ id: interviews.id, userId: interviews.userId });
  const row = changed[0];
  if (!row) return false;
  await enqueueScoring(tx, { interviewId: row.id, userId: row.userId });
  return true;
}

export async function markLiveTx(tx: Tx, interviewId: string, now: Date): Promise<void> {
  await tx
    .update(interviews)
    .set({ status: 'live', startedAt: now })
    .where(and(eq(interviews.id, interviewId), eq(interviews.status, 'scheduled')));
}

/** Grace after the time box before the sweeper closes a call the agent never closed. */
export const SWEEP_GRACE_MS = 5 * 60_000;
/** A scheduled interview nobody joined is failed after this long. */
export const SCHEDULED_EXPIRY_MS = 24 * 3600_000;

export async function sweepInterviews(s: Services): Promise<number> {
  const now = s.now();
  const closed = await s.db.asWorker(async (tx) => {
    const overdue = await tx
      .select({ id: interviews.id })
      .from(interviews)
      .where(
        and(
          eq(interviews.status, 'live'),
          sql`${interviews.startedAt} + make_interval(secs => ${interviews.timeBoxSeconds}) < ${new Date(now.getTime() - SWEEP_GRACE_MS).toISOString()}::timestamptz`,
        ),
      );
    let closed = 0;
    for (const iv of overdue) if (await closeInterviewTx(tx, { interviewId: iv.id, reason: 'time_box', now })) closed++;
    await tx
      .update(interviews)
      .set({ status: 'failed', endedAt: now, endReason: 'error' })
      .where(and(eq(interviews.status, 'scheduled'), lt(interviews.createdAt, new Date(now.getTime() - SCHEDULED_EXPIRY_MS))));
    return closed;
  });
  // It may also have failed stale scheduled interviews it does not list: forget them all.
  forgetAllInterviews(s.db);
  return closed;
}
