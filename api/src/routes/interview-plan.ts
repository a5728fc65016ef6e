/**
 * The candidate's plan before the call: reorder, replace, add their own questions and pick the
 * recruiter's style (PUT /interviews/{id}/plan), or rebuild the questions for another interview
 * type (POST /interviews/{id}/plan/rebuild). Only while the interview is `scheduled`: once the
 * call has started the agent is asking the stored plan, and it must stay the plan it asks.
 * The agent reads the edited plan from its context route, so nothing else needs telling.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { PlanEdit, applyPlanEdit, InterviewPlan, PlanEditError, InterviewStyle } from '@mockroom/core';
import { AnalysisSchema } from '@mockroom/core/analysis';
import { Interview } from '@mockroom/core/api-shapes';
import { buildInterviewPlan, MAX_QUESTION_COUNT } from '@mockroom/core/plan-builder';
import { InterviewType } from '@mockroom/core/wire';
import { applications, interviews } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { ApiError, NotFoundError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { providerOverrideFor, requireStackForNewInterview, stackPolicy } from '../lib/stack-policy.js';
import { toInterview } from './interviews.js';
import { isInterviewChargedTx } from '../billing/ledger.js';

const IdParam = z.object({ id: z.uuid() });
const InterviewBody = z.object({ interview: Interview.openapi('Interview') });

const PlanEditBody = PlanEdit.partial({ questions: true }).extend({
  /** The time box can still change on the pre-call page. */
  timeBoxMinutes: z.number().int().min(5).max(60).optional(),
  /** The provider stack picked on the pre-call page (GET /api/stacks), checked as at creation. */
  stack: z.string().max(64).optional(),
});
const RebuildBody = z.object({
  interviewType: InterviewType,
  style: InterviewStyle.optional(),
  questionCount: z.number().int().min(1).max(15).optional(),
});

function notScheduled(): ApiError {
  return new ApiError(409, 'interview_started', 'the plan can only change before the call starts');
}

export function createInterviewPlanRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'put',
        path: '/{id}/plan',
        request: { params: IdParam, body: jsonBody(PlanEditBody) },
        responses: { 200: json(InterviewBody), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const stack = body.stack === undefined ? undefined : requireStackForNewInterview(stackPolicy(s.env), body.stack);
        const row = await s.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select().from(interviews).where(eq(interviews.id, id));
          if (!iv) throw new NotFoundError('interview');
          if (iv.status !== 'scheduled') throw notScheduled();
          // Charged at its first token by its length (api/src/billing): the length is fixed from then on.
          if (body.timeBoxMinutes && body.timeBoxMinutes * 60 !== iv.timeBoxSeconds && (await isInterviewChargedTx(tx, id))) {
            throw new ApiError(409, 'interview_charged', 'the length cannot change once the call has started');
          }
          let plan: InterviewPlan;
          const stored = InterviewPlan.parse(iv.plan);
          try {
            // Without questions the edit is the style (and time box) alone.
            plan = body.questions ? applyPlanEdit(stored, { questions: body.questions, ...(body.style ? { style: body.style } : {}) }) : { ...stored, ...(body.style ? { style: body.style } : {}) };
          } catch (error) {
            if (error instanceof PlanEditError) throw new ApiError(400, 'invalid_plan', error.message);
            throw error;
          }
          // The status condition again: a call that started meanwhile keeps the plan it is asking.
          const [updated] = await tx
            .update(interviews)
            .set({
              plan,
              ...(body.timeBoxMinutes ? { timeBoxSeconds: body.timeBoxMinutes * 60 } : {}),
              ...(stack ? { stack, providerSettings: providerOverrideFor(stack) } : {}),
            })
            .where(and(eq(interviews.id, id), eq(interviews.status, 'scheduled')))
            .returning();
          if (!updated) throw notScheduled();
          return updated;
        });
        return c.json({ interview: toInterview(row) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/plan/rebuild',
        request: { params: IdParam, body: jsonBody(RebuildBody) },
        responses: { 200: json(InterviewBody), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const loaded = await s.db.asUser(user.id, async (tx) => {
          const [found] = await tx
            .select({ iv: interviews, app: applications })
            .from(interviews)
            .innerJoin(applications, eq(applications.id, interviews.applicationId))
            .where(eq(interviews.id, id));
          return found ?? null;
        });
        if (!loaded) throw new NotFoundError('interview');
        const { iv, app } = loaded;
        if (iv.status !== 'scheduled') throw notScheduled();
        const previous = InterviewPlan.parse(iv.plan);
        // The analysis stored with the interview is the one its plan came from; an old row without
        // one is analysed again from the CV snapshot it holds.
        const stored = AnalysisSchema.safeParse(iv.analysis);
        const analysis = stored.success
          ? stored.data
          : await s.analysis.analyze({ cvText: iv.cvSnapshot, jobDescription: app.jobDescription, role: app.role, seniority: app.seniority });
        const built = buildInterviewPlan({
          analysis,
          interviewType: body.interviewType,
          seniority: app.seniority,
          role: app.role,
          company: app.company,
          questionCount: Math.min(MAX_QUESTION_COUNT, body.questionCount ?? previous.questions.length),
        });
        const style = body.style ?? previous.style;
        const plan: InterviewPlan = { ...built, interviewType: body.interviewType, ...(style ? { style } : {}) };
        const [row] = await s.db.asUser(user.id, (tx) =>
          tx
            .update(interviews)
            .set({ plan })
            .where(and(eq(interviews.id, id), eq(interviews.status, 'scheduled')))
            .returning(),
        );
        if (!row) throw notScheduled();
        return c.json({ interview: toInterview(row) }, 200);
      },
    );
}
