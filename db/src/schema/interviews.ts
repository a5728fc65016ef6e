/** Interviews and everything a call produces: transcript turns, turn metrics, reports. */
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { END_REASONS, INTERVIEW_STATUSES, SPEAKERS, TURN_SOURCES } from '@mockroom/core/wire';
import { users } from './accounts.js';
import { applications } from './content.js';

export const interviews = pgTable(
  'interviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text({ enum: INTERVIEW_STATUSES }).notNull().default('scheduled'),
    roomName: text().notNull().unique(),
    /** Snapshots taken at creation so later edits to the CV or application do not change a past interview. */
    plan: jsonb().notNull(),
    analysis: jsonb(),
    cvSnapshot: text(),
    providerSettings: jsonb(),
    timeBoxSeconds: integer().notNull(),
    questionStatuses: jsonb().notNull().default([]),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text({ enum: END_REASONS }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.createdAt), index().on(t.status)],
);

export const transcriptTurns = pgTable(
  'transcript_turns',
  {
    id: uuid().primaryKey().defaultRandom(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    /** Owner, denormalised so row-level security needs no join for the common read. */
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The agent's id for the turn: retries carry the same id. */
    turnId: text().notNull(),
    sequence: integer().notNull(),
    speaker: text({ enum: SPEAKERS }).notNull(),
    text: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }).notNull(),
    source: text({ enum: TURN_SOURCES }).notNull().default('voice'),
    interrupted: boolean().notNull().default(false),
    questionId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.interviewId, t.turnId), index().on(t.interviewId, t.sequence)],
);

export const turnMetrics = pgTable(
  'turn_metrics',
  {
    id: uuid().primaryKey().defaultRandom(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    turnId: text().notNull(),
    endOfTurnDelayMs: real(),
    sttMs: real(),
    llmFirstTokenMs: real(),
    ttsFirstByteMs: real(),
    totalMs: real(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.interviewId, t.turnId)],
);

export const reports = pgTable(
  'reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Scorer version; older versions are kept. */
    version: text().notNull(),
    generator: text().notNull(),
    overall: real().notNull(),
    dimensions: jsonb().notNull(),
    speech: jsonb().notNull(),
    /** The full Report as the scorer produced it. */
    body: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.interviewId, t.version)],
);
