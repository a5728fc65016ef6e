/**
 * The reviewer's side of reviewing (issue 18): accept an invitation, the inbox, the workspace
 * (transcript with the plan, turn by turn, the candidate under a pseudonym unless they chose to
 * show their name), blind scoring (the AI's and other reviewers' scores are hidden by row-level
 * security until this reviewer submits), comments anchored to a turn or a span with STAR marks,
 * sharing comments back, the agreement view, and calibration items with their curve.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@mockroom/db/client';
import { rowsOf } from '@mockroom/db/client';
import { calibrationItems, cohorts, interviews, reports, reviewComments, reviews, reviewShares, transcriptTurns } from '@mockroom/db/schema';
import { InterviewPlan } from '@mockroom/core';
import {
  AcceptInvitationInput,
  AcceptInvitationResponse,
  AgreementResponse,
  CalibrationCurveResponse,
  CalibrationItemResponse,
  CalibrationTurn,
  CommentResponse,
  CreateCommentInput,
  type MyReview,
  type ReviewComment,
  ReviewInboxResponse,
  ReviewResponse,
  ReviewWorkspaceResponse,
  SaveReviewInput,
} from '@mockroom/core/review-shapes';
import { RUBRIC_DIMENSIONS } from '@mockroom/core/rubric';
import { SCORER_VERSION } from '@mockroom/core/scoring';
import { requireUser } from '../auth/guard.js';
import { ApiError, ConflictError, NotFoundError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { aiScores, buildAgreement, calibrationCurve, kappaAcrossDimensions, type Scores, toScores } from '../lib/review-agreement.js';
import { asReviewer } from '../lib/review-db.js';
import { nameTerms, redact, toOriginalOffset, toRedactedOffset } from '../lib/review-redact.js';
import { hashInviteToken } from '../lib/review-tokens.js';

const IdParam = z.object({ id: z.uuid() });
const conflict = { 409: errorResponses[400] } as const;

type ReviewRow = typeof reviews.$inferSelect;

function toMyReview(r: ReviewRow | undefined): MyReview | null {
  if (!r) return null;
  return { scores: toScores(r.scores), submittedAt: r.submittedAt?.toISOString() ?? null, sharedBackAt: r.sharedBackAt?.toISOString() ?? null };
}

function toComment(c: typeof reviewComments.$inferSelect): ReviewComment {
  return { id: c.id, turnId: c.turnId, spanStart: c.spanStart, spanEnd: c.spanEnd, starPart: c.starPart, body: c.body, createdAt: c.createdAt.toISOString() };
}

/** The shares through which the caller reviews an interview (never their own interview). */
async function sharesFor(tx: Tx, userId: string, interviewId: string) {
  return tx
    .select()
    .from(reviewShares)
    .where(and(eq(reviewShares.interviewId, interviewId), ne(reviewShares.userId, userId)))
    .orderBy(asc(reviewShares.createdAt));
}

async function requireShared(tx: Tx, userId: string, interviewId: string) {
  const shares = await sharesFor(tx, userId, interviewId);
  if (shares.length === 0) throw new NotFoundError('interview');
  return shares;
}

/** The words to hide from this reviewer: none when the candidate chose to show their name. */
function redactionTerms(shares: (typeof reviewShares.$inferSelect)[]): string[] {
  if (shares.some((sh) => sh.candidateName !== null)) return [];
  return [...new Set(shares.flatMap((sh) => nameTerms(sh.redactName)))];
}

/** A stored comment as this reviewer sees it: span offsets into the redacted turn text. */
function toRedactedComment(c: typeof reviewComments.$inferSelect, turnText: string | undefined, terms: string[]): ReviewComment {
  const out = toComment(c);
  if (turnText === undefined || c.spanStart === null || c.spanEnd === null || terms.length === 0) return out;
  const r = redact(turnText, terms);
  return { ...out, spanStart: toRedactedOffset(r, c.spanStart, 'start'), spanEnd: toRedactedOffset(r, c.spanEnd, 'end') };
}

const isComplete = (scores: Scores) => RUBRIC_DIMENSIONS.every((d) => scores[d.key] !== undefined);

/** Saves a draft or submits; a submitted review is final, so the blind score stays blind. */
async function saveReview(tx: Tx, userId: string, target: { interviewId: string } | { calibrationItemId: string }, body: { scores: Scores; submit: boolean }, now: Date) {
  const where = 'interviewId' in target ? eq(reviews.interviewId, target.interviewId) : eq(reviews.calibrationItemId, target.calibrationItemId);
  const [existing] = await tx.select().from(reviews).where(and(where, eq(reviews.userId, userId)));
  if (existing?.submittedAt) throw new ConflictError('review_submitted', 'this review was submitted and can no longer change');
  if (body.submit && !isComplete(body.scores)) throw new ApiError(400, 'scores_incomplete', 'score every rubric dimension before submitting');
  const values = { scores: body.scores, submittedAt: body.submit ? now : null, updatedAt: now };
  const [row] = existing
    ? await tx.update(reviews).set(values).where(eq(reviews.id, existing.id)).returning()
    : await tx.insert(reviews).values({ userId, ...target, ...values }).returning();
  return row!;
}

