/** The lifecycle's side effects: a close forgets the open-interview cache and wakes the job runner once. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { interviews, jobs } from '@mockroom/db/schema';
import { createHarness, createInterview as createAppInterview, harnessPerFile, signUp, type Harness } from '../test/harness.js';
import { closeInterview, requireOpenInterview, withTransitions } from './interview-lifecycle.js';

let h: Harness;
let alice: Awaited<ReturnType<typeof signUp>>;
harnessPerFile(async (x) => {
  h = x;
  alice = await signUp(h, 'alice');
});

async function createInterview(): Promise<string> {
  return (await createAppInterview(alice.browser, { role: 'Engineer', jobDescription: 'Postgres.' })).interviewId;
}

/** The app's services with a counting kickJobs. */
function countingKicks() {
  const counter = { kicks: 0 };
  return { s: { ...h.app.services, kickJobs: () => void counter.kicks++ }, counter };
}

describe('interview lifecycle', () => {
  it('forgets the open interview and kicks the job runner once when a close queues scoring', async () => {
    const id = await createInterview();
    const { s, counter } = countingKicks();
    await requireOpenInterview(s, id, alice.user.id);
    expect(s.caches.openInterviews.isKnownOpen(id, alice.user.id)).toBe(true);

    expect(await closeInterview(s, (work) => s.db.asAgent(id, work), { interviewId: id, reason: 'completed' })).toBe(true);
    expect(s.caches.openInterviews.isKnownOpen(id, alice.user.id)).toBe(false);
    expect(counter.kicks).toBe(1);
    const [row] = await s.db.asUser(alice.user.id, (tx) => tx.select({ status: interviews.status, endReason: interviews.endReason }).from(interviews).where(eq(interviews.id, id)));
    expect(row).toEqual({ status: 'ended', endReason: 'completed' });
    await expect(requireOpenInterview(s, id, alice.user.id)).rejects.toMatchObject({ status: 409 });

    // A second close from another path changes nothing and queues nothing.
    expect(await closeInterview(s, (work) => s.db.asAgent(id, work), { interviewId: id, reason: 'candidate_left' })).toBe(true);
    expect(counter.kicks).toBe(1);
    const queued = await s.db.asUser(alice.user.id, (tx) => tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.userId, alice.user.id)));
    expect(queued.length).toBeGreaterThanOrEqual(1);
  });

  it('answers false for an interview the role cannot see, with no side effect', async () => {
    const { s, counter } = countingKicks();
    const missing = crypto.randomUUID();
    expect(await closeInterview(s, (work) => s.db.asAgent(missing, work), { interviewId: missing, reason: 'completed' })).toBe(false);
    expect(counter.kicks).toBe(0);
  });

  it('keeps nothing and kicks nothing when the transaction rolls back', async () => {
    const id = await createInterview();
    const { s, counter } = countingKicks();
    await expect(
      withTransitions(s, (work) => s.db.asUser(alice.user.id, work), async (_tx, t) => {
        await t.close({ interviewId: id, reason: 'candidate_left' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    // Still open: the close was rolled back with the transaction.
    await expect(requireOpenInterview(s, id, alice.user.id)).resolves.toBeUndefined();
    expect(counter.kicks).toBe(0);
  });

  it('gives each app instance its own caches', async () => {
    const other = await createHarness();
    try {
      expect(other.app.services.caches).not.toBe(h.app.services.caches);
      expect(other.app.services.caches.sessions).not.toBe(h.app.services.caches.sessions);
    } finally {
      await other.close();
    }
  });
});
