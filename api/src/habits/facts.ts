/**
 * Reads what habits are computed from, inside the caller's transaction as the user (RLS: own rows):
 * the habit settings and the completed interviews. Completed (docs/habits.md): the interview ended
 * (not failed, not ended by an error on our side) and its latest report is scored, not "incomplete".
 */
import { and, eq, inArray, ne, or, isNull } from 'drizzle-orm';
import type { Tx } from '@mockroom/db/client';
import { habitSettings, interviews, reports } from '@mockroom/db/schema';
import type { CompletedInterview, HabitFacts } from './achievements.js';
import { computeStreak, practiceDays, type Streak } from './streaks.js';
import { localDate } from './time.js';

export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_REMINDER_TIME = '18:00';

export interface HabitSettingsRow {
  timeZone: string;
  /** False until the user (or their browser, on first visit) set a zone: the default UTC is in use. */
  timeZoneSet: boolean;
  remindersEnabled: boolean;
  reminderTime: string;
}

export async function loadSettings(tx: Tx, userId: string): Promise<HabitSettingsRow> {
  const [row] = await tx.select().from(habitSettings).where(eq(habitSettings.userId, userId));
  return row
    ? { timeZone: row.timeZone, timeZoneSet: true, remindersEnabled: row.remindersEnabled, reminderTime: row.reminderTime }
    : { timeZone: DEFAULT_TIME_ZONE, timeZoneSet: false, remindersEnabled: false, reminderTime: DEFAULT_REMINDER_TIME };
}

interface StoredDimension {
  key?: unknown;
  label?: unknown;
  score?: unknown;
}

/** The user's completed interviews, oldest first, each with its latest report's scores. */
/**
 * The user's own interviews only: the app role also reads interviews shared with the user as a
 * reviewer (db/src/schema/interviews.ts), which are someone else's practice.
 */
export async function loadCompleted(tx: Tx, userId: string, timeZone: string, filter: { applicationId?: string } = {}): Promise<CompletedInterview[]> {
  const ivs = await tx
    .select({ id: interviews.id, applicationId: interviews.applicationId, endedAt: interviews.endedAt })
    .from(interviews)
    .where(
      and(
        eq(interviews.userId, userId),
        eq(interviews.status, 'ended'),
        or(isNull(interviews.endReason), ne(interviews.endReason, 'error')),
        filter.applicationId ? eq(interviews.applicationId, filter.applicationId) : undefined,
      ),
    );
  if (ivs.length === 0) return [];
  const reps = await tx
    .select({ interviewId: reports.interviewId, overall: reports.overall, dimensions: reports.dimensions, body: reports.body, createdAt: reports.createdAt })
    .from(reports)
    .where(and(eq(reports.userId, userId), inArray(reports.interviewId, ivs.map((i) => i.id))));
  const latest = new Map<string, (typeof reps)[number]>();
  for (const r of reps) {
    const prev = latest.get(r.interviewId);
    if (!prev || prev.createdAt < r.createdAt) latest.set(r.interviewId, r);
  }
  const out: CompletedInterview[] = [];
  for (const iv of ivs) {
    const r = latest.get(iv.id);
    if (!r) continue;
    // Reports stored before the status field existed were all scored (core/src/report.ts).
    if ((r.body as { status?: string } | null)?.status === 'incomplete') continue;
    const at = iv.endedAt ?? r.createdAt;
    const dimensions = (Array.isArray(r.dimensions) ? (r.dimensions as StoredDimension[]) : [])
      .filter((d) => typeof d.key === 'string' && typeof d.score === 'number')
      .map((d) => ({ key: d.key as string, label: typeof d.label === 'string' ? d.label : (d.key as string), score: d.score as number }));
    const questions = ((r.body as { questions?: unknown } | null)?.questions ?? []) as { questionId?: unknown; text?: unknown; status?: unknown; assessment?: unknown }[];
    out.push({
      interviewId: iv.id,
      applicationId: iv.applicationId,
      at,
      day: localDate(at, timeZone),
      overall: r.overall,
      dimensions,
      questions: (Array.isArray(questions) ? questions : [])
        .filter((q) => typeof q.questionId === 'string' && typeof q.status === 'string')
        .map((q) => ({ questionId: q.questionId as string, text: typeof q.text === 'string' ? q.text : '', status: q.status as string, assessment: typeof q.assessment === 'string' ? q.assessment : '' })),
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface HabitState {
  settings: HabitSettingsRow;
  completed: CompletedInterview[];
  streak: Streak;
  facts: HabitFacts;
}

export async function loadHabitState(tx: Tx, userId: string, now: Date): Promise<HabitState> {
  const settings = await loadSettings(tx, userId);
  const completed = await loadCompleted(tx, userId, settings.timeZone);
  const streak = computeStreak(practiceDays(completed.map((c) => c.at), settings.timeZone), now, settings.timeZone);
  return { settings, completed, streak, facts: { completed, longestStreak: streak.longest } };
}
