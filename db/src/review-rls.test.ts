/**
 * Row-level security of the review workspace (issue 18): a reviewer reads exactly the interviews
 * shared with them, never writes a candidate's data, sees the AI's and others' scores only after
 * submitting their own, and loses access the moment a share is revoked or the interview deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type MockroomDb, type Tx } from './client.js';
import {
  applications,
  calibrationItems,
  cohortInvitations,
  cohortMembers,
  cohorts,
  interviews,
  reports,
  reviewComments,
  reviews,
  reviewShares,
  transcriptTurns,
  users,
} from './schema/index.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let t: TestDatabase;
let db: MockroomDb;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A review transaction: the API's review routes set app.review_mode (api/src/lib/review-db.ts). */
function asReviewer<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.asUser(userId, async (tx) => {
    await tx.execute(sql`select set_config('app.review_mode', 'on', true)`);
    return fn(tx);
  });
}

async function createUser(tag: string): Promise<string> {
  const id = randomUUID();
  await db.asUser(id, (tx) => tx.insert(users).values({ id, email: `${tag}-${id}@example.test`, displayName: tag, passwordHash: 'x' }));
  return id;
}

/** An ended interview of `userId` with two turns and an AI report. */
async function createInterview(userId: string): Promise<{ interviewId: string; turnIds: string[] }> {
  const [app] = await db.asUser(userId, (tx) =>
    tx.insert(applications).values({ userId, company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'jd' }).returning(),
  );
  const interviewId = randomUUID();
  await db.asUser(userId, (tx) => tx.insert(interviews).values({ id: interviewId, userId, applicationId: app!.id, roomName: `iv_${interviewId}`, plan: {}, timeBoxSeconds: 900 }));
  const now = new Date();
  const turnRows = await db.asAgent(interviewId, (tx) =>
    tx
      .insert(transcriptTurns)
      .values([
        { interviewId, userId, turnId: 'r1', sequence: 0, speaker: 'recruiter' as const, text: 'Tell me about a project.', startedAt: now, endedAt: now },
        { interviewId, userId, turnId: 'c1', sequence: 1, speaker: 'candidate' as const, text: 'I led a migration.', startedAt: now, endedAt: now },
      ])
      .returning(),
  );
  await db.asUser(userId, (tx) =>
    tx.insert(reports).values({ interviewId, userId, version: 'v1', generator: 'offline', overall: 60, dimensions: [], speech: {}, body: {} }),
  );
  return { interviewId, turnIds: turnRows.map((r) => r.id) };
}

async function share(owner: string, interviewId: string, audience: { reviewerUserId?: string; cohortId?: string; inviteTokenHash?: string }) {
  const [row] = await db.asUser(owner, (tx) => tx.insert(reviewShares).values({ interviewId, userId: owner, pseudonym: 'Candidate K7', ...audience }).returning());
  return row!.id;
}

