/**
 * The candidate's side of reviewing (issue 18): share one ended interview with a reviewer (an
 * invitation link, optionally emailed) or with a cohort (its share code), list who has access,
 * revoke at once (the share row is deleted, and row-level security keys all reviewer access on it),
 * and read the comments reviewers shared back.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@mockroom/db/client';
import { interviews, reviewComments, reviewShares } from '@mockroom/db/schema';
import { CreateShareInput, ReviewShare, ShareCreatedResponse, SharedCommentsResponse, SharesResponse } from '@mockroom/core/review-shapes';
import { requireUser } from '../auth/guard.js';
import { ApiError, NotFoundError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { inviteUrl, newInviteToken, newPseudonym, REVIEW_INVITE_TTL_MS } from '../lib/review-tokens.js';

const IdParam = z.object({ id: z.uuid() });
const InterviewQuery = z.object({ interviewId: z.uuid() });

function toShare(row: typeof reviewShares.$inferSelect, cohortName: string | null): ReviewShare {
  return {
    id: row.id,
    interviewId: row.interviewId,
    audience: row.cohortId ? 'cohort' : 'link',
    status: row.cohortId ? 'active' : row.reviewerUserId ? 'accepted' : 'pending',
    reviewerName: row.reviewerName,
    inviteEmail: row.inviteEmail,
    cohortName,
    pseudonym: row.pseudonym,
    showsName: row.candidateName !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function createReviewShareRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        request: { body: jsonBody(CreateShareInput) },
        responses: { 201: json(ShareCreatedResponse.openapi('ShareCreated')), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const body = c.req.valid('json');
        const invite = body.audience === 'link' ? newInviteToken() : null;
        const created = await s.db.asUser(user.id, async (tx) => {
          // The owner filter matters: a reviewer can read interviews shared with them, not share them on.
          const [iv] = await tx
            .select({ status: interviews.status })
            .from(interviews)
            .where(and(eq(interviews.id, body.interviewId), eq(interviews.userId, user.id)));
          if (!iv) throw new NotFoundError('interview');
          if (iv.status !== 'ended') throw new ApiError(409, 'interview_not_ended', 'only an ended interview can be shared');
          let cohortName: string | null = null;
          if (body.cohortId) {
            const rows = rowsOf<{ name: string | null }>(await tx.execute(sql`select review_cohort_name(${body.cohortId}) as name`));
            cohortName = rows[0]?.name ?? null;
            if (!cohortName) throw new NotFoundError('cohort');
          }
          const [row] = await tx
            .insert(reviewShares)
            .values({
              interviewId: body.interviewId,
              userId: user.id,
              cohortId: body.cohortId ?? null,
              inviteTokenHash: invite?.tokenHash ?? null,
              inviteEmail: body.audience === 'link' ? (body.email ?? null) : null,
              inviteExpiresAt: invite ? new Date(s.now().getTime() + REVIEW_INVITE_TTL_MS) : null,
              pseudonym: newPseudonym(),
              candidateName: body.showName ? user.displayName : null,
              redactName: user.displayName,
            })
            .returning();
          return { row: row!, cohortName };
        });
        const url = invite ? inviteUrl(s.env.APP_BASE_URL, invite.token) : null;
        if (url && body.email) {
          const to = body.email;
          // After the response, so its timing says nothing about the mail; no name in the mail.
          s.background(() =>
            s.mailer.send({
              to,
              subject: 'A practice interview to review on Mockroom',
              text: `A candidate practising on Mockroom shared an interview with you for review.\n\nOpen ${url} to sign in or create an account and review it. The link works once and expires in 14 days; the candidate can revoke it at any time.`,
              userId: user.id,
            }),
          );
        }
        return c.json({ share: toShare(created.row, created.cohortName), inviteUrl: url }, 201);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/', request: { query: InterviewQuery }, responses: { 200: json(SharesResponse.openapi('Shares')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { interviewId } = c.req.valid('query');
        const rows = await c.var.services.db.asUser(user.id, async (tx) => {
          const list = await tx
            .select()
            .from(reviewShares)
            .where(and(eq(reviewShares.interviewId, interviewId), eq(reviewShares.userId, user.id)))
            .orderBy(desc(reviewShares.createdAt));
          const names = new Map<string, string | null>();
          for (const r of list) {
            if (r.cohortId && !names.has(r.cohortId)) {
              names.set(r.cohortId, rowsOf<{ name: string | null }>(await tx.execute(sql`select review_cohort_name(${r.cohortId}) as name`))[0]?.name ?? null);
            }
          }
          return list.map((r) => toShare(r, r.cohortId ? (names.get(r.cohortId) ?? null) : null));
        });
        return c.json({ shares: rows }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/{id}', request: { params: IdParam }, responses: { 204: { description: 'revoked: the reviewers lose access at once' }, ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const deleted = await c.var.services.db.asUser(user.id, (tx) =>
          tx.delete(reviewShares).where(and(eq(reviewShares.id, id), eq(reviewShares.userId, user.id))).returning({ id: reviewShares.id }),
        );
        if (deleted.length === 0) throw new NotFoundError('share');
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/comments', request: { query: InterviewQuery }, responses: { 200: json(SharedCommentsResponse.openapi('SharedComments')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { interviewId } = c.req.valid('query');
        const found = await c.var.services.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select({ id: interviews.id }).from(interviews).where(and(eq(interviews.id, interviewId), eq(interviews.userId, user.id)));
          if (!iv) return null;
          // Row-level security shows the owner only comments whose reviewer shared their review back.
          const comments = await tx.select().from(reviewComments).where(eq(reviewComments.interviewId, interviewId)).orderBy(asc(reviewComments.createdAt));
          const shares = await tx.select({ reviewerUserId: reviewShares.reviewerUserId, reviewerName: reviewShares.reviewerName }).from(reviewShares).where(eq(reviewShares.interviewId, interviewId));
          return { comments, shares };
        });
        if (!found) throw new NotFoundError('interview');
        const names = new Map(found.shares.filter((s) => s.reviewerUserId && s.reviewerName).map((s) => [s.reviewerUserId!, s.reviewerName!]));
        return c.json(
          {
            comments: found.comments.map((cm) => ({
              id: cm.id,
              turnId: cm.turnId,
              spanStart: cm.spanStart,
              spanEnd: cm.spanEnd,
              starPart: cm.starPart,
              body: cm.body,
              reviewer: names.get(cm.userId) ?? 'A reviewer',
              createdAt: cm.createdAt.toISOString(),
            })),
          },
          200,
        );
      },
    );
}
