/**
 * The review workspace (issue 18): cohorts of reviewers run by a lead, a candidate's consented
 * shares of one interview, reviewers' blind scores and anchored comments, and calibration items.
 * docs/reviewing.md describes the flows; docs/decisions/ has the record of this design.
 *
 * Row-level security: a reviewer reads exactly the interviews shared with them (directly or with
 * a cohort they belong to) through review_shared_interview_ids(), a SECURITY DEFINER function
 * owned by mockroom_review (hand-written in this area's migration). The functions exist because
 * a policy on cohort_members that asks "is the caller a lead of this cohort?" would query
 * cohort_members again under its own policy (infinite recursion); mockroom_review reads these
 * tables only through its own narrow policies and owns nothing else. Every foreign key to a user
 * or an interview cascades, so deleting either removes every share, review and comment of it.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgPolicy, pgRole, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { ownerUserIdColumn, users } from './accounts.js';
import { createdAtColumn, idColumn } from './columns.js';
import { interviews, transcriptTurns } from './interviews.js';
import { appRole } from './roles.js';

/** Owns the review SECURITY DEFINER functions; created by the hand-written part of the migration. */
export const reviewRole = pgRole('mockroom_review').existing();

export const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;

/** Lets the review functions read (and the invitation functions write) what they need. */
const reviewFunctionsRead = (name: string) => pgPolicy(name, { for: 'select', to: reviewRole, using: sql`true` });

export const cohorts = pgTable(
  'cohorts',
  {
    id: idColumn(),
    name: text().notNull(),
    leadUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.leadUserId),
    pgPolicy('cohorts_lead', { for: 'all', to: appRole, using: sql`lead_user_id = app_user_id()`, withCheck: sql`lead_user_id = app_user_id()` }),
    pgPolicy('cohorts_member_read', { for: 'select', to: appRole, using: sql`id IN (SELECT review_member_cohort_ids())` }),
    reviewFunctionsRead('cohorts_review'),
  ],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: ownerUserIdColumn(),
    joinedAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.userId] }),
    index().on(t.userId),
    pgPolicy('cohort_members_self_read', { for: 'select', to: appRole, using: sql`user_id = app_user_id()` }),
    pgPolicy('cohort_members_self_leave', { for: 'delete', to: appRole, using: sql`user_id = app_user_id()` }),
    // The lead joins their own cohort on creating it; anyone else joins only through an invitation.
    pgPolicy('cohort_members_lead_join', { for: 'insert', to: appRole, withCheck: sql`user_id = app_user_id() AND cohort_id IN (SELECT review_led_cohort_ids())` }),
    pgPolicy('cohort_members_lead_read', { for: 'select', to: appRole, using: sql`cohort_id IN (SELECT review_led_cohort_ids())` }),
    pgPolicy('cohort_members_lead_remove', { for: 'delete', to: appRole, using: sql`cohort_id IN (SELECT review_led_cohort_ids())` }),
    reviewFunctionsRead('cohort_members_review'),
    pgPolicy('cohort_members_review_insert', { for: 'insert', to: reviewRole, withCheck: sql`user_id = app_user_id()` }),
  ],
);

export const cohortInvitations = pgTable(
  'cohort_invitations',
  {
    id: idColumn(),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** Hex SHA-256 of the link's token; the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    /** Where the lead sent it, when by email. */
    email: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.cohortId),
    pgPolicy('cohort_invitations_lead', {
      for: 'all',
      to: appRole,
      using: sql`cohort_id IN (SELECT review_led_cohort_ids())`,
      withCheck: sql`cohort_id IN (SELECT review_led_cohort_ids())`,
    }),
    reviewFunctionsRead('cohort_invitations_review'),
    pgPolicy('cohort_invitations_review_update', { for: 'update', to: reviewRole, using: sql`accepted_at IS NULL`, withCheck: sql`true` }),
  ],
);

export const reviewShares = pgTable(
  'review_shares',
  {
    id: idColumn(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    /** The candidate who owns the interview and gave consent. */
    userId: ownerUserIdColumn(),
    /** Set once a reviewer has accepted a link (or when shared with a known reviewer). */
    reviewerUserId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** The accepting reviewer's display name, so the candidate sees who has access (they cannot read other users). */
    reviewerName: text(),
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'cascade' }),
    /** Hex SHA-256 of a not-yet-accepted invitation link's token; cleared on acceptance. */
    inviteTokenHash: text().unique(),
    inviteEmail: text(),
    inviteExpiresAt: timestamp({ withTimezone: true }),
    /** What reviewers see instead of the candidate's name. */
    pseudonym: text().notNull(),
    /** The candidate's own name, only when they chose to show it. */
    candidateName: text(),
    /**
     * The candidate's display name when they shared, used by the API only to redact it from the
     * transcript of a pseudonymised share (the recruiter greets candidates by name); never sent to reviewers.
     */
    redactName: text(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.interviewId),
    index().on(t.reviewerUserId),
    index().on(t.cohortId),
    check('review_shares_one_audience', sql`num_nonnulls(${t.reviewerUserId}, ${t.cohortId}, ${t.inviteTokenHash}) >= 1`),
    // Foreign-key checks ignore RLS, so WITH CHECK verifies the interview is the caller's.
    pgPolicy('review_shares_owner', {
      for: 'all',
      to: appRole,
      using: sql`user_id = app_user_id()`,
      withCheck: sql`user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id())`,
    }),
    pgPolicy('review_shares_reviewer_read', {
      for: 'select',
      to: appRole,
      using: sql`reviewer_user_id = app_user_id() OR cohort_id IN (SELECT review_member_cohort_ids())`,
    }),
    reviewFunctionsRead('review_shares_review'),
    pgPolicy('review_shares_review_accept', { for: 'update', to: reviewRole, using: sql`reviewer_user_id IS NULL`, withCheck: sql`reviewer_user_id = app_user_id()` }),
  ],
);

