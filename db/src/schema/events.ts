/**
 * First-party product analytics: what was used, never by whom. A row is an event name from a
 * closed list, a time and a count; there is no user id, no free text and no JSON column, so a CV,
 * job description, transcript, name or email cannot be stored here by construction (the columns
 * cannot hold them). Only the worker role writes and reads it (recording, retention sweep, the
 * operator's per-day counts); a signed-in user's role has no grant on it at all.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { idColumn } from './columns.js';
import { workerRole } from './roles.js';

export const EVENT_NAMES = [
  'account_created',
  'cv_saved',
  'cv_deleted',
  'application_created',
  'application_deleted',
  'interview_created',
  'interview_deleted',
  'export_downloaded',
  'account_deletion_requested',
  'account_deletion_cancelled',
  'account_purged',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const events = pgTable(
  'events',
  {
    /** Random, opaque: identifies the row, not a person. */
    id: idColumn(),
    name: text({ enum: EVENT_NAMES }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** How many of the thing happened at once (e.g. rows removed by one deletion). */
    count: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.occurredAt),
    // The closed list is enforced by the database too, not only by the TypeScript type.
    check('events_name_known', sql`${t.name} IN (${sql.raw(EVENT_NAMES.map((n) => `'${n}'`).join(', '))})`),
    check('events_count_non_negative', sql`${t.count} >= 0`),
    pgPolicy('events_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
);
