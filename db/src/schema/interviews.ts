/** Interviews and everything a call produces: transcript turns, turn metrics, reports. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgPolicy, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { END_REASONS, INTERVIEW_STATUSES, SPEAKERS, TURN_SOURCES } from '@mockroom/core/wire';
import { ownerUserIdColumn } from './accounts.js';
import { agentInsertWhileOpenPolicy, agentInterviewReadPolicy, createdAtColumn, idColumn, ownerReadPolicy } from './columns.js';
import { applications } from './content.js';
import { agentRole, appRole, workerRole } from './roles.js';

export const interviews = pgTable(
  'interviews',
  {
    id: idColumn(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    userId: ownerUserIdColumn(),
    status: text({ enum: INTERVIEW_STATUSES }).notNull().default('scheduled'),
    roomName: text().notNull().unique(),
    /** Snapshots taken at creation so later edits to the CV or application do not change a past interview. */
    plan: jsonb().notNull(),
    analysis: jsonb(),
    cvSnapshot: text(),
    /** The provider overrides of `stack` (stt/llm/tts names), as the agent's context hands them on. */
    providerSettings: jsonb(),
    /** The named provider stack (core/src/stacks.ts) chosen before the call; null on interviews from before stacks. */
    stack: text(),
    timeBoxSeconds: integer().notNull(),
    questionStatuses: jsonb().notNull().default([]),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text({ enum: END_REASONS }),
    createdAt: createdAtColumn(),
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
    // A reviewer reads an interview a candidate shared with them (db/src/schema/reviews.ts).
    pgPolicy('interviews_reviewer_read', { for: 'select', to: appRole, using: sql`id IN (SELECT review_shared_interview_ids())` }),
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

/** The interview a row belongs to; deleting the interview deletes the row. */
const interviewIdColumn = () =>
  uuid()
    .notNull()
    .references(() => interviews.id, { onDelete: 'cascade' });

export const transcriptTurns = pgTable(
  'transcript_turns',
  {
    id: idColumn(),
    interviewId: interviewIdColumn(),
    /** Owner, denormalised so row-level security needs no join for the common read. */
    userId: ownerUserIdColumn(),
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
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique().on(t.interviewId, t.turnId),
    index().on(t.interviewId, t.sequence),
    ownerReadPolicy('transcript_turns_owner_read'),
    pgPolicy('transcript_turns_reviewer_read', { for: 'select', to: appRole, using: sql`interview_id IN (SELECT review_shared_interview_ids())` }),
    agentInterviewReadPolicy('transcript_turns_agent_read'),
    agentInsertWhileOpenPolicy('transcript_turns_agent_insert', 'transcript_turns'),
  ],
);

export const turnMetrics = pgTable(
  'turn_metrics',
  {
    id: idColumn(),
    interviewId: interviewIdColumn(),
    userId: ownerUserIdColumn(),
    turnId: text().notNull(),
    endOfTurnDelayMs: real(),
    sttMs: real(),
    llmFirstTokenMs: real(),
    ttsFirstByteMs: real(),
    /** Time the reply's audio spent between the agent and the candidate, when measured. */
    transportMs: real(),
    totalMs: real(),
    /** Usage, additive across turns: what the price table multiplies (core/src/stack-cost.ts). */
    sttAudioSeconds: real(),
    llmPromptTokens: integer(),
    llmCompletionTokens: integer(),
    ttsCharacters: integer(),
    ttsAudioSeconds: real(),
    /** Speech-to-speech stacks: seconds of the conversation the realtime model heard and spoke. */
    realtimeAudioSeconds: real(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique().on(t.interviewId, t.turnId),
    ownerReadPolicy('turn_metrics_owner_read'),
    agentInterviewReadPolicy('turn_metrics_agent_read'),
    agentInsertWhileOpenPolicy('turn_metrics_agent_insert', 'turn_metrics'),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: idColumn(),
    interviewId: interviewIdColumn(),
    userId: ownerUserIdColumn(),
    /** Scorer version; older versions are kept. */
    version: text().notNull(),
    generator: text().notNull(),
    overall: real().notNull(),
    dimensions: jsonb().notNull(),
    speech: jsonb().notNull(),
    /** The full Report as the scorer produced it. */
    body: jsonb().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique().on(t.interviewId, t.version),
    ownerReadPolicy('reports_owner_read'),
    // Blind scoring: a reviewer sees the AI's report only after submitting their own scores.
    pgPolicy('reports_reviewer_read', { for: 'select', to: appRole, using: sql`interview_id IN (SELECT review_submitted_interview_ids())` }),
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