let candidate: string;
let reviewer: string;
let stranger: string;
let iv: { interviewId: string; turnIds: string[] };
let other: { interviewId: string; turnIds: string[] };

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  candidate = await createUser('candidate');
  reviewer = await createUser('reviewer');
  stranger = await createUser('stranger');
  iv = await createInterview(candidate);
  other = await createInterview(candidate);
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe('review workspace row-level security', () => {
  it('forces RLS on every review table', async () => {
    const rows = rowsOf<{ name: string; forced: boolean }>(
      await db.owner.execute(sql`select relname as name, relforcerowsecurity as forced from pg_class
        where relname in ('cohorts','cohort_members','cohort_invitations','review_shares','calibration_items','reviews','review_comments') order by 1`),
    );
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.forced)).toBe(true);
  });

  it('shows a reviewer exactly the interviews shared with them, and nothing before', async () => {
    expect(await asReviewer(reviewer, (tx) => tx.select().from(interviews))).toHaveLength(0);
    const shareId = await share(candidate, iv.interviewId, { reviewerUserId: reviewer });
    const seen = await asReviewer(reviewer, (tx) => tx.select({ id: interviews.id }).from(interviews));
    expect(seen.map((r) => r.id)).toEqual([iv.interviewId]);
    // Outside a review transaction (the candidate-facing routes) the share grants nothing.
    expect(await db.asUser(reviewer, (tx) => tx.select().from(interviews))).toHaveLength(0);
    expect(await db.asUser(reviewer, (tx) => tx.select().from(transcriptTurns))).toHaveLength(0);
    const turns = await asReviewer(reviewer, (tx) => tx.select({ interviewId: transcriptTurns.interviewId }).from(transcriptTurns));
    expect(turns).toHaveLength(2);
    expect(new Set(turns.map((r) => r.interviewId))).toEqual(new Set([iv.interviewId]));
    // Nothing else of the candidate's: not the other interview, the application or the account.
    expect(await asReviewer(reviewer, (tx) => tx.select().from(applications))).toHaveLength(0);
    expect((await asReviewer(reviewer, (tx) => tx.select().from(users))).map((u) => u.id)).toEqual([reviewer]);
    expect(await asReviewer(stranger, (tx) => tx.select().from(interviews))).toHaveLength(0);
    await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, shareId)));
  });

  it('never lets a reviewer write the candidate’s data', async () => {
    const shareId = await share(candidate, iv.interviewId, { reviewerUserId: reviewer });
    const updated = await asReviewer(reviewer, (tx) => tx.update(interviews).set({ status: 'failed' }).where(eq(interviews.id, iv.interviewId)).returning());
    expect(updated).toHaveLength(0);
    const deleted = await asReviewer(reviewer, (tx) => tx.delete(interviews).where(eq(interviews.id, iv.interviewId)).returning());
    expect(deleted).toHaveLength(0);
    await expect(asReviewer(reviewer, (tx) => tx.update(transcriptTurns).set({ text: 'x' }).where(eq(transcriptTurns.interviewId, iv.interviewId)))).rejects.toThrow();
    // Nor share the interview onward, nor change who it is shared with.
    await expect(share(reviewer, iv.interviewId, { reviewerUserId: stranger })).rejects.toThrow();
    expect(await asReviewer(reviewer, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, shareId)).returning())).toHaveLength(0);
    const [still] = await db.asUser(candidate, (tx) => tx.select({ status: interviews.status }).from(interviews).where(eq(interviews.id, iv.interviewId)));
    expect(still?.status).toBe('scheduled');
    await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, shareId)));
  });

  it('ends access the moment the candidate revokes the share', async () => {
    const shareId = await share(candidate, iv.interviewId, { reviewerUserId: reviewer });
    expect(await asReviewer(reviewer, (tx) => tx.select().from(transcriptTurns))).toHaveLength(2);
    await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, shareId)));
    expect(await asReviewer(reviewer, (tx) => tx.select().from(interviews))).toHaveLength(0);
    expect(await asReviewer(reviewer, (tx) => tx.select().from(transcriptTurns))).toHaveLength(0);
    // Writing a review or a comment on it is refused too.
    await expect(asReviewer(reviewer, (tx) => tx.insert(reviews).values({ userId: reviewer, interviewId: iv.interviewId, scores: {} }))).rejects.toThrow();
  });

  it('hides the AI report and other reviewers’ scores until the reviewer submits', async () => {
    const second = await createUser('second');
    const s1 = await share(candidate, iv.interviewId, { reviewerUserId: reviewer });
    const s2 = await share(candidate, iv.interviewId, { reviewerUserId: second });
    await asReviewer(second, (tx) => tx.insert(reviews).values({ userId: second, interviewId: iv.interviewId, scores: { clarity: 4 }, submittedAt: new Date() }));
    const [mine] = await asReviewer(reviewer, (tx) => tx.insert(reviews).values({ userId: reviewer, interviewId: iv.interviewId, scores: { clarity: 2 } }).returning());
    expect(await asReviewer(reviewer, (tx) => tx.select().from(reports))).toHaveLength(0);
    expect((await asReviewer(reviewer, (tx) => tx.select().from(reviews))).map((r) => r.userId)).toEqual([reviewer]);
    await asReviewer(reviewer, (tx) => tx.update(reviews).set({ submittedAt: new Date() }).where(eq(reviews.id, mine!.id)));
    expect(await asReviewer(reviewer, (tx) => tx.select().from(reports))).toHaveLength(1);
    expect((await asReviewer(reviewer, (tx) => tx.select().from(reviews))).map((r) => r.userId).sort()).toEqual([reviewer, second].sort());
    // The candidate does not see reviews until one is shared back.
    expect(await db.asUser(candidate, (tx) => tx.select().from(reviews))).toHaveLength(0);
    for (const id of [s1, s2]) await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, id)));
    // Revoked: the report is hidden again although the review stays the reviewer's.
    expect(await asReviewer(reviewer, (tx) => tx.select().from(reports))).toHaveLength(0);
  });

  it('lets a reviewer comment only on turns of a shared interview, and the candidate read them once shared back', async () => {
    const shareId = await share(candidate, other.interviewId, { reviewerUserId: reviewer });
    const [review] = await asReviewer(reviewer, (tx) => tx.insert(reviews).values({ userId: reviewer, interviewId: other.interviewId, scores: {} }).returning());
    await asReviewer(reviewer, (tx) => tx.insert(reviewComments).values({ interviewId: other.interviewId, userId: reviewer, turnId: other.turnIds[1]!, spanStart: 2, spanEnd: 5, starPart: 'action', body: 'Say what you did.' }));
    // A turn of another interview cannot be smuggled in under this one.
    await expect(
      asReviewer(reviewer, (tx) => tx.insert(reviewComments).values({ interviewId: other.interviewId, userId: reviewer, turnId: iv.turnIds[1]!, body: 'x' })),
    ).rejects.toThrow();
    expect(await db.asUser(candidate, (tx) => tx.select().from(reviewComments))).toHaveLength(0);
    await asReviewer(reviewer, (tx) => tx.update(reviews).set({ sharedBackAt: new Date() }).where(eq(reviews.id, review!.id)));
    const seen = await db.asUser(candidate, (tx) => tx.select().from(reviewComments));
    expect(seen.map((c) => c.body)).toEqual(['Say what you did.']);
    expect(await asReviewer(stranger, (tx) => tx.select().from(reviewComments))).toHaveLength(0);
    await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.id, shareId)));
  });

  it('accepts an invitation link once, never for the candidate themself', async () => {
    const token = randomUUID();
    await share(candidate, other.interviewId, { inviteTokenHash: hash(token) });
    const self = await db.asUser(candidate, async (tx) => rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_share(${hash(token)}, ${"Rita Reviewer"}) as id`)));
    expect(self[0]?.id ?? null).toBeNull();
    expect(await asReviewer(stranger, (tx) => tx.select().from(interviews))).toHaveLength(0);
    const accepted = await asReviewer(stranger, async (tx) => rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_share(${hash(token)}, ${"Rita Reviewer"}) as id`)));
    expect(accepted[0]?.id).toBe(other.interviewId);
    expect((await asReviewer(stranger, (tx) => tx.select({ id: interviews.id }).from(interviews))).map((r) => r.id)).toEqual([other.interviewId]);
    const [accepted1] = await db.asUser(candidate, (tx) => tx.select().from(reviewShares).where(eq(reviewShares.interviewId, other.interviewId)));
    expect({ reviewer: accepted1?.reviewerUserId, name: accepted1?.reviewerName, token: accepted1?.inviteTokenHash }).toEqual({ reviewer: stranger, name: 'Rita Reviewer', token: null });
    const again = await asReviewer(reviewer, async (tx) => rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_share(${hash(token)}, ${"Rita Reviewer"}) as id`)));
    expect(again[0]?.id ?? null).toBeNull();
    await db.asUser(candidate, (tx) => tx.delete(reviewShares).where(eq(reviewShares.interviewId, other.interviewId)));
  });

  it('shares with a cohort: members read it, the lead sees members’ submitted scores, outsiders nothing', async () => {
    const lead = await createUser('lead');
    const [cohort] = await asReviewer(lead, (tx) => tx.insert(cohorts).values({ name: 'Spring cohort', leadUserId: lead }).returning());
    await asReviewer(lead, (tx) => tx.insert(cohortMembers).values({ cohortId: cohort!.id, userId: lead }));
    // A lead cannot enrol someone without their acceptance.
    await expect(asReviewer(lead, (tx) => tx.insert(cohortMembers).values({ cohortId: cohort!.id, userId: stranger }))).rejects.toThrow();
    const token = randomUUID();
    await asReviewer(lead, (tx) => tx.insert(cohortInvitations).values({ cohortId: cohort!.id, tokenHash: hash(token), expiresAt: new Date(Date.now() + 60_000) }));
    const trainee = await createUser('trainee');
    const joined = await asReviewer(trainee, async (tx) => rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_cohort_invitation(${hash(token)}) as id`)));
    expect(joined[0]?.id).toBe(cohort!.id);
    await share(candidate, iv.interviewId, { cohortId: cohort!.id });
    for (const member of [lead, trainee]) {
      expect((await asReviewer(member, (tx) => tx.select({ id: interviews.id }).from(interviews))).map((r) => r.id)).toEqual([iv.interviewId]);
    }
    expect(await asReviewer(stranger, (tx) => tx.select().from(interviews))).toHaveLength(0);
    await asReviewer(trainee, (tx) => tx.insert(reviews).values({ userId: trainee, interviewId: iv.interviewId, scores: { clarity: 3 }, submittedAt: new Date() }));
    const leadSees = await asReviewer(lead, (tx) => tx.select({ userId: reviews.userId }).from(reviews));
    expect(leadSees.map((r) => r.userId)).toEqual([trainee]);
    // The trainee sees the cohort but not who else is in it.
    expect((await asReviewer(trainee, (tx) => tx.select().from(cohorts))).map((c) => c.id)).toEqual([cohort!.id]);
    expect((await asReviewer(trainee, (tx) => tx.select().from(cohortMembers))).map((m) => m.userId)).toEqual([trainee]);
    // Cohort calibration items are the cohort's; the seeded reference items are everyone's.
    const seeded = await asReviewer(stranger, (tx) => tx.select({ id: calibrationItems.id, cohortId: calibrationItems.cohortId }).from(calibrationItems));
    expect(seeded.length).toBeGreaterThanOrEqual(3);
    expect(seeded.every((c) => c.cohortId === null)).toBe(true);
    await expect(
      asReviewer(trainee, (tx) => tx.insert(calibrationItems).values({ cohortId: cohort!.id, createdBy: trainee, title: 't', plan: {}, turns: [], goldScores: {} })),
    ).rejects.toThrow();
  });

  it('deletes shares, reviews and comments with the interview', async () => {
    const extra = await createInterview(candidate);
    await share(candidate, extra.interviewId, { reviewerUserId: reviewer });
    await asReviewer(reviewer, (tx) => tx.insert(reviews).values({ userId: reviewer, interviewId: extra.interviewId, scores: {} }));
    await asReviewer(reviewer, (tx) => tx.insert(reviewComments).values({ interviewId: extra.interviewId, userId: reviewer, turnId: extra.turnIds[1]!, body: 'note' }));
    await db.asUser(candidate, (tx) => tx.delete(interviews).where(eq(interviews.id, extra.interviewId)));
    const left = rowsOf<{ n: number }>(
      await db.owner.execute(sql`select
        (select count(*) from review_shares where interview_id = ${extra.interviewId})::int +
        (select count(*) from reviews where interview_id = ${extra.interviewId})::int +
        (select count(*) from review_comments where interview_id = ${extra.interviewId})::int as n`),
    );
    expect(left[0]?.n).toBe(0);
  });
});
