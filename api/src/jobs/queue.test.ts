import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@mockroom/db/testing';
import { jobs } from '@mockroom/db/schema';
import { claimJob, completeJob, enqueueTx, failJob, JOB_LEASE_MS } from './queue.js';

describe('job queue leases', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  async function statusOf(uniqueKey: string) {
    const [row] = await t.db.asWorker((tx) => tx.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.uniqueKey, uniqueKey)));
    return row;
  }

  it('lets a runner whose lease ran out neither complete nor fail the job another runner claimed since', async () => {
    const t0 = new Date('2031-03-01T12:00:00Z');
    await t.db.asWorker((tx) => enqueueTx(tx, { kind: 'lease-test', payload: {}, uniqueKey: 'lease-1', runAfter: t0 }));
    const first = await claimJob(t.db, t0);
    expect(first?.kind).toBe('lease-test');
    // Nobody else gets it while the lease holds.
    expect(await claimJob(t.db, new Date(t0.getTime() + JOB_LEASE_MS - 1))).toBeNull();
    const second = await claimJob(t.db, new Date(t0.getTime() + JOB_LEASE_MS + 1));
    expect(second?.id).toBe(first!.id);
    expect(await completeJob(t.db, first!, new Date(t0.getTime() + JOB_LEASE_MS + 2))).toBe(false);
    expect(await failJob(t.db, first!, new Error('late'), new Date(t0.getTime() + JOB_LEASE_MS + 3))).toBe('lease_lost');
    expect(await statusOf('lease-1')).toEqual({ status: 'pending', attempts: 2 });
    expect(await completeJob(t.db, second!, new Date(t0.getTime() + JOB_LEASE_MS + 4))).toBe(true);
    expect(await statusOf('lease-1')).toEqual({ status: 'done', attempts: 2 });
  });

  it('retries a failed job with its lease, then runs it again', async () => {
    const t0 = new Date('2031-03-02T12:00:00Z');
    await t.db.asWorker((tx) => enqueueTx(tx, { kind: 'lease-test', payload: {}, uniqueKey: 'lease-2', runAfter: t0 }));
    const job = await claimJob(t.db, t0);
    expect(await failJob(t.db, job!, new Error('boom'), t0)).toBe('retry');
    const again = await claimJob(t.db, new Date(t0.getTime() + 60_000));
    expect(again?.id).toBe(job!.id);
    expect(again?.attempts).toBe(2);
  });
});
