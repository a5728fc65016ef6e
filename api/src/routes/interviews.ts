/** Interviews: create (plan snapshot), list, read with transcript, LiveKit token, end, report, rescore. */
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { InterviewPlan, Report } from '@mockroom/core';
import { Interview, InterviewDetail, InterviewSummary, ReportResponse, type ReportStatus, TokenResponse } from '@mockroom/core/api-shapes';
import { buildInterviewPlan } from '@mockroom/core/plan-builder';
import { toRoomName } from '@mockroom/core';
import { SCORER_VERSION } from '@mockroom/core/scoring';
import { InterviewMetricsResponse } from '@mockroom/core/stack-metrics';
import { applications, cvs, interviews, jobs, reports, transcriptTurns, turnMetrics } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { requireOpenInterview, withTransitions } from '../lib/interview-lifecycle.js';
import { ApiError, NotFoundError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { providerOverrideFor, requireStackForNewInterview, stackPolicy, stackRefusal } from '../lib/stack-policy.js';
import { toInterviewMetrics } from '../lib/stack-metrics.js';
import { enqueueScoring, SCORE_JOB, toTurnRecord } from '../jobs/score-interview.js';
import { deleteInterview } from '../lib/deletion.js';
import { recordEvent } from '../lib/events.js';
import { chargeInterviewStart } from '../billing/ledger.js';

const IdParam = z.object({ id: z.uuid() });
const InterviewSchema = Interview.openapi('Interview');
const InterviewBody = z.object({ interview: InterviewSchema });

export function toInterview(iv: typeof interviews.$inferSelect): Interview {
  return {
    id: iv.id,
    applicationId: iv.applicationId,
    status: iv.status,
    roomName: iv.roomName,
    // The column holds what buildInterviewPlan returned when the interview was created.
    plan: iv.plan as InterviewPlan,
    timeBoxSeconds: iv.timeBoxSeconds,
    startedAt: iv.startedAt?.toISOString() ?? null,
    endedAt: iv.endedAt?.toISOString() ?? null,
    endReason: iv.endReason ?? null,
    createdAt: iv.createdAt.toISOString(),
    stack: iv.stack ?? null,
  };
}

export function createInterviewRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        request: {
          body: jsonBody(
            z.object({
              applicationId: z.uuid(),
              timeBoxMinutes: z.number().int().min(5).max(60).default(15),
              questionCount: z.number().int().min(1).max(15).optional(),
              /** A provider stack from GET /api/stacks; unset: the server's default stack. */
              stack: z.string().max(64).optional(),
            }),
          ),
        },
        responses: { 201: json(InterviewBody), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const body = c.req.valid('json');
        // Refused before anything is stored or analysed: a stack that cannot run never reaches a call.
        const stack = requireStackForNewInterview(stackPolicy(s.env), body.stack);
        const loaded = await s.db.asUser(user.id, async (tx) => {
          const [app] = await tx.select().from(applications).where(eq(applications.id, body.applicationId));
          const [cv] = await tx.select({ text: cvs.text }).from(cvs);
          return app ? { app, cvText: cv?.text ?? null } : null;
        });
        if (!loaded) throw new NotFoundError('application');
        const { app, cvText } = loaded;
        const analysis = await s.analysis.analyze({ cvText, jobDescription: app.jobDescription, role: app.role, seniority: app.seniority });
        const plan = buildInterviewPlan({
          analysis,
          interviewType: app.interviewType,
          seniority: app.seniority,
          role: app.role,
          company: app.company,
          ...(body.questionCount ? { questionCount: body.questionCount } : {}),
        });
        const id = crypto.randomUUID();
        // The stack's per-stage names, which the agent applies over its configured providers.
        const providerSettings = providerOverrideFor(stack);
        const [row] = await s.db.asUser(user.id, (tx) =>
          tx
            .insert(interviews)
            .values({
              id,
              userId: user.id,
              applicationId: app.id,
              roomName: toRoomName(id),
              plan,
              analysis,
              cvSnapshot: cvText,
              providerSettings,
              stack,
              timeBoxSeconds: body.timeBoxMinutes * 60,
            })
            .returning(),
        );
        await recordEvent(s, 'interview_created');
        return c.json({ interview: toInterview(row!) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        responses: {
          200: json(z.object({ interviews: z.array(InterviewSummary.openapi('InterviewSummary')) })),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const rows = await c.var.services.db.asUser(user.id, async (tx) => {
          const list = await tx
            .select({ iv: interviews, company: applications.company, role: applications.role })
            .from(interviews)
            .innerJoin(applications, eq(applications.id, interviews.applicationId))
            .orderBy(desc(interviews.createdAt));
          const ids = list.map((r) => r.iv.id);
          const reps = ids.length
            ? await tx
                .select({ interviewId: reports.interviewId, overall: reports.overall, status: sql<string | null>`${reports.body}->>'status'`, createdAt: reports.createdAt })
                .from(reports)
                .where(inArray(reports.interviewId, ids))
            : [];
          return { list, reps };
        });
        // An "incomplete" report (fewer than two answers) has no score, so it stays out of progress.
        const latest = new Map<string, { overall: number | null; at: number }>();
        for (const r of rows.reps) {
          const prev = latest.get(r.interviewId);
          if (!prev || prev.at < r.createdAt.getTime()) latest.set(r.interviewId, { overall: r.status === 'incomplete' ? null : r.overall, at: r.createdAt.getTime() });
        }
        return c.json(
          {
            interviews: rows.list.map((r) => ({
              id: r.iv.id,
              applicationId: r.iv.applicationId,
              company: r.company,
              role: r.role,
              status: r.iv.status,
              createdAt: r.iv.createdAt.toISOString(),
              overall: latest.get(r.iv.id)?.overall ?? null,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        request: { params: IdParam },
        responses: { 200: json(InterviewDetail.openapi('InterviewDetail')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const found = await c.var.services.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select().from(interviews).where(eq(interviews.id, id));
          if (!iv) return null;
          const turns = await tx.select().from(transcriptTurns).where(eq(transcriptTurns.interviewId, id)).orderBy(asc(transcriptTurns.sequence), asc(transcriptTurns.startedAt));
          return { iv, turns };
        });
        if (!found) throw new NotFoundError('interview');
        return c.json({ interview: toInterview(found.iv), turns: found.turns.map(toTurnRecord) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/token',
        request: { params: IdParam },
        responses: { 200: json(TokenResponse, 'LiveKit standard token response'), ...errorResponses, 402: errorResponses[400], 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        const knownOpen = s.caches.openInterviews.isKnownOpen(id, user.id);
        // A stack the server no longer offers (configuration changed since creation) is refused here, before the call.
        await requireOpenInterview(s, id, user.id, (iv) => {
          const refusal = iv.stack ? stackRefusal(stackPolicy(s.env), iv.stack) : null;
          if (refusal) throw refusal;
        });
        // The call starts with its first token: its planned length is charged once (api/src/billing);
        // 402 insufficient_credits, with nothing written, when the balance does not cover it.
        if (!knownOpen) await chargeInterviewStart(s, user.id, id).catch((error: unknown) => { s.caches.openInterviews.forget(id); throw error; });
        const participant_token = await s.livekit.createCandidateToken({ interviewId: id, userId: user.id });
        return c.json({ server_url: s.livekit.serverUrl, participant_token }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'post', path: '/{id}/end', request: { params: IdParam }, responses: { 200: json(InterviewBody), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        const row = await withTransitions(s, (work) => s.db.asUser(user.id, work), async (tx, t) => {
          const [exists] = await tx.select({ id: interviews.id }).from(interviews).where(eq(interviews.id, id));
          if (!exists) return null;
          await t.close({ interviewId: id, reason: 'candidate_ended' });
          const [iv] = await tx.select().from(interviews).where(eq(interviews.id, id));
          return iv ?? null;
        });
        if (!row) throw new NotFoundError('interview');
        return c.json({ interview: toInterview(row) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/report',
        request: { params: IdParam },
        responses: {
          200: json(ReportResponse.openapi('ReportResponse')),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const found = await c.var.services.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select({ id: interviews.id }).from(interviews).where(eq(interviews.id, id));
          if (!iv) return null;
          const reps = await tx.select().from(reports).where(eq(reports.interviewId, id)).orderBy(desc(reports.createdAt));
          const failed = await tx
            .select({ key: jobs.uniqueKey })
            .from(jobs)
            .where(and(eq(jobs.kind, SCORE_JOB), eq(jobs.status, 'failed')));
          return { reps, failed: failed.some((f) => f.key?.startsWith(`${SCORE_JOB}:${id}:`)) };
        });
        if (!found) throw new NotFoundError('interview');
        const preferred = found.reps.find((r) => r.version === SCORER_VERSION) ?? found.reps[0];
        const status: ReportStatus = preferred ? 'ready' : found.failed ? 'failed' : 'pending';
        return c.json(
          {
            status,
            // The column holds the Report the scoring job built (typed Report when it was written).
            report: preferred ? (preferred.body as Report) : null,
            reports: found.reps.map((r) => ({ version: r.version, createdAt: r.createdAt.toISOString() })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/metrics',
        request: { params: IdParam },
        responses: { 200: json(InterviewMetricsResponse.openapi('InterviewMetrics'), 'stage latencies, usage and cost from the stored turn metrics'), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        const found = await s.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select({ stack: interviews.stack, startedAt: interviews.startedAt, endedAt: interviews.endedAt }).from(interviews).where(eq(interviews.id, id));
          if (!iv) return null;
          const rows = await tx.select().from(turnMetrics).where(eq(turnMetrics.interviewId, id)).orderBy(asc(turnMetrics.createdAt));
          return { iv, rows };
        });
        if (!found) throw new NotFoundError('interview');
        return c.json(toInterviewMetrics(id, found.iv, found.rows, stackPolicy(s.env).prices, s.now()), 200);
      },
    )
    .openapi(
      createRoute({ method: 'post', path: '/{id}/rescore', request: { params: IdParam }, responses: { 202: { description: 'scoring queued' }, ...errorResponses, 409: errorResponses[400] } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        await s.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select({ id: interviews.id, status: interviews.status }).from(interviews).where(eq(interviews.id, id));
          if (!iv) throw new NotFoundError('interview');
          if (iv.status !== 'ended') throw new ApiError(409, 'interview_not_ended', 'the interview has not ended');
          await enqueueScoring(tx, { interviewId: id, userId: user.id, rescoreNonce: s.now().toISOString() });
        });
        s.kickJobs();
        return c.body(null, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{id}',
        description: 'deletes the interview now: transcript, report, metrics and dossier (CV snapshot, analysis, plan); a live call is ended first',
        request: { params: IdParam },
        responses: { 204: { description: 'deleted' }, ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        if (!(await deleteInterview(c.var.services, user.id, id))) throw new NotFoundError('interview');
        return c.body(null, 204);
      },
    );
}
