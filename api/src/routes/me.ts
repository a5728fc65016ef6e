/**
 * The account itself: profile, export of everything the user owns (JSON, or an archive with
 * readable transcripts), and deletion with a grace period (lib/account-deletion.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { DisplayName } from '@mockroom/core/input-rules';
import { DeletionStatus } from '@mockroom/core/api-shapes';
import { users } from '@mockroom/db/schema';
import { clearSessionCookie, requireUser } from '../auth/guard.js';
import { cancelAccountDeletion, requestAccountDeletion } from '../lib/account-deletion.js';
import { recordEvent } from '../lib/events.js';
import { buildExportArchive, collectUserData } from '../lib/export.js';
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
      createRoute({
        method: 'get',
        path: '/export',
        description: 'everything the user owns as JSON, one list per table (generated from the schema)',
        responses: { 200: json(z.object({ exportedAt: z.iso.datetime(), tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) }), 'everything the user owns'), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const tables = await collectUserData(s, user.id);
        await recordEvent(s, 'export_downloaded');
        c.header('content-disposition', 'attachment; filename="mockroom-export.json"');
        return c.json({ exportedAt: s.now().toISOString(), tables }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/export/archive',
        description: 'everything the user owns as a gzipped tar: data.json plus each transcript as readable text',
        responses: { 200: { description: 'mockroom-export.tar.gz', content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const archive = await buildExportArchive(s, user.id);
        await recordEvent(s, 'export_downloaded');
        const day = s.now().toISOString().slice(0, 10);
        return c.body(archive as Uint8Array<ArrayBuffer>, 200, {
          'content-type': 'application/gzip',
          'content-disposition': `attachment; filename="mockroom-export-${day}.tar.gz"`,
        });
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/',
        description: 'schedules the deletion of the account and everything it owns after the grace period (ACCOUNT_DELETION_GRACE_DAYS); signs out every session and emails the date',
        request: { body: jsonBody(z.object({ password: z.string().min(1).max(1024) })) },
        responses: { 202: json(DeletionStatus.openapi('DeletionStatus'), 'deletion scheduled; signed out everywhere'), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        await requireCurrentPassword(s, user.id, c.req.valid('json').password);
        const dueAt = await requestAccountDeletion(s, user);
        clearSessionCookie(c);
        return c.json({ scheduledFor: dueAt.toISOString(), graceDays: s.env.ACCOUNT_DELETION_GRACE_DAYS }, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/deletion',
        description: 'the pending account deletion, if any',
        responses: { 200: json(DeletionStatus.openapi('DeletionStatus')), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        return c.json({ scheduledFor: user.deletionDueAt?.toISOString() ?? null, graceDays: s.env.ACCOUNT_DELETION_GRACE_DAYS }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/deletion',
        description: 'cancels a pending account deletion (signing in during the grace period offers this)',
        responses: { 200: json(DeletionStatus.openapi('DeletionStatus'), 'no deletion pending any more'), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        await cancelAccountDeletion(s, user.id);
        return c.json({ scheduledFor: null, graceDays: s.env.ACCOUNT_DELETION_GRACE_DAYS }, 200);
      },
    );
}
