/**
 * Practice habits (docs/habits.md): the user's habit settings (time zone, streak reminders),
 * achievements awarded by the habits job, and opt-in leaderboard entries under a chosen handle.
 *
 * Everything is the owner's alone (RLS, own rows). Two narrow exceptions:
 * - the worker role reads the reminder columns of habit_settings to find who is due a reminder
 *   (column grants in the migration: no email, no handle) and sets last_reminder_on;
 * - other users see leaderboard entries only through the SECURITY DEFINER function
 *   habits_leaderboard(), which returns handle and counts, never the user id.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgPolicy, pgRole, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ownerUserIdColumn, users } from './accounts.js';
import { createdAtColumn, idColumn, ownerAllPolicy } from './columns.js';
import { workerRole } from './roles.js';

/** Owns habits_leaderboard() and reads leaderboard_entries only through it (created in the migration). */
export const habitsRole = pgRole('mockroom_habits').existing();

export const habitSettings = pgTable(
  'habit_settings',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** IANA zone name (validated by the API with Intl); practice days and reminders use it. */
    timeZone: text().notNull().default('UTC'),
    remindersEnabled: boolean().notNull().default(false),
    /** Local wall-clock time of the reminder, "HH:MM". */
    reminderTime: text().notNull().default('18:00'),
    /** The user's local calendar day last handled by the reminder run (sent, or skipped as practised): at most one a day. */
    lastReminderOn: date({ mode: 'string' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    ownerAllPolicy('habit_settings_owner'),
    pgPolicy('habit_settings_worker_read', { for: 'select', to: workerRole, using: sql`reminders_enabled` }),
    pgPolicy('habit_settings_worker_update', { for: 'update', to: workerRole, using: sql`reminders_enabled`, withCheck: sql`true` }),
  ],
);

export const userAchievements = pgTable(
  'user_achievements',
  {
    id: idColumn(),
    userId: ownerUserIdColumn(),
    /** A key of core/src/achievements.ts; unique per user, so a retried job awards once. */
    key: text().notNull(),
    awardedAt: createdAtColumn(),
  },
  (t) => [unique().on(t.userId, t.key), ownerAllPolicy('user_achievements_owner')],
);

export const leaderboardEntries = pgTable(
  'leaderboard_entries',
  {
    /** One entry per user; deleting it (leaving) removes the user from the board at once. */
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The chosen pseudonym as typed; never the name or email (api/src/habits/leaderboard.ts). */
    handle: text().notNull(),
    /** Lower-cased handle: unique regardless of case. */
    handleKey: text().notNull().unique(),
    /** Monday (UTC) of the ISO week that weekCount counts. */
    weekStart: date({ mode: 'string' }),
    weekCount: integer().notNull().default(0),
    currentStreak: integer().notNull().default(0),
    /** The instant the stored streak lapses (end of the day after the last practice day, in the user's zone). */
    streakValidUntil: timestamp({ withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.weekStart),
    ownerAllPolicy('leaderboard_entries_owner'),
    pgPolicy('leaderboard_entries_habits_read', { for: 'select', to: habitsRole, using: sql`true` }),
  ],
);
