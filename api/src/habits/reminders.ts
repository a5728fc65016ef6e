/**
 * Streak reminder emails: a scheduled job (`habits_reminders`) that runs every REMINDER_SLOT_MS.
 * Each run sends one reminder to each user who opted in, whose local time has reached the time they
 * chose, who has not practised today (their zone) and has not had a reminder today: the claim is a
 * conditional UPDATE of last_reminder_on, so two runs (or two API instances) send at most one a day.
 *
 * The worker role finds who is due from the reminder columns only (no address, no name); the address
 * is read as that user (RLS). Every message carries a one-click unsubscribe (RFC 8058 headers, a
 * signed per-user token) and a link to the settings page. Logs carry counts, never an address.
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { habitSettings, users } from '@mockroom/db/schema';
import type { Services } from '../lib/context.js';
import type { Email } from '../lib/mailer.js';
import type { JobHandler } from '../jobs/runner.js';
import { enqueueTx } from '../jobs/queue.js';
import { loadHabitState } from './facts.js';
import { localDate, localTime } from './time.js';
import { createUnsubscribeToken } from './unsubscribe-token.js';

export const HABITS_REMINDERS_JOB = 'habits_reminders';
/** How often the reminder run wakes: a reminder goes out within this long after the chosen time. */
export const REMINDER_SLOT_MS = 15 * 60_000;

type ReminderDeps = Pick<Services, 'db' | 'env' | 'mailer' | 'logger' | 'authSecret'>;

export function unsubscribeUrl(appBaseUrl: string, token: string): string {
  return new URL(`/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`, appBaseUrl).toString();
}

export function reminderEmail(input: { appBaseUrl: string; to: string; userId: string; token: string; streak: number }): Email {
  const unsubscribe = unsubscribeUrl(input.appBaseUrl, input.token);
  const settings = new URL('/#/settings', input.appBaseUrl).toString();
  const practise = new URL('/#/', input.appBaseUrl).toString();
  const lead =
    input.streak > 0
      ? `You are on a ${input.streak}-day practice streak. One interview today keeps it going.`
      : 'A short practice interview today starts a new streak.';
  return {
    to: input.to,
    userId: input.userId,
    subject: input.streak > 0 ? `Keep your ${input.streak}-day practice streak going` : 'Time for a practice interview',
    text: [
      lead,
      '',
      `Practise now: ${practise}`,
      '',
      'You get this because you turned on streak reminders.',
      `Turn them off in your settings: ${settings}`,
      `Or unsubscribe with one click: ${unsubscribe}`,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

export interface ReminderRun {
  due: number;
  sent: number;
  skippedPractised: number;
}

/** Sends the reminders due at `now`. Safe to run any number of times. */
export async function sendDueReminders(s: ReminderDeps, now: Date): Promise<ReminderRun> {
  const rows = await s.db.asWorker((tx) =>
    tx
      .select({ userId: habitSettings.userId, timeZone: habitSettings.timeZone, reminderTime: habitSettings.reminderTime, lastReminderOn: habitSettings.lastReminderOn })
      .from(habitSettings)
      .where(eq(habitSettings.remindersEnabled, true)),
  );
  const run: ReminderRun = { due: 0, sent: 0, skippedPractised: 0 };
  for (const row of rows) {
    const today = localDate(now, row.timeZone);
    if (row.lastReminderOn === today || localTime(now, row.timeZone) < row.reminderTime) continue;
    run.due++;
    const who = await s.db.asUser(row.userId, async (tx) => {
      const [u] = await tx.select({ email: users.email, verified: users.emailVerified }).from(users).where(eq(users.id, row.userId));
      const state = await loadHabitState(tx, row.userId, now);
      return u ? { ...u, practisedToday: state.streak.practisedToday, streak: state.streak.current } : null;
    });
    // Only to a confirmed address (a tryout account's placeholder is never confirmed).
    if (!who || !who.verified) continue;
    // The day is claimed either way: someone who practised needs no reminder today, and later runs skip them.
    const claimed = await s.db.asWorker((tx) =>
      tx
        .update(habitSettings)
        .set({ lastReminderOn: today })
        .where(and(eq(habitSettings.userId, row.userId), eq(habitSettings.remindersEnabled, true), or(isNull(habitSettings.lastReminderOn), ne(habitSettings.lastReminderOn, today))))
        .returning({ userId: habitSettings.userId }),
    );
    if (claimed.length === 0) continue;
    if (who.practisedToday) {
      run.skippedPractised++;
      continue;
    }
    try {
      const token = createUnsubscribeToken(s.authSecret, row.userId);
      await s.mailer.send(reminderEmail({ appBaseUrl: s.env.APP_BASE_URL, to: who.email, userId: row.userId, token, streak: who.streak }));
      run.sent++;
    } catch (error) {
      // Give the day back so a later run tries again.
      await s.db.asWorker((tx) => tx.update(habitSettings).set({ lastReminderOn: row.lastReminderOn }).where(eq(habitSettings.userId, row.userId)));
      s.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'streak reminder not sent');
    }
  }
  if (run.due) s.logger.info({ ...run }, 'streak reminders run');
  return run;
}

/** The start of the next slot after `now`. */
export function nextReminderSlot(now: Date): Date {
  return new Date((Math.floor(now.getTime() / REMINDER_SLOT_MS) + 1) * REMINDER_SLOT_MS);
}

/** Enqueues the run for the next slot; the slot is the unique key, so every instance may call this. */
export async function scheduleReminderRun(s: Pick<Services, 'db'>, now: Date): Promise<void> {
  const at = nextReminderSlot(now);
  await s.db.asWorker((tx) => enqueueTx(tx, { kind: HABITS_REMINDERS_JOB, payload: {}, uniqueKey: `${HABITS_REMINDERS_JOB}:${at.toISOString()}`, runAfter: at }));
}

export const habitsRemindersJob: JobHandler = async (_job, s) => {
  const now = s.now();
  // Scheduled first: a failing run must not end the chain.
  await scheduleReminderRun(s, now);
  await sendDueReminders(s, now);
};