/** The AI report's dimension scores per interview (preferred version: the current scorer's, else the newest). */
async function aiScoresByInterview(tx: Tx, interviewIds: string[]): Promise<Map<string, Scores>> {
  const out = new Map<string, Scores>();
  if (interviewIds.length === 0) return out;
  const rows = await tx
    .select({ interviewId: reports.interviewId, version: reports.version, dimensions: reports.dimensions, status: sql<string | null>`${reports.body}->>'status'` })
    .from(reports)
    .where(inArray(reports.interviewId, interviewIds))
    .orderBy(desc(reports.createdAt));
  for (const id of interviewIds) {
    const mine = rows.filter((r) => r.interviewId === id);
    const preferred = mine.find((r) => r.version === SCORER_VERSION) ?? mine[0];
    // An "incomplete" report has no scores to agree with.
    if (preferred && preferred.status !== 'incomplete') out.set(id, aiScores(preferred.dimensions));
  }
  return out;
}

export function createReviewRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/invitations/accept',
        request: { body: jsonBody(AcceptInvitationInput) },
        responses: { 200: json(AcceptInvitationResponse.openapi('AcceptedInvitation')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const tokenHash = hashInviteToken(c.req.valid('json').token);
        const accepted = await asReviewer(c.var.services.db, user.id, async (tx) => {
          const share = rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_share(${tokenHash}, ${user.displayName}) as id`))[0]?.id;
          if (share) return { kind: 'share' as const, interviewId: share };
          const cohort = rowsOf<{ id: string | null }>(await tx.execute(sql`select review_accept_cohort_invitation(${tokenHash}) as id`))[0]?.id;
          if (cohort) return { kind: 'cohort' as const, cohortId: cohort };
          return null;
        });
        // Unknown, used, expired, revoked or the candidate's own link: one answer for all.
        if (!accepted) throw new NotFoundError('invitation');
        return c.json(accepted, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/', responses: { 200: json(ReviewInboxResponse.openapi('ReviewInbox')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const body = await asReviewer(c.var.services.db, user.id, async (tx) => {
          const shares = await tx
            .select({ share: reviewShares, cohortName: cohorts.name })
            .from(reviewShares)
            .leftJoin(cohorts, eq(cohorts.id, reviewShares.cohortId))
            .where(and(ne(reviewShares.userId, user.id), isNotNull(sql`coalesce(${reviewShares.reviewerUserId}, ${reviewShares.cohortId})`)))
            .orderBy(desc(reviewShares.createdAt));
          const mine = await tx.select().from(reviews).where(eq(reviews.userId, user.id));
          const items = await tx.select().from(calibrationItems).orderBy(asc(calibrationItems.createdAt), asc(calibrationItems.title));
          const myCohorts = await tx.select().from(cohorts).orderBy(asc(cohorts.createdAt));
          return { shares, mine, items, myCohorts };
        });
        const status = (r: ReviewRow | undefined) => (!r ? 'new' : r.submittedAt ? 'submitted' : 'draft') as 'new' | 'draft' | 'submitted';
        const seen = new Set<string>();
        const assignments = body.shares.flatMap(({ share, cohortName }) => {
          if (seen.has(share.interviewId)) return [];
          seen.add(share.interviewId);
          return [
            {
              interviewId: share.interviewId,
              candidate: share.candidateName ?? share.pseudonym,
              cohortName: cohortName ?? null,
              status: status(body.mine.find((r) => r.interviewId === share.interviewId)),
              sharedAt: share.createdAt.toISOString(),
            },
          ];
        });
        const calibration = body.items.map((item) => {
          const r = body.mine.find((x) => x.calibrationItemId === item.id);
          return {
            id: item.id,
            title: item.title,
            cohortId: item.cohortId,
            status: status(r),
            kappa: r?.submittedAt ? kappaAcrossDimensions(toScores(r.scores), toScores(item.goldScores)) : null,
          };
        });
        const cohortList = body.myCohorts.map((k) => ({ id: k.id, name: k.name, isLead: k.leadUserId === user.id }));
        return c.json({ assignments, calibration, cohorts: cohortList }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/interviews/{id}', request: { params: IdParam }, responses: { 200: json(ReviewWorkspaceResponse.openapi('ReviewWorkspace')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const found = await asReviewer(c.var.services.db, user.id, async (tx) => {
          const shares = await requireShared(tx, user.id, id);
          const [iv] = await tx.select({ plan: interviews.plan }).from(interviews).where(eq(interviews.id, id));
          if (!iv) throw new NotFoundError('interview');
          const turns = await tx
            .select({ id: transcriptTurns.id, sequence: transcriptTurns.sequence, speaker: transcriptTurns.speaker, text: transcriptTurns.text, questionId: transcriptTurns.questionId })
            .from(transcriptTurns)
            .where(eq(transcriptTurns.interviewId, id))
            .orderBy(asc(transcriptTurns.sequence), asc(transcriptTurns.startedAt));
          const [review] = await tx.select().from(reviews).where(and(eq(reviews.interviewId, id), eq(reviews.userId, user.id)));
          const comments = await tx
            .select()
            .from(reviewComments)
            .where(and(eq(reviewComments.interviewId, id), eq(reviewComments.userId, user.id)))
            .orderBy(asc(reviewComments.createdAt));
          return { shares, iv, turns, review, comments };
        });
        const named = found.shares.find((s) => s.candidateName !== null);
        const terms = redactionTerms(found.shares);
        const hide = (text: string) => redact(text, terms).text;
        // The column holds what buildInterviewPlan returned when the interview was created.
        const plan = InterviewPlan.parse(found.iv.plan);
        const textOf = new Map(found.turns.map((t) => [t.id, t.text]));
        return c.json(
          {
            interview: {
              id,
              candidate: named?.candidateName ?? found.shares[0]!.pseudonym,
              plan: { ...plan, questions: plan.questions.map((q) => ({ ...q, text: hide(q.text), strongAnswer: q.strongAnswer.map(hide), followUps: q.followUps.map(hide) })) },
              turns: found.turns.map((t) => ({ ...t, text: hide(t.text) })),
            },
            review: toMyReview(found.review),
            comments: found.comments.map((cm) => toRedactedComment(cm, textOf.get(cm.turnId), terms)),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/interviews/{id}',
        request: { params: IdParam, body: jsonBody(SaveReviewInput) },
        responses: { 200: json(ReviewResponse.openapi('ReviewSaved')), ...errorResponses, ...conflict },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const row = await asReviewer(s.db, user.id, async (tx) => {
          await requireShared(tx, user.id, id);
          return saveReview(tx, user.id, { interviewId: id }, body, s.now());
        });
        return c.json({ review: toMyReview(row)! }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/interviews/{id}/agreement',
        request: { params: IdParam },
        responses: { 200: json(AgreementResponse.openapi('Agreement')), ...errorResponses, ...conflict },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const input = await asReviewer(c.var.services.db, user.id, async (tx) => {
          await requireShared(tx, user.id, id);
          const [mine] = await tx.select().from(reviews).where(and(eq(reviews.interviewId, id), eq(reviews.userId, user.id)));
          if (!mine?.submittedAt) throw new ConflictError('not_submitted', 'submit your scores first: agreement is shown after blind scoring');
          // Row-level security lets these through only now that this reviewer has submitted.
          const history = await tx.select().from(reviews).where(and(eq(reviews.userId, user.id), isNotNull(reviews.submittedAt), isNotNull(reviews.interviewId)));
          const ids = history.map((r) => r.interviewId!);
          const ai = await aiScoresByInterview(tx, ids);
          const leadIds = (await tx.select({ lead: cohorts.leadUserId }).from(cohorts)).map((r) => r.lead).filter((l) => l !== user.id);
          const peers = await tx
            .select()
            .from(reviews)
            .where(and(inArray(reviews.interviewId, ids), ne(reviews.userId, user.id), isNotNull(reviews.submittedAt)));
          return { mine, history, ai, leadIds, peers };
        });
        const leadOf = (interviewId: string) => {
          const r = input.peers.find((p) => p.interviewId === interviewId && input.leadIds.includes(p.userId));
          return r ? toScores(r.scores) : null;
        };
        return c.json(
          buildAgreement({
            mine: toScores(input.mine.scores),
            ai: input.ai.get(id) ?? null,
            lead: leadOf(id),
            others: input.peers.filter((p) => p.interviewId === id).map((p) => toScores(p.scores)),
            history: input.history.map((h) => ({ mine: toScores(h.scores), ai: input.ai.get(h.interviewId!) ?? null, lead: leadOf(h.interviewId!) })),
          }),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/interviews/{id}/comments',
        request: { params: IdParam, body: jsonBody(CreateCommentInput) },
        responses: { 201: json(CommentResponse.openapi('ReviewCommentCreated')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const saved = await asReviewer(c.var.services.db, user.id, async (tx) => {
          const shares = await requireShared(tx, user.id, id);
          const [turn] = await tx
            .select({ text: transcriptTurns.text })
            .from(transcriptTurns)
            .where(and(eq(transcriptTurns.id, body.turnId), eq(transcriptTurns.interviewId, id)));
          if (!turn) throw new ApiError(400, 'invalid_turn', 'that turn is not part of this interview');
          // The reviewer chose the span in the text they were shown (names redacted): store it against the original.
          const terms = redactionTerms(shares);
          const shown = redact(turn.text, terms);
          if (body.spanEnd !== undefined && body.spanEnd > shown.text.length) throw new ApiError(400, 'invalid_span', 'the span runs past the end of the turn');
          const span =
            body.spanStart !== undefined && body.spanEnd !== undefined
              ? { spanStart: toOriginalOffset(shown, body.spanStart, 'start'), spanEnd: toOriginalOffset(shown, body.spanEnd, 'end') }
              : { spanStart: null, spanEnd: null };
          const [inserted] = await tx
            .insert(reviewComments)
            .values({ interviewId: id, userId: user.id, turnId: body.turnId, ...span, starPart: body.starPart ?? null, body: body.body })
            .returning();
          return { row: inserted!, text: turn.text, terms };
        });
        return c.json({ comment: toRedactedComment(saved.row, saved.text, saved.terms) }, 201);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/comments/{id}', request: { params: IdParam }, responses: { 204: { description: 'comment deleted' }, ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const deleted = await asReviewer(c.var.services.db, user.id, (tx) =>
          tx.delete(reviewComments).where(and(eq(reviewComments.id, id), eq(reviewComments.userId, user.id))).returning({ id: reviewComments.id }),
        );
        if (deleted.length === 0) throw new NotFoundError('comment');
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/interviews/{id}/share-back',
        request: { params: IdParam },
        responses: { 200: json(ReviewResponse.openapi('ReviewSharedBack')), ...errorResponses, ...conflict },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        const row = await asReviewer(s.db, user.id, async (tx) => {
          await requireShared(tx, user.id, id);
          const [mine] = await tx.select().from(reviews).where(and(eq(reviews.interviewId, id), eq(reviews.userId, user.id)));
          if (!mine?.submittedAt) throw new ConflictError('not_submitted', 'submit your review before sharing it back');
          if (mine.sharedBackAt) return mine;
          const [updated] = await tx.update(reviews).set({ sharedBackAt: s.now() }).where(eq(reviews.id, mine.id)).returning();
          return updated!;
        });
        return c.json({ review: toMyReview(row)! }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/calibration/{id}', request: { params: IdParam }, responses: { 200: json(CalibrationItemResponse.openapi('CalibrationItem')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const found = await asReviewer(c.var.services.db, user.id, async (tx) => {
          const [item] = await tx.select().from(calibrationItems).where(eq(calibrationItems.id, id));
          if (!item) return null;
          const [review] = await tx.select().from(reviews).where(and(eq(reviews.calibrationItemId, id), eq(reviews.userId, user.id)));
          return { item, review };
        });
        if (!found) throw new NotFoundError('calibration item');
        const submitted = Boolean(found.review?.submittedAt);
        const gold = toScores(found.item.goldScores);
        return c.json(
          {
            item: { id, title: found.item.title, plan: InterviewPlan.parse(found.item.plan), turns: z.array(CalibrationTurn).parse(found.item.turns) },
            review: toMyReview(found.review),
            // Blind here too: the gold scores only after submitting.
            gold: submitted ? gold : null,
            kappa: submitted ? kappaAcrossDimensions(toScores(found.review!.scores), gold) : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/calibration/{id}',
        request: { params: IdParam, body: jsonBody(SaveReviewInput) },
        responses: { 200: json(ReviewResponse.openapi('CalibrationReviewSaved')), ...errorResponses, ...conflict },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const row = await asReviewer(s.db, user.id, async (tx) => {
          const [item] = await tx.select({ id: calibrationItems.id }).from(calibrationItems).where(eq(calibrationItems.id, id));
          if (!item) throw new NotFoundError('calibration item');
          return saveReview(tx, user.id, { calibrationItemId: id }, body, s.now());
        });
        return c.json({ review: toMyReview(row)! }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/calibration-curve', responses: { 200: json(CalibrationCurveResponse.openapi('CalibrationCurve')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const rows = await asReviewer(c.var.services.db, user.id, (tx) =>
          tx
            .select({ review: reviews, item: calibrationItems })
            .from(reviews)
            .innerJoin(calibrationItems, eq(calibrationItems.id, reviews.calibrationItemId))
            .where(and(eq(reviews.userId, user.id), isNotNull(reviews.submittedAt))),
        );
        const points = calibrationCurve(
          rows.map((r) => ({ itemId: r.item.id, title: r.item.title, submittedAt: r.review.submittedAt!, mine: toScores(r.review.scores), gold: toScores(r.item.goldScores) })),
        );
        return c.json({ points }, 200);
      },
    );
}
