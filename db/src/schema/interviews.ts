/** Interviews and everything a call produces: transcript turns, turn metrics, reports. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgPolicy, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { END_REASONS, INTERVIEW_STATUSES, SPEAKERS, TURN_SOURCES } from '@mockroom/core/wire';
import { users } from './accounts.js';
import { applications } from './content.js';
import { agentRole, appRole, workerRole } from './roles.js';

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
  (t) => [
    index().on(t.userId, t.createdAt),
    index().on(t.status),
    // Foreign-key checks ignore RLS, so WITH CHECK verifies the parent application is the caller's.
    pgPolicy('interviews_owner', {
      for: 'all',
      to: appRole,
      using: sql`user_id = app_user_id()`,
      withCheck: sql`user_id = app_user_id() AND EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id AND a.user_id = app_user_id())`,
    }),
    pgPolicy('interviews_agent_read', { for: 'select', to: agentRole, using: sql`id = app_interview_id()` }),
    pgPolicy('interviews_agent_update', {
      for: 'update',
      to: agentRole,
      using: sql`id = app_interview_id() AND status IN ('scheduled', 'live')`,
      withCheck: sql`id = app_interview_id()`,
    }),
    pgPolicy('interviews_worker', { for: 'select', to: workerRole, using: sql`true` }),
    pgPolicy('interviews_worker_update', { for: 'update', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
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
  (t) => [
    unique().on(t.interviewId, t.turnId),
    index().on(t.interviewId, t.sequence),
    pgPolicy('transcript_turns_owner_read', { for: 'select', to: appRole, using: sql`user_id = app_user_id()` }),
    pgPolicy('transcript_turns_agent_read', { for: 'select', to: agentRole, using: sql`interview_id = app_interview_id()` }),
    // Writes only while the call is open, plus a short grace after it ends so a turn in flight
    // when the webhook closed the interview is not lost.
    pgPolicy('transcript_turns_agent_insert', {
      for: 'insert',
      to: agentRole,
      withCheck: sql`interview_id = app_interview_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = transcript_turns.user_id AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes')))`,
    }),
  ],
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
  (t) => [
    unique().on(t.interviewId, t.turnId),
    pgPolicy('turn_metrics_owner_read', { for: 'select', to: appRole, using: sql`user_id = app_user_id()` }),
    pgPolicy('turn_metrics_agent_read', { for: 'select', to: agentRole, using: sql`interview_id = app_interview_id()` }),
    pgPolicy('turn_metrics_agent_insert', {
      for: 'insert',
      to: agentRole,
      withCheck: sql`interview_id = app_interview_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = turn_metrics.user_id AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes')))`,
    }),
  ],
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
  (t) => [
    unique().on(t.interviewId, t.version),
    pgPolicy('reports_owner_read', { for: 'select', to: appRole, using: sql`user_id = app_user_id()` }),
    pgPolicy('reports_owner_insert', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id())`,
    }),
    pgPolicy('reports_owner_update', {
      for: 'update',
      to: appRole,
      using: sql`user_id = app_user_id()`,
      withCheck: sql`user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id())`,
    }),
  ],
);
