/**
 * The `habits_award` job: after an interview is scored, award the achievements the user now meets
 * and refresh their leaderboard entry (if they joined). Idempotent: user_achievements is unique per
 * (user, key) and the insert ignores a duplicate, so a retried or repeated job awards once. It runs
 * as the user (RLS), so a guest tryout account later claimed keeps what it earned, and nothing
 * depends on the user having an email address.
 */
import { eq } from 'drizzle-orm';
import type { MockroomDb, Tx } from '@mockroom/db/client';
import { leaderboardEntries, userAchievements } from '@mockroom/db/schema';
import type { JobHandler } from '../jobs/runner.js';
import { enqueueTx } from '../jobs/queue.js';
import { earnedKeys } from './achievements.js';
import { loadHabitState, type HabitState } from './facts.js';
import { isoWeekStartUtc } from './time.js';

export const HABITS_AWARD_JOB = 'habits_award';

/**
 * Enqueues the award run in the caller's transaction (the scoring job's, as the user). The payload names
 * only the user: the run reads all their interviews, so deleting one leaves nothing dangling.
 */
export async function enqueueHabitsAward(tx: Tx, input: { userId: string; interviewId: string }): Promise<void> {
  await enqueueTx(tx, { kind: HABITS_AWARD_JOB, payload: { userId: input.userId }, userId: input.userId });
}

/** Completed interviews in the current ISO week (UTC): the leaderboard's practice count. */
export function weekCount(state: HabitState, now: Date): { weekStart: string; count: number } {
  const weekStart = isoWeekStartUtc(now);
  return { weekStart, count: state.completed.filter((c) => isoWeekStartUtc(c.at) === weekStart).length };
}

/** Writes the user's current counts onto their leaderboard entry, when they have one. */
export async function refreshLeaderboardEntry(tx: Tx, userId: string, state: HabitState, now: Date): Promise<void> {
  const week = weekCount(state, now);
  await tx
    .update(leaderboardEntries)
    .set({ weekStart: week.weekStart, weekCount: week.count, currentStreak: state.streak.current, streakValidUntil: state.streak.validUntil })
    .where(eq(leaderboardEntries.userId, userId));
}

/** Awards what the user has earned; returns the keys awarded by this call (empty when all were held). */
export async function awardAchievements(db: MockroomDb, userId: string, now: Date): Promise<string[]> {
  return db.asUser(userId, async (tx) => {
    const state = await loadHabitState(tx, userId, now);
    const keys = earnedKeys(state.facts);
    const inserted = keys.length
      ? await tx
          .insert(userAchievements)
          .values(keys.map((key) => ({ userId, key, awardedAt: now })))
          .onConflictDoNothing({ target: [userAchievements.userId, userAchievements.key] })
          .returning({ key: userAchievements.key })
      : [];
    await refreshLeaderboardEntry(tx, userId, state, now);
    return inserted.map((r) => r.key);
  });
}

export const habitsAwardJob: JobHandler = async (job, s) => {
  const userId = String(job.payload.userId);
  const awarded = await awardAchievements(s.db, userId, s.now());
  // Keys are product constants, not personal data.
  if (awarded.length) s.logger.info({ jobId: job.id, awarded }, 'achievements awarded');
};
