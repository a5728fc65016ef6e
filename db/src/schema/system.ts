/** System tables: durable jobs, outbox email, webhook de-duplication, rate-limit counters. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { createdAtColumn, idColumn, ownerAllPolicy, ownerReadPolicy } from './columns.js';
import { agentRole, appRole, workerRole } from './roles.js';

export const JOB_STATUSES = ['pending', 'done', 'failed'] as const;

export const jobs = pgTable(
  'jobs',
  {
    id: idColumn(),
    kind: text().notNull(),
    payload: jsonb().notNull(),
    /** Enqueueing the same key twice is a no-op (e.g. one scoring job per interview and scorer version). */
    uniqueKey: text().unique(),
    /** Owner of the data the job touches: deleting the user deletes their pending jobs. */
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    status: text({ enum: JOB_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    runAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: createdAtColumn(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.status, t.runAfter),
    pgPolicy('jobs_owner_insert', { for: 'insert', to: appRole, withCheck: sql`user_id = app_user_id()` }),
    ownerReadPolicy('jobs_owner_read'),
    pgPolicy('jobs_agent_insert', { for: 'insert', to: agentRole, withCheck: sql`user_id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id())` }),
    pgPolicy('jobs_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
);

export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: idColumn(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    createdAt: createdAtColumn(),
  },
  () => [
    ownerAllPolicy('outbox_owner'),
    pgPolicy('outbox_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
);

export const webhookEvents = pgTable('webhook_events', {
  /** LiveKit's event id: a replayed signed request is recognised and ignored. */
  id: text().primaryKey(),
  kind: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const rateLimits = pgTable(
  'rate_limits',
  {
    /** Hashed bucket key (never a raw email or IP). */
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
