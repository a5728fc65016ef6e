/** Applications (company, role, JD) and their analysis. */
import { createRoute, z } from '@hono/zod-openapi';
import { desc, eq } from 'drizzle-orm';
import { AnalysisResponse, Application } from '@mockroom/core/api-shapes';
import { ApplicationInput, ApplicationPatch } from '@mockroom/core/input-rules';
import { applications, cvs } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { NotFoundError } from '../lib/errors.js';
import { deleteApplication } from '../lib/deletion.js';
import { recordEvent } from '../lib/events.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';

export const ApplicationSchema = Application.openapi('Application');
const IdParam = z.object({ id: z.uuid() });

function toApplication(a: typeof applications.$inferSelect): Application {
  return {
    id: a.id,
    company: a.company,
    role: a.role,
    seniority: a.seniority,
    interviewType: a.interviewType,
    jobDescription: a.jobDescription,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function createApplicationRoutes() {
  return createRouter()
    .openapi(
      createRoute({ method: 'get', path: '/', responses: { 200: json(z.object({ applications: z.array(ApplicationSchema) })), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const rows = await c.var.services.db.asUser(user.id, (tx) => tx.select().from(applications).orderBy(desc(applications.createdAt)));
        return c.json({ applications: rows.map(toApplication) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        request: { body: jsonBody(ApplicationInput) },
        responses: { 201: json(z.object({ application: ApplicationSchema })), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const body = c.req.valid('json');
        const [row] = await c.var.services.db.asUser(user.id, (tx) => tx.insert(applications).values({ ...body, userId: user.id }).returning());
        await recordEvent(c.var.services, 'application_created');
        return c.json({ application: toApplication(row!) }, 201);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/{id}', request: { params: IdParam }, responses: { 200: json(z.object({ application: ApplicationSchema })), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const [row] = await c.var.services.db.asUser(user.id, (tx) => tx.select().from(applications).where(eq(applications.id, id)));
        if (!row) throw new NotFoundError('application');
        return c.json({ application: toApplication(row) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{id}',
        request: { params: IdParam, body: jsonBody(ApplicationPatch) },
        responses: { 200: json(z.object({ application: ApplicationSchema })), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const s = c.var.services;
        const [row] = await s.db.asUser(user.id, (tx) =>
          tx.update(applications).set({ ...body, updatedAt: s.now() }).where(eq(applications.id, id)).returning(),
        );
        if (!row) throw new NotFoundError('application');
        return c.json({ application: toApplication(row) }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/{id}', request: { params: IdParam }, responses: { 204: { description: 'deleted with its interviews' }, ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        if (!(await deleteApplication(c.var.services, user.id, id))) throw new NotFoundError('application');
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/analysis',
        request: { params: IdParam },
        responses: { 200: json(AnalysisResponse), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const { id } = c.req.valid('param');
        const s = c.var.services;
        const loaded = await s.db.asUser(user.id, async (tx) => {
          const [app] = await tx.select().from(applications).where(eq(applications.id, id));
          const [cv] = await tx.select({ text: cvs.text }).from(cvs);
          return app ? { app, cvText: cv?.text ?? null } : null;
        });
        if (!loaded) throw new NotFoundError('application');
        const analysis = await s.analysis.analyze({
          cvText: loaded.cvText,
          jobDescription: loaded.app.jobDescription,
          role: loaded.app.role,
          seniority: loaded.app.seniority,
        });
        return c.json({ analysis }, 200);
      },
    );
}
