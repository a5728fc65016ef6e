/**
 * Privacy routes: the public facts behind the privacy page (from the running configuration), an
 * interview's dossier (what it was built from, shown on the report and deleted with it) and the
 * operator's usage counts from the first-party events table.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { AnalysisSchema } from '@mockroom/core/analysis';
import { Dossier, EventCounts, PrivacyInfo } from '@mockroom/core/api-shapes';
import type { InterviewPlan } from '@mockroom/core';
import { applications, interviews } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { ForbiddenError, NotFoundError } from '../lib/errors.js';
import { countEventsPerDay } from '../lib/events.js';
import { createRouter, errorResponses, json } from '../lib/openapi.js';
import { toPrivacyInfo } from '../lib/privacy-info.js';

export function createPrivacyRoutes() {
  return createRouter().openapi(
    createRoute({ method: 'get', path: '/', description: 'public: who processes what, retention periods', responses: { 200: json(PrivacyInfo.openapi('PrivacyInfo')) } }),
    (c) => c.json(toPrivacyInfo(c.var.services.env), 200),
  );
}

export function createOperatorRoutes() {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/events',
      description: 'operators only (OPERATOR_EMAILS): the sum of each product event per UTC day',
      request: { query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }) },
      responses: { 200: json(EventCounts.openapi('EventCounts')), ...errorResponses },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const s = c.var.services;
      if (!s.env.OPERATOR_EMAILS.includes(user.email.toLowerCase())) throw new ForbiddenError();
      const { days } = c.req.valid('query');
      return c.json({ days, counts: await countEventsPerDay(s.db, s.now(), days) }, 200);
    },
  );
}

export function createDossierRoutes() {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/{id}/dossier',
      description: 'what the interview was built from: CV snapshot, job description, analysis, plan',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: json(z.object({ dossier: Dossier.openapi('Dossier') })), ...errorResponses },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const { id } = c.req.valid('param');
      const [row] = await c.var.services.db.asUser(user.id, (tx) =>
        tx
          .select({ iv: interviews, company: applications.company, role: applications.role, jobDescription: applications.jobDescription })
          .from(interviews)
          .innerJoin(applications, eq(applications.id, interviews.applicationId))
          .where(eq(interviews.id, id)),
      );
      if (!row) throw new NotFoundError('interview');
      const analysis = AnalysisSchema.safeParse(row.iv.analysis);
      return c.json(
        {
          dossier: {
            interviewId: row.iv.id,
            company: row.company,
            role: row.role,
            cvSnapshot: row.iv.cvSnapshot,
            jobDescription: row.jobDescription,
            analysis: analysis.success ? analysis.data : null,
            // The column holds what buildInterviewPlan returned when the interview was created.
            plan: row.iv.plan as InterviewPlan,
            createdAt: row.iv.createdAt.toISOString(),
          },
        },
        200,
      );
    },
  );
}
