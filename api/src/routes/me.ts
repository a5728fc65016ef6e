/** The account itself: profile, export of everything the user owns, deletion (cascades). */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { DisplayName } from '@mockroom/core/input-rules';
import { applications, cvs, interviews, outboxEmails, reports, transcriptTurns, turnMetrics, users } from '@mockroom/db/schema';
import { clearSessionCookie, requireUser } from '../auth/guard.js';
import { writeUser } from '../auth/session.js';
import { createRouter, errorResponses, json, jsonBody, toUserBody, UserSchema } from '../lib/openapi.js';
import { requireCurrentPassword } from './auth.js';

export function createMeRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'patch',
        path: '/',
        request: {
          body: jsonBody(
            z
              .object({
                displayName: DisplayName.optional(),
                emailPreferences: z.object({ reportReady: z.boolean().optional() }).strict().optional(),
              })
              // An update that names nothing to change is a client error, not an empty UPDATE (a 500).
              .refine((b) => b.displayName !== undefined || (b.emailPreferences !== undefined && Object.keys(b.emailPreferences).length > 0), {
                message: 'name at least one field to change',
              }),
          ),
        },
        responses: { 200: json(z.object({ user: UserSchema })), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const body = c.req.valid('json');
        const [row] = await writeUser(c.var.services, user.id, (tx) =>
          tx
            .update(users)
            .set({
              ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
              ...(body.emailPreferences ? { emailPreferences: { ...user.emailPreferences, ...body.emailPreferences } } : {}),
            })
            .where(eq(users.id, user.id))
            .returning(),
        );
        const u = row!;
        return c.json({ user: toUserBody(u) }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/export', responses: { 200: json(z.record(z.string(), z.unknown()), 'everything the user owns'), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        // RLS scopes every select to the caller; no owner filter needed (or trusted).
        const data = await c.var.services.db.asUser(user.id, async (tx) => {
          const [u] = await tx
            .select({ id: users.id, email: users.email, displayName: users.displayName, emailVerified: users.emailVerified, emailPreferences: users.emailPreferences, createdAt: users.createdAt })
            .from(users);
          return {
            user: u,
            cv: (await tx.select().from(cvs))[0] ?? null,
            applications: await tx.select().from(applications),
            interviews: await tx.select().from(interviews),
            transcriptTurns: await tx.select().from(transcriptTurns),
            turnMetrics: await tx.select().from(turnMetrics),
            reports: await tx.select().from(reports),
            emails: await tx.select().from(outboxEmails),
          };
        });
        c.header('content-disposition', 'attachment; filename="mockroom-export.json"');
        return c.json({ exportedAt: c.var.services.now().toISOString(), ...JSON.parse(JSON.stringify(data)) } as Record<string, unknown>, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/',
        request: { body: jsonBody(z.object({ password: z.string().min(1).max(1024) })) },
        responses: { 204: { description: 'account and everything it owns deleted' }, ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        await requireCurrentPassword(s, user.id, c.req.valid('json').password);
        await writeUser(s, user.id, (tx) => tx.delete(users).where(eq(users.id, user.id)));
        clearSessionCookie(c);
        s.logger.info({ userId: user.id }, 'account deleted');
        return c.body(null, 204);
      },
    );
}
