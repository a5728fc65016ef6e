/** Development-only helpers, mounted only with DEV_OUTBOX (`pnpm dev`), never in production: the email outbox. */
import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { outboxEmails } from '@mockroom/db/schema';
import type { AppEnv } from '../lib/context.js';

export function createDevRoutes() {
  return new Hono<AppEnv>().get('/outbox', async (c) => {
    const rows = await c.var.services.db.asWorker((tx) => tx.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(100));
    return c.json({ emails: rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, createdAt: r.createdAt.toISOString() })) });
  });
}
