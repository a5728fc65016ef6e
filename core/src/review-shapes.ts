/**
 * Wire shapes of the review workspace (issue 18): sharing, the reviewer's workspace, blind scores,
 * anchored comments, agreement and calibration. Like api-shapes.ts, the API's routes declare these
 * as their request and response schemas and the web client's types come from those routes.
 * Pure zod, no I/O.
 */
import { z } from 'zod';
import { InterviewPlan } from './plan.js';
import { RUBRIC_DIMENSIONS } from './rubric.js';
import { Speaker } from './wire.js';

export const DIMENSION_KEYS = RUBRIC_DIMENSIONS.map((d) => d.key) as [string, ...string[]];
export const DimensionKeyEnum = z.enum(DIMENSION_KEYS);

/** Rubric scores are whole numbers 1–5 (core/src/rubric.ts). */
export const RubricScore = z.number().int().min(1).max(5);
/** A reviewer's scores by dimension key; a draft may leave some out. */
export const ReviewScores = z.partialRecord(DimensionKeyEnum, RubricScore);
export type ReviewScores = z.infer<typeof ReviewScores>;

export const STAR_PART_VALUES = ['situation', 'task', 'action', 'result'] as const;
export const StarPart = z.enum(STAR_PART_VALUES);
export type StarPart = z.infer<typeof StarPart>;

// ---------- the candidate's side: shares ----------

export const ShareAudience = z.enum(['link', 'cohort']);

export const CreateShareInput = z
  .object({
    interviewId: z.uuid(),
    audience: ShareAudience,
    /** For a link: also email it to this address. */
    email: z.email().max(254).optional(),
    /** For a cohort: the cohort's share code (its id) from the lead. */
    cohortId: z.uuid().optional(),
    /** Pseudonymised by default: the candidate's name is shown only when they say so. */
    showName: z.boolean().default(false),
  })
  .refine((b) => (b.audience === 'cohort') === (b.cohortId !== undefined), { message: 'a cohort share needs cohortId, a link share none' });

export const ReviewShare = z.object({
  id: z.string(),
  interviewId: z.string(),
  audience: ShareAudience,
  /** For a link: pending until a reviewer accepts it. */
  status: z.enum(['pending', 'accepted', 'active']),
  reviewerName: z.string().nullable(),
  inviteEmail: z.string().nullable(),
  cohortName: z.string().nullable(),
  pseudonym: z.string(),
  showsName: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ReviewShare = z.infer<typeof ReviewShare>;

export const ShareCreatedResponse = z.object({
  share: ReviewShare,
  /** The invitation link, shown once (only its hash is stored). Null for a cohort share. */
  inviteUrl: z.string().nullable(),
});
export const SharesResponse = z.object({ shares: z.array(ReviewShare) });

/** A comment a reviewer shared back, as the candidate sees it on their report. */
export const SharedComment = z.object({
  id: z.string(),
  turnId: z.string(),
  spanStart: z.number().int().nullable(),
  spanEnd: z.number().int().nullable(),
  starPart: StarPart.nullable(),
  body: z.string(),
  /** The accepting reviewer's name when known, else "A reviewer". */
  reviewer: z.string(),
  createdAt: z.iso.datetime(),
});
export type SharedComment = z.infer<typeof SharedComment>;
export const SharedCommentsResponse = z.object({ comments: z.array(SharedComment) });

// ---------- the reviewer's side ----------

export const AcceptInvitationInput = z.object({ token: z.string().min(16).max(128) });
export const AcceptInvitationResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('share'), interviewId: z.string() }),
  z.object({ kind: z.literal('cohort'), cohortId: z.string() }),
]);

export const ReviewStatus = z.enum(['new', 'draft', 'submitted']);

export const ReviewAssignment = z.object({
  interviewId: z.string(),
  candidate: z.string(),
  cohortName: z.string().nullable(),
  status: ReviewStatus,
  sharedAt: z.iso.datetime(),
});
export const CalibrationSummary = z.object({
  id: z.string(),
  title: z.string(),
  cohortId: z.string().nullable(),
  status: ReviewStatus,
  /** Quadratic-weighted kappa against the gold scores once submitted. */
  kappa: z.number().nullable(),
});
export const CohortSummary = z.object({ id: z.string(), name: z.string(), isLead: z.boolean() });
export const ReviewInboxResponse = z.object({
  assignments: z.array(ReviewAssignment),
  calibration: z.array(CalibrationSummary),
  cohorts: z.array(CohortSummary),
});
export type ReviewInboxResponse = z.infer<typeof ReviewInboxResponse>;

export const ReviewTurn = z.object({
  /** The transcript turn's row id: what comments anchor to. */
  id: z.string(),
  sequence: z.number().int(),
  speaker: Speaker,
  text: z.string(),
  questionId: z.string().nullable(),
});
export type ReviewTurn = z.infer<typeof ReviewTurn>;

export const MyReview = z.object({
  scores: ReviewScores,
  submittedAt: z.iso.datetime().nullable(),
  sharedBackAt: z.iso.datetime().nullable(),
});
export type MyReview = z.infer<typeof MyReview>;

