/** The `score_interview` job: transcript + plan → a stored report (one per interview and scorer version). */
import { asc, eq, sql } from 'drizzle-orm';
import { InterviewPlan, type QuestionStatus, type TurnRecord } from '@mockroom/core';
import { SCORER_VERSION } from '@mockroom/core/scoring';
import { applications, interviews, reports, transcriptTurns } from '@mockroom/db/schema';
import type { Tx } from '@mockroom/db/client';
import type { JobHandler } from './runner.js';
import { enqueueTx } from './queue.js';
import { refundIfFailedOnOurSide } from '../billing/ledger.js';
import { settleReferralAfterScoring } from '../billing/referrals.js';
import { enqueueHabitsAward } from '../habits/award.js';

export const SCORE_JOB = 'score_interview';

export function scoreJobKey(interviewId: string, suffix = ''): string {
  return `${SCORE_JOB}:${interviewId}:${SCORER_VERSION}${suffix}`;
}

export async function enqueueScoring(tx: Tx, input: { interviewId: string; userId: string; rescoreNonce?: string }): Promise<void> {
  await enqueueTx(tx, {
    kind: SCORE_JOB,
    payload: { interviewId: input.interviewId, userId: input.userId },
    uniqueKey: scoreJobKey(input.interviewId, input.rescoreNonce ? `:rescore:${input.rescoreNonce}` : ''),
    userId: input.userId,
  });
}

export function toTurnRecord(t: typeof transcriptTurns.$inferSelect): TurnRecord {
  return {
    id: t.id,
    turnId: t.turnId,
    sequence: t.sequence,
    speaker: t.speaker,
    text: t.text,
    startedAt: t.startedAt.toISOString(),
    endedAt: t.endedAt.toISOString(),
    source: t.source,
    interrupted: t.interrupted,
    questionId: t.questionId,
    createdAt: t.createdAt.toISOString(),
  };
}

export const scoreInterviewJob: JobHandler = async (job, s) => {
  const interviewId = String(job.payload.interviewId);
  const userId = String(job.payload.userId);
  // Credits come back for a call that failed on our side, before scoring can fail (api/src/billing).
  await refundIfFailedOnOurSide(s, interviewId);
  const loaded = await s.db.asUser(userId, async (tx) => {
    const [iv] = await tx
      .select({ interview: interviews, role: applications.role })
      .from(interviews)
      .innerJoin(applications, eq(applications.id, interviews.applicationId))
      .where(eq(interviews.id, interviewId));
    if (!iv) return null;
    const turns = await tx.select().from(transcriptTurns).where(eq(transcriptTurns.interviewId, interviewId)).orderBy(asc(transcriptTurns.sequence), asc(transcriptTurns.startedAt));
    return { ...iv, turns };
  });
  // Deleted in the meantime: nothing to score.
  if (!loaded) return;
  const plan = InterviewPlan.parse(loaded.interview.plan);
  const report = await s.analysis.score({
    plan,
    turns: loaded.turns.map(toTurnRecord),
    questionStatuses: (loaded.interview.questionStatuses ?? []) as { questionId: string; status: QuestionStatus }[],
    role: loaded.role,
    requiredSkills: plan.requiredSkills,
  });
  await s.db.asUser(userId, async (tx) => {
    await tx
      .insert(reports)
      .values({
        interviewId,
        userId,
        version: report.version,
        generator: report.generator,
        overall: report.overall,
        dimensions: report.dimensions,
        speech: report.speech,
        body: report,
      })
      .onConflictDoUpdate({
        target: [reports.interviewId, reports.version],
        set: { generator: report.generator, overall: report.overall, dimensions: report.dimensions, speech: report.speech, body: report, createdAt: sql`now()` },
      });
    // Achievements and streak counts follow the new report (api/src/habits/award.ts).
    await enqueueHabitsAward(tx, { userId, interviewId });
  });
  // A first completed, scored interview settles the user's referral, once (api/src/billing/referrals.ts).
  await settleReferralAfterScoring(s, { userId, interviewId, reportStatus: report.status });
};
