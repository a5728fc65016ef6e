/**
 * Agent-facing routes, authenticated by AGENT_API_TOKEN (only the agent has it). Queries run as
 * mockroom_agent scoped to the interview in the path. A turn is committed before the 2xx.
 */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { asc, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { InterviewContext, InterviewEndInput, TurnInput, TurnMetricsInput, type ProviderOverride } from '@mockroom/core';
import { applications, interviews, transcriptTurns, turnMetrics, users } from '@mockroom/db/schema';
import type { AppEnv } from '../lib/context.js';
import { closeInterview } from '../lib/interview-lifecycle.js';
import { ApiError, errorBody, NotFoundError, pgCode } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { KeyedBatcher } from '../lib/batcher.js';
import { ingestTurns, type IngestResult } from '../lib/turn-ingest.js';
import { toTurnRecord } from '../jobs/score-interview.js';
import { TurnResponse } from '@mockroom/core/api-shapes';

const IdParam = z.object({ id: z.uuid() });

/** A POST the agent makes about one interview (/interviews/{id}/…): its bearer token and a JSON body. */
function agentPost<Body extends z.ZodType, Responses extends RouteConfig['responses']>(path: `/interviews/{id}/${string}`, body: Body, responses: Responses) {
  return createRoute({ method: 'post', path, security: [{ agentToken: [] }], request: { params: IdParam, body: jsonBody(body) }, responses });
}

function digest(s: string): Uint8Array {
  return createHash('sha256').update(s, 'utf8').digest();
}

export function agentAuth(token: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!presented || !constantTimeEqual(digest(presented), expected)) {
      return c.json(errorBody('unauthorized', 'agent credential required'), 401);
    }
    await next();
  };
}

export function createAgentRoutes(agentToken: string) {
  const router = createRouter();
  router.use('*', agentAuth(agentToken));
  // Group commit for turn posts; created on first use because the services arrive per request.
  let batcher: KeyedBatcher<string, TurnInput, IngestResult> | undefined;
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/interviews/{id}/context',
        security: [{ agentToken: [] }],
        request: { params: IdParam },
        responses: { 200: json(InterviewContext), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const ctx = await c.var.services.db.asAgent(id, async (tx) => {
          const [row] = await tx
            .select({
              id: interviews.id,
              status: interviews.status,
              plan: interviews.plan,
              providers: interviews.providerSettings,
              stack: interviews.stack,
              timeBoxSeconds: interviews.timeBoxSeconds,
              company: applications.company,
              role: applications.role,
              seniority: applications.seniority,
              interviewType: applications.interviewType,
              candidateName: users.displayName,
            })
            .from(interviews)
            .innerJoin(applications, eq(applications.id, interviews.applicationId))
            .innerJoin(users, eq(users.id, interviews.userId))
            .where(eq(interviews.id, id));
          if (!row) return null;
          const turns = await tx.select().from(transcriptTurns).where(eq(transcriptTurns.interviewId, id)).orderBy(asc(transcriptTurns.sequence));
          return { row, turns };
        });
        if (!ctx) throw new NotFoundError('interview');
        const { row, turns } = ctx;
        const body: InterviewContext = InterviewContext.parse({
          interviewId: row.id,
          status: row.status,
          candidateName: row.candidateName,
          company: row.company,
          role: row.role,
          seniority: row.seniority,
          // A type the candidate chose for this interview on the pre-call page (interview-plan.ts) wins.
          interviewType: (row.plan as { interviewType?: string }).interviewType ?? row.interviewType,
          timeBoxSeconds: row.timeBoxSeconds,
          plan: row.plan,
          providers: (row.providers as ProviderOverride | null) ?? null,
          stack: row.stack ?? null,
          turns: turns.map(toTurnRecord),
        });
        return c.json(body, 200);
      },
    )
    .openapi(
      agentPost('/interviews/{id}/turns', TurnInput, {
        201: json(TurnResponse, 'stored'),
        200: json(TurnResponse, 'already stored (retry)'),
        ...errorResponses,
        409: errorResponses[400],
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const t = c.req.valid('json');
        const s = c.var.services;
        batcher ??= new KeyedBatcher((interviewId: string, turns: TurnInput[]) => ingestTurns(s, interviewId, turns, s.now()));
        const result = await batcher.submit(id, t).catch((error) => {
          // 42501: the row-level policy refused the insert (the interview is closed).
          if (pgCode(error) === '42501') {
            throw new ApiError(409, 'interview_closed', 'this interview no longer accepts turns');
          }
          throw error;
        });
        if (!result) throw new NotFoundError('interview');
        const turn = toTurnRecord(result.turn);
        return result.created ? c.json({ turn }, 201) : c.json({ turn }, 200);
      },
    )
    .openapi(
      agentPost('/interviews/{id}/metrics', TurnMetricsInput, { 204: { description: 'stored' }, ...errorResponses }),
      async (c) => {
        const { id } = c.req.valid('param');
        const m = c.req.valid('json');
        const ok = await c.var.services.db.asAgent(id, async (tx) => {
          const [iv] = await tx.select({ userId: interviews.userId }).from(interviews).where(eq(interviews.id, id));
          if (!iv) return false;
          await tx.insert(turnMetrics).values({ interviewId: id, userId: iv.userId, ...m }).onConflictDoNothing();
          return true;
        });
        if (!ok) throw new NotFoundError('interview');
        return c.body(null, 204);
      },
    )
    .openapi(
      agentPost('/interviews/{id}/end', InterviewEndInput, { 204: { description: 'ended (idempotent); scoring queued' }, ...errorResponses }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const found = await closeInterview(s, (work) => s.db.asAgent(id, work), { interviewId: id, reason: body.reason, questionStatuses: body.questionStatuses });
        if (!found) throw new NotFoundError('interview');
        return c.body(null, 204);
      },
    );
}