export const ReviewComment = z.object({
  id: z.string(),
  turnId: z.string(),
  spanStart: z.number().int().nullable(),
  spanEnd: z.number().int().nullable(),
  starPart: StarPart.nullable(),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

export const ReviewWorkspaceResponse = z.object({
  interview: z.object({
    id: z.string(),
    /** The pseudonym, unless the candidate chose to show their name. */
    candidate: z.string(),
    plan: InterviewPlan,
    turns: z.array(ReviewTurn),
  }),
  review: MyReview.nullable(),
  comments: z.array(ReviewComment),
});
export type ReviewWorkspaceResponse = z.infer<typeof ReviewWorkspaceResponse>;

export const SaveReviewInput = z.object({ scores: ReviewScores, submit: z.boolean().default(false) });
export const ReviewResponse = z.object({ review: MyReview });

export const CreateCommentInput = z
  .object({
    turnId: z.uuid(),
    spanStart: z.number().int().min(0).max(100_000).optional(),
    spanEnd: z.number().int().min(1).max(100_000).optional(),
    starPart: StarPart.optional(),
    body: z.string().trim().max(2000).default(''),
  })
  .refine((c) => (c.spanStart === undefined) === (c.spanEnd === undefined) && (c.spanStart === undefined || c.spanEnd! > c.spanStart), {
    message: 'a span needs start < end',
  })
  .refine((c) => c.body.length > 0 || c.starPart !== undefined, { message: 'write a comment or mark a STAR part' });
export const CommentResponse = z.object({ comment: ReviewComment });

/** One rubric dimension: the reviewer's score beside the AI's, the lead's and the others'. */
export const DimensionAgreement = z.object({
  key: z.string(),
  label: z.string(),
  mine: RubricScore.nullable(),
  ai: RubricScore.nullable(),
  lead: RubricScore.nullable(),
  /** Other reviewers' submitted scores, unattributed. */
  others: z.array(RubricScore),
  /** Over every interview this reviewer has submitted: kappa on this dimension against the AI, and the number of pairs. */
  kappaVsAi: z.number().nullable(),
  pairsVsAi: z.number().int().nonnegative(),
  kappaVsLead: z.number().nullable(),
  pairsVsLead: z.number().int().nonnegative(),
});

export const AgreementResponse = z.object({
  dimensions: z.array(DimensionAgreement),
  /** This interview, across its dimensions: quadratic-weighted kappa against the AI and against the lead. */
  kappaVsAi: z.number().nullable(),
  kappaVsLead: z.number().nullable(),
  /** ICC(2,1) (Shrout & Fleiss) of every reviewer who submitted, dimensions as targets; null under two raters. */
  cohortIcc: z.number().nullable(),
  raters: z.number().int().nonnegative(),
});
export type AgreementResponse = z.infer<typeof AgreementResponse>;

// ---------- calibration ----------

export const CalibrationTurn = z.object({ turnId: z.string(), speaker: Speaker, text: z.string().max(5000), questionId: z.string().nullable() });
export type CalibrationTurn = z.infer<typeof CalibrationTurn>;
export const GoldScores = z.record(DimensionKeyEnum, RubricScore);

export const CalibrationItemResponse = z.object({
  item: z.object({ id: z.string(), title: z.string(), plan: InterviewPlan, turns: z.array(CalibrationTurn) }),
  review: MyReview.nullable(),
  /** The gold scores, only once this reviewer has submitted. */
  gold: ReviewScores.nullable(),
  kappa: z.number().nullable(),
});
export type CalibrationItemResponse = z.infer<typeof CalibrationItemResponse>;

export const CalibrationPoint = z.object({
  itemId: z.string(),
  title: z.string(),
  submittedAt: z.iso.datetime(),
  kappa: z.number().nullable(),
  meanAbsoluteDifference: z.number().nullable(),
  /** Kappa over every calibration score submitted so far (all items pooled). */
  cumulativeKappa: z.number().nullable(),
});
export const CalibrationCurveResponse = z.object({ points: z.array(CalibrationPoint) });
export type CalibrationCurveResponse = z.infer<typeof CalibrationCurveResponse>;

// ---------- cohorts ----------

export const CreateCohortInput = z.object({ name: z.string().trim().min(1).max(100) });
export const CohortResponse = z.object({ cohort: z.object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime() }) });
export const CreateCohortInvitationInput = z.object({ email: z.email().max(254).optional() });
export const CohortInvitationResponse = z.object({ inviteUrl: z.string(), expiresAt: z.iso.datetime() });
export const PublishCalibrationInput = z.object({
  title: z.string().trim().min(1).max(200),
  plan: InterviewPlan,
  turns: z.array(CalibrationTurn).min(1).max(200),
  goldScores: GoldScores,
});
export const CalibrationCreatedResponse = z.object({ item: z.object({ id: z.string(), title: z.string() }) });
export const CohortStatsResponse = z.object({
  cohort: z.object({ id: z.string(), name: z.string() }),
  members: z.number().int().nonnegative(),
  /** Per member (unnamed, in join order): submitted reviews and pooled kappa against the lead on the interviews both scored. */
  reviewers: z.array(z.object({ label: z.string(), submitted: z.number().int().nonnegative(), kappaVsLead: z.number().nullable() })),
  /** Per shared interview with two or more submitted reviews: ICC(2,1) with dimensions as targets. */
  interviews: z.array(z.object({ interviewId: z.string(), raters: z.number().int(), icc: z.number().nullable() })),
});
