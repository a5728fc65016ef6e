/**
 * Durable job queue in the `jobs` table. Claims use FOR UPDATE SKIP LOCKED plus a lease
 * (locked_until), so a crashed runner's job is picked up again after the lease; failures retry
 * with exponential backoff up to max_attempts; a unique key makes enqueueing idempotent. Runners on
 * several API instances share the queue: a claim is exclusive, and a runner whose lease ran out
 * (another instance has claimed the job since) cannot mark the job done or failed over the new claim.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { MockroomDb, Tx } from '@mockroom/db/client';
import { rowsOf } from '@mockroom/db/client';
import { jobs } from '@mockroom/db/schema';

export const JOB_LEASE_MS = 5 * 60_000;
export const BACKOFF_BASE_MS = 2_000;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  uniqueKey?: string;
  userId?: string;
  runAfter?: Date;
}

/** Inserts the job in the caller's transaction (any role with INSERT on jobs); a duplicate unique key is a no-op. */
export async function enqueueTx(tx: Tx, job: NewJob): Promise<void> {
  await tx
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, uniqueKey: job.uniqueKey ?? null, userId: job.userId ?? null, ...(job.runAfter ? { runAfter: job.runAfter } : {}) })
    .onConflictDoNothing();
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  /** This claim's lease: completion and failure apply only while the job still carries it. */
  leaseUntil: Date;
}

export async function claimJob(db: MockroomDb, now: Date): Promise<ClaimedJob | null> {
  const leaseUntil = new Date(now.getTime() + JOB_LEASE_MS);
  return db.asWorker(async (tx) => {
    const rows = rowsOf<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
      await tx.execute(sql`
        update jobs set locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1, updated_at = ${now.toISOString()}::timestamptz
        where id = (
          select id from jobs
          where status = 'pending' and run_after <= ${now.toISOString()}::timestamptz and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
          order by run_after
          limit 1
          for update skip locked
        )
        returning id, kind, payload, attempts, max_attempts`),
    );
    const r = rows[0];
    return r ? { id: r.id, kind: r.kind, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts, leaseUntil } : null;
  });
}

/** False when the claim's lease was lost (another runner holds the job now): nothing is written. */
export async function completeJob(db: MockroomDb, job: Pick<ClaimedJob, 'id' | 'leaseUntil'>, now: Date): Promise<boolean> {
  const rows = await db.asWorker((tx) =>
    tx
      .update(jobs)
      .set({ status: 'done', lockedUntil: null, updatedAt: now })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedUntil, job.leaseUntil)))
      .returning({ id: jobs.id }),
  );
  return rows.length > 0;
}

export async function failJob(db: MockroomDb, job: ClaimedJob, error: unknown, now: Date): Promise<'retry' | 'failed' | 'lease_lost'> {
  const finalAttempt = job.attempts >= job.maxAttempts;
  // Error names/messages from our own code only; they never carry user content.
  const lastError = (error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error').slice(0, 500);
  const rows = await db.asWorker((tx) =>
    tx
      .update(jobs)
      .set({
        status: finalAttempt ? 'failed' : 'pending',
        lockedUntil: null,
        lastError,
        updatedAt: now,
        runAfter: new Date(now.getTime() + BACKOFF_BASE_MS * 2 ** (job.attempts - 1)),
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedUntil, job.leaseUntil)))
      .returning({ id: jobs.id }),
  );
  if (rows.length === 0) return 'lease_lost';
  return finalAttempt ? 'failed' : 'retry';
}