export const calibrationItems = pgTable(
  'calibration_items',
  {
    id: idColumn(),
    /** Null: reference data shipped with the product, visible to every reviewer. */
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'cascade' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** An InterviewPlan (core/src/plan.ts). */
    plan: jsonb().notNull(),
    /** The reference transcript: [{ turnId, speaker, text, questionId }]. Written for the purpose, not personal data. */
    turns: jsonb().notNull(),
    /** Gold score per rubric dimension key, 1–5. */
    goldScores: jsonb().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.cohortId),
    pgPolicy('calibration_items_read', { for: 'select', to: appRole, using: sql`cohort_id IS NULL OR cohort_id IN (SELECT review_member_cohort_ids())` }),
    pgPolicy('calibration_items_lead', {
      for: 'all',
      to: appRole,
      using: sql`cohort_id IN (SELECT review_led_cohort_ids())`,
      withCheck: sql`created_by = app_user_id() AND cohort_id IN (SELECT review_led_cohort_ids())`,
    }),
  ],
);

export const reviews = pgTable(
  'reviews',
  {
    id: idColumn(),
    /** The reviewer. */
    userId: ownerUserIdColumn(),
    interviewId: uuid().references(() => interviews.id, { onDelete: 'cascade' }),
    calibrationItemId: uuid().references(() => calibrationItems.id, { onDelete: 'cascade' }),
    /** Score per rubric dimension key, 1–5; drafts may be partial. */
    scores: jsonb().notNull().default({}),
    submittedAt: timestamp({ withTimezone: true }),
    /** When the reviewer shared their comments back with the candidate. */
    sharedBackAt: timestamp({ withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.userId, t.interviewId),
    unique().on(t.userId, t.calibrationItemId),
    index().on(t.interviewId),
    check('reviews_one_subject', sql`num_nonnulls(${t.interviewId}, ${t.calibrationItemId}) = 1`),
    pgPolicy('reviews_own', {
      for: 'all',
      to: appRole,
      using: sql`user_id = app_user_id()`,
      withCheck: sql`user_id = app_user_id() AND (interview_id IS NULL OR interview_id IN (SELECT review_shared_interview_ids())) AND (calibration_item_id IS NULL OR EXISTS (SELECT 1 FROM calibration_items c WHERE c.id = calibration_item_id))`,
    }),
    // Blind scoring: other reviewers' submitted scores only once the caller has submitted their own.
    pgPolicy('reviews_peer_read', { for: 'select', to: appRole, using: sql`submitted_at IS NOT NULL AND interview_id IN (SELECT review_submitted_interview_ids())` }),
    pgPolicy('reviews_lead_read', { for: 'select', to: appRole, using: sql`submitted_at IS NOT NULL AND user_id IN (SELECT review_led_member_ids())` }),
    pgPolicy('reviews_candidate_read', {
      for: 'select',
      to: appRole,
      using: sql`shared_back_at IS NOT NULL AND interview_id IN (SELECT i.id FROM interviews i WHERE i.user_id = app_user_id())`,
    }),
    reviewFunctionsRead('reviews_review'),
  ],
);

export const reviewComments = pgTable(
  'review_comments',
  {
    id: idColumn(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    /** The reviewer who wrote it. */
    userId: ownerUserIdColumn(),
    /** The transcript turn (transcript_turns.id) it is anchored to. */
    turnId: uuid()
      .notNull()
      .references(() => transcriptTurns.id, { onDelete: 'cascade' }),
    /** Character offsets [start, end) into the turn's text; null for the whole turn. */
    spanStart: integer(),
    spanEnd: integer(),
    /** A STAR mark: which part of the answer this span is. */
    starPart: text({ enum: STAR_PARTS }),
    body: text().notNull().default(''),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.interviewId),
    check('review_comments_span', sql`(${t.spanStart} IS NULL AND ${t.spanEnd} IS NULL) OR (${t.spanStart} >= 0 AND ${t.spanEnd} > ${t.spanStart})`),
    pgPolicy('review_comments_own', {
      for: 'all',
      to: appRole,
      using: sql`user_id = app_user_id()`,
      withCheck: sql`user_id = app_user_id() AND interview_id IN (SELECT review_shared_interview_ids()) AND EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.id = review_comments.turn_id AND tt.interview_id = review_comments.interview_id)`,
    }),
    pgPolicy('review_comments_candidate_read', {
      for: 'select',
      to: appRole,
      using: sql`interview_id IN (SELECT i.id FROM interviews i WHERE i.user_id = app_user_id()) AND EXISTS (SELECT 1 FROM reviews r WHERE r.interview_id = review_comments.interview_id AND r.user_id = review_comments.user_id AND r.shared_back_at IS NOT NULL)`,
    }),
  ],
);
