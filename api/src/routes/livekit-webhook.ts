/**
 * LiveKit webhook: signature verified over the raw body (LiveKit signs a sha256 of it in a JWT),
 * de-duplicated by event id (a captured signed request can be replayed), then interview state moves.
 *
 * A candidate leaving the room is not the end of the interview (a reload, a network drop): the
 * agent waits for them for its grace period and closes the interview itself if they do not come
 * back (docs/decisions/011-rejoin-grace.md). So participant_left changes nothing here; only
 * room_finished (everyone, agent included, gone past the room's departure timeout) closes what is
 * still open. A late join on an ended interview changes nothing either: markLive moves only a
 * scheduled interview.
 */
import { Hono } from 'hono';
import { CANDIDATE_IDENTITY_PREFIX, parseRoomName } from '@mockroom/core';
import { webhookEvents } from '@mockroom/db/schema';
import type { AppEnv } from '../lib/context.js';
import { withTransitions } from '../lib/interview-lifecycle.js';
import { errorBody } from '../lib/errors.js';

export function createLivekitWebhookRoutes() {
  return new Hono<AppEnv>().post('/webhook', async (c) => {
    const s = c.var.services;
    const raw = await c.req.text();
    let event;
    try {
      event = await s.livekit.receiveWebhook(raw, c.req.header('authorization'));
    } catch {
      s.logger.warn('webhook signature rejected');
      return c.json(errorBody('invalid_signature', 'webhook signature rejected'), 401);
    }
    if (!event.id) return c.json(errorBody('invalid_input', 'event id missing'), 400);
    const first = await withTransitions(s, (work) => s.db.asWorker(work), async (tx, t) => {
      const rows = await tx.insert(webhookEvents).values({ id: event.id, kind: event.event }).onConflictDoNothing().returning({ id: webhookEvents.id });
      if (rows.length === 0) return false;
      const interviewId = parseRoomName(event.room?.name ?? '');
      if (!interviewId) return true;
      const identity = event.participant?.identity ?? '';
      if (event.event === 'participant_joined' && identity.startsWith(CANDIDATE_IDENTITY_PREFIX)) {
        await t.markLive(interviewId);
      } else if (event.event === 'room_finished') {
        await t.close({ interviewId, reason: 'candidate_left' });
      }
      return true;
    });
    s.logger.info({ event: event.event, duplicate: !first }, 'webhook received');
    return c.json({ ok: true }, 200);
  });
}
