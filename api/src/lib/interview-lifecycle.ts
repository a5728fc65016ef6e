/**
 * The interview lifecycle: scheduled → live → ended (or failed), and the side effects of each
 * transition. Routes and the sweeper change an interview's state only through here.
 *
 * Closing has four callers — the agent's end-of-call post, the LiveKit webhook, the candidate's
 * End button and the sweeper — so it is idempotent: only a scheduled/live interview changes, and
 * only that change enqueues the (uniquely keyed) scoring job, in the same transaction. After the
 * transaction, this module forgets the interview in the open-interview cache and wakes the job
 * runner; no caller repeats that by hand.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { EndReason } from '@mockroom/core';
import type { Tx } from '@mockroom/db/client';
import { interviews } from '@mockroom/db/schema';
import { enqueueScoring } from '../jobs/score-interview.js';
import { refundInterviewTx } from '../billing/ledger.js';
import type { Services } from './context.js';
import { ApiError, NotFoundError } from './errors.js';

type LifecycleDeps = Pick<Services, 'db' | 'caches' | 'now' | 'kickJobs'>;

/** A transaction in the caller's role, e.g. `(work) => s.db.asAgent(id, work)`. */
export type InRole = <R>(work: (tx: Tx) => Promise<R>) => Promise<R>;

export interface CloseInput {
  interviewId: string;
  reason: EndReason;
  questionStatuses?: unknown[];
}

/** The transitions available inside a transaction opened by withTransitions. */
export interface Transitions {
  /** scheduled → live (the candidate joined or the first turn arrived); no-op otherwise. */
  markLive(interviewId: string): Promise<void>;
  /** scheduled/live → ended with a reason, scoring queued; false (no-op) when already closed. */
  close(input: CloseInput): Promise<boolean>;
}

/**
 * Runs work in the caller's transaction with the transitions, then the side effects of every close
 * it attempted: the interview is forgotten in the open-interview cache (also when another instance
 * had closed it already), and the job runner is woken when a close queued scoring.
 */
export async function withTransitions<T>(s: LifecycleDeps, inRole: InRole, work: (tx: Tx, t: Transitions) => Promise<T>): Promise<T> {
  const attempted = new Set<string>();
  let queued = false;
  let result: T;
  try {
    result = await inRole((tx) =>
      work(tx, {
        markLive: (interviewId) => markLiveTx(tx, interviewId, s.now()),
        async close(input) {
          attempted.add(input.interviewId);
          const changed = await closeInterviewTx(tx, { ...input, now: s.now() });
          // Delivered to every API instance when this commits (cluster/bus.ts).
          if (changed) await s.caches.openInterviews.publishClosedTx(tx, input.interviewId);
          queued ||= changed;
          return changed;
        },
      }),
    );
  } finally {
    // Also after a rollback: forgetting only costs this instance one read.
    for (const id of attempted) s.caches.openInterviews.forget(id);
  }
  // Committed: the scoring job exists now.
  if (queued) s.kickJobs();
  return result;
}

/**
 * Closes the interview if the role can see it (idempotent); false when it cannot (no such
 * interview, or not the caller's).
 */
export function closeInterview(s: LifecycleDeps, inRole: InRole, input: CloseInput): Promise<boolean> {
  return withTransitions(s, inRole, async (tx, t) => {
    const [iv] = await tx.select({ id: interviews.id }).from(interviews).where(eq(interviews.id, input.interviewId));
    if (!iv) return false;
    await t.close(input);
    return true;
  });
}

/**
 * For the token route: throws unless the interview is the user's and still open. Remembered per
 * app instance (open-interviews.ts), since a client may ask for a token on every reconnect.
 */
export async function requireOpenInterview(
  s: LifecycleDeps,
  interviewId: string,
  userId: string,
  /** Further checks on the open interview (e.g. its provider stack); throws to refuse. Skipped while it is cached open. */
  check?: (iv: { stack: string | null }) => void,
): Promise<void> {
  if (s.caches.openInterviews.isKnownOpen(interviewId, userId)) return;
  const [iv] = await s.db.asUser(userId, (tx) =>
    tx.select({ id: interviews.id, status: interviews.status, stack: interviews.stack }).from(interviews).where(eq(interviews.id, interviewId)),
  );
  if (!iv) throw new NotFoundError('interview');
  if (iv.status !== 'scheduled' && iv.status !== 'live') throw new ApiError(409, 'interview_closed', 'this interview has ended');
  check?.(iv);
  s.caches.openInterviews.rememberOpen(interviewId, userId);
}

async function closeInterviewTx(tx: Tx, input: CloseInput & { now: Date }): Promise<boolean> {
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

/**
 * scheduled → live inside the caller's transaction. No cache holds "scheduled", so nothing is
 * forgotten (turn-ingest.ts uses this inside its batch transaction).
 */
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

/** Closes overdue live calls and fails stale scheduled ones; returns how many it closed. */
export async function sweepInterviews(s: LifecycleDeps): Promise<number> {
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
    const failed = await tx
      .update(interviews)
      .set({ status: 'failed', endedAt: now, endReason: 'error' })
      .where(and(eq(interviews.status, 'scheduled'), lt(interviews.createdAt, new Date(now.getTime() - SCHEDULED_EXPIRY_MS))))
      .returning({ id: interviews.id });
    // A call charged at its token that never started is given back (api/src/billing).
    for (const iv of failed) await refundInterviewTx(tx, iv.id);
    await s.caches.openInterviews.publishAllClosedTx(tx);
    return closed;
  });
  // It may also have failed stale scheduled interviews it does not list: forget them all.
  s.caches.openInterviews.forgetAll();
  if (closed) s.kickJobs();
  return closed;
}
