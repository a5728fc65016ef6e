/** What the candidate gives us: their CV (one per user) and applications (company, role, JD). */
import { sql } from 'drizzle-orm';
import { index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { INTERVIEW_TYPES, SENIORITIES } from '@mockroom/core/wire';
import { ownerUserIdColumn, users } from './accounts.js';
import { createdAtColumn, idColumn, ownerAllPolicy } from './columns.js';
import { agentRole } from './roles.js';

export const cvs = pgTable(
  'cvs',
  {
    /** One CV per user: the user id is the key, an upload replaces the row. */
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    /** Extracted text only; the original file is never stored. */
    text: text().notNull(),
    summary: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [ownerAllPolicy('cvs_owner')],
);

export const applications = pgTable(
  'applications',
  {
    id: idColumn(),
    userId: ownerUserIdColumn(),
    company: text().notNull(),
    role: text().notNull(),
    seniority: text({ enum: SENIORITIES }).notNull(),
    interviewType: text({ enum: INTERVIEW_TYPES }).notNull(),
    jobDescription: text().notNull(),
    createdAt: createdAtColumn(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.userId, t.createdAt),
    ownerAllPolicy('applications_owner'),
    pgPolicy('applications_agent_read', {
      for: 'select',
      to: agentRole,
      using: sql`id = (SELECT i.application_id FROM interviews i WHERE i.id = app_interview_id())`,
    }),
  ],
);
