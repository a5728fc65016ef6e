/**
 * Deleting an interview or an application for real, at once. The rows go by foreign-key cascade
 * (an application → its interviews → their transcript turns, turn metrics and reports; the
 * interview row itself holds the dossier: CV snapshot, analysis and plan). What no foreign key
 * reaches is removed here too: queued scoring jobs that name the interview. A live interview is
 * closed first through the lifecycle, so the open-interview cache forgets it; the agent's later
 * writes for it then answer 404, which the agent's spool treats as final and drops.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { applications, interviews, jobs } from '@mockroom/db/schema';
import { SCORE_JOB } from '../jobs/score-interview.js';
import type { Services } from './context.js';
import { recordEvent } from './events.js';
import { withTransitions } from './interview-lifecycle.js';

/** Removes queued jobs that would read the deleted interviews (the payload holds only the id). */
async function deleteInterviewJobs(s: Services, interviewIds: string[]): Promise<void> {
  if (interviewIds.length === 0) return;
  await s.db.asWorker((tx) => tx.delete(jobs).where(and(eq(jobs.kind, SCORE_JOB), inArray(sql`${jobs.payload}->>'interviewId'`, interviewIds))));
}

/** Deletes one of the user's interviews; false when they have none by that id. */
export async function deleteInterview(s: Services, userId: string, interviewId: string): Promise<boolean> {
  const deleted = await withTransitions(s, (work) => s.db.asUser(userId, work), async (tx, t) => {
    const [found] = await tx.select({ id: interviews.id, status: interviews.status }).from(interviews).where(eq(interviews.id, interviewId));
    if (!found) return false;
    if (found.status === 'scheduled' || found.status === 'live') await t.close({ interviewId, reason: 'candidate_left' });
    const rows = await tx.delete(interviews).where(eq(interviews.id, interviewId)).returning({ id: interviews.id });
    return rows.length > 0;
  });
  if (!deleted) return false;
  await deleteInterviewJobs(s, [interviewId]);
  await recordEvent(s, 'interview_deleted');
  s.logger.info({ interviewId }, 'interview deleted');
  return true;
}

/** Deletes one of the user's applications with its interviews; false when they have none by that id. */
export async function deleteApplication(s: Services, userId: string, applicationId: string): Promise<boolean> {
  const result = await withTransitions(s, (work) => s.db.asUser(userId, work), async (tx, t) => {
    const ivs = await tx.select({ id: interviews.id, status: interviews.status }).from(interviews).where(eq(interviews.applicationId, applicationId));
    for (const iv of ivs) if (iv.status === 'scheduled' || iv.status === 'live') await t.close({ interviewId: iv.id, reason: 'candidate_left' });
    const rows = await tx.delete(applications).where(eq(applications.id, applicationId)).returning({ id: applications.id });
    return rows.length > 0 ? ivs.map((iv) => iv.id) : null;
  });
  if (!result) return false;
  await deleteInterviewJobs(s, result);
  await recordEvent(s, 'application_deleted');
  if (result.length > 0) await recordEvent(s, 'interview_deleted', result.length);
  s.logger.info({ applicationId, interviews: result.length }, 'application deleted');
  return true;
}
