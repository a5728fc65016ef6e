/** What the candidate gives us: their CV (one per user) and applications (company, role, JD). */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { INTERVIEW_TYPES, SENIORITIES } from '@mockroom/core/wire';
import { users } from './accounts.js';

export const cvs = pgTable('cvs', {
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
});

export const applications = pgTable(
  'applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    company: text().notNull(),
    role: text().notNull(),
    seniority: text({ enum: SENIORITIES }).notNull(),
    interviewType: text({ enum: INTERVIEW_TYPES }).notNull(),
    jobDescription: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.createdAt)],
);
