/**
 * Cohorts of reviewers (issue 18): a lead creates one, invites reviewers by link or email,
 * publishes calibration items with gold scores, and sees the cohort's statistics. The cohort's id
 * is also its share code: a candidate shares an interview with the cohort by it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { calibrationItems, cohortInvitations, cohortMembers, cohorts, reviews } from '@mockroom/db/schema';
import {
  CalibrationCreatedResponse,
  CohortInvitationResponse,
  CohortResponse,
  CohortStatsResponse,
  CreateCohortInput,
  CreateCohortInvitationInput,
  PublishCalibrationInput,
} from '@mockroom/core/review-shapes';
import { intraclassCorrelations, quadraticWeightedKappa } from '@mockroom/core/agreement';
import { RUBRIC_DIMENSIONS } from '@mockroom/core/rubric';
import type { Tx } from '@mockroom/db/client';
import { requireUser } from '../auth/guard.js';
import { NotFoundError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { SCORE_MAX, SCORE_MIN, type Scores, toScores } from '../lib/review-agreement.js';
import { inviteUrl, newInviteToken, REVIEW_INVITE_TTL_MS } from '../lib/review-tokens.js';

const IdParam = z.object({ id: z.uuid() });

async function requireLed(tx: Tx, userId: string, cohortId: string) {
  const [cohort] = await tx.select().from(cohorts).where(and(eq(cohorts.id, cohortId), eq(cohorts.leadUserId, userId)));
  if (!cohort) throw new NotFoundError('cohort');
  return cohort;
}

export function createReviewCohortRoutes() {
  return createRouter()
    .openapi(
      createRoute({ method: 'post', path: '/', request: { body: jsonBody(CreateCohortInput) }, responses: { 201: json(CohortResponse.openapi('Cohort')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { name } = c.req.valid('json');
        const row = await c.var.services.db.asUser(user.id, async (tx) => {
          const [cohort] = await tx.insert(cohorts).values({ name, leadUserId: user.id }).returning();
          // The lead is a member, so what is shared with the cohort is shared with them too.
          await tx.insert(cohortMembers).values({ cohortId: cohort!.id, userId: user.id });
          return cohort!;
        });
        return c.json({ cohort: { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() } }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/invitations',
        request: { params: IdParam, body: jsonBody(CreateCohortInvitationInput) },
        responses: { 201: json(CohortInvitationResponse.openapi('CohortInvitation')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const { email } = c.req.valid('json');
        const s = c.var.services;
        const { token, tokenHash } = newInviteToken();
        const expiresAt = new Date(s.now().getTime() + REVIEW_INVITE_TTL_MS);
        await s.db.asUser(user.id, async (tx) => {
          await requireLed(tx, user.id, id);
          await tx.insert(cohortInvitations).values({ cohortId: id, tokenHash, email: email ?? null, expiresAt });
        });
        const url = inviteUrl(s.env.APP_BASE_URL, token);
        if (email) {
          s.background(() =>
            s.mailer.send({
              to: email,
              subject: 'Join a reviewer cohort on Mockroom',
              text: `You have been invited to join a cohort of interview reviewers on Mockroom.\n\nOpen ${url} to sign in or create an account and join. The link works once and expires in 14 days.`,
              userId: user.id,
            }),
          );
        }
        return c.json({ inviteUrl: url, expiresAt: expiresAt.toISOString() }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/calibration',
        request: { params: IdParam, body: jsonBody(PublishCalibrationInput) },
        responses: { 201: json(CalibrationCreatedResponse.openapi('CalibrationCreated')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const row = await c.var.services.db.asUser(user.id, async (tx) => {
          await requireLed(tx, user.id, id);
          const [item] = await tx
            .insert(calibrationItems)
            .values({ cohortId: id, createdBy: user.id, title: body.title, plan: body.plan, turns: body.turns, goldScores: body.goldScores })
            .returning({ id: calibrationItems.id, title: calibrationItems.title });
          return item!;
        });
        return c.json({ item: row }, 201);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/{id}/stats', request: { params: IdParam }, responses: { 200: json(CohortStatsResponse.openapi('CohortStats')), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const data = await c.var.services.db.asUser(user.id, async (tx) => {
          const cohort = await requireLed(tx, user.id, id);
          const members = await tx.select().from(cohortMembers).where(eq(cohortMembers.cohortId, id)).orderBy(asc(cohortMembers.joinedAt));
          // The lead reads their members' submitted reviews (reviews_lead_read), their own besides.
          const submitted = await tx.select().from(reviews).where(and(isNotNull(reviews.submittedAt), isNotNull(reviews.interviewId)));
          return { cohort, members, submitted };
        });
        const memberIds = new Set(data.members.map((m) => m.userId));
        const inCohort = data.submitted.filter((r) => memberIds.has(r.userId));
        const leadByInterview = new Map(inCohort.filter((r) => r.userId === user.id).map((r) => [r.interviewId!, toScores(r.scores)]));
        const reviewers = data.members
          .filter((m) => m.userId !== user.id)
          .map((m, i) => {
            const theirs = inCohort.filter((r) => r.userId === m.userId);
            // Pool every dimension of every interview both scored into one kappa.
            const xs: number[] = [];
            const ys: number[] = [];
            for (const r of theirs) {
              const l = leadByInterview.get(r.interviewId!);
              if (!l) continue;
              const s = toScores(r.scores);
              for (const { key } of RUBRIC_DIMENSIONS) {
                if (s[key] !== undefined && l[key] !== undefined) {
                  xs.push(s[key]);
                  ys.push(l[key]);
                }
              }
            }
            return { label: `Reviewer ${i + 1}`, submitted: theirs.length, kappaVsLead: quadraticWeightedKappa(xs, ys, SCORE_MIN, SCORE_MAX) };
          });
        const byInterview = new Map<string, Scores[]>();
        for (const r of inCohort) byInterview.set(r.interviewId!, [...(byInterview.get(r.interviewId!) ?? []), toScores(r.scores)]);
        const interviewStats = [...byInterview.entries()]
          .filter(([, raters]) => raters.length >= 2)
          .map(([interviewId, raters]) => {
            const keys = RUBRIC_DIMENSIONS.map((d) => d.key).filter((k) => raters.every((r) => r[k] !== undefined));
            const icc = intraclassCorrelations(keys.map((k) => raters.map((r) => r[k]!)));
            return { interviewId, raters: raters.length, icc: icc?.icc21 ?? null };
          });
        return c.json({ cohort: { id: data.cohort.id, name: data.cohort.name }, members: data.members.length, reviewers, interviews: interviewStats }, 200);
      },
    );
}

