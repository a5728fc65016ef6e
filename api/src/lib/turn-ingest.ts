/**
 * Stores a batch of the agent's turns for one interview in one transaction (see batcher.ts for
 * how concurrent posts are grouped). Each turn gets exactly the answer it would get alone:
 * created (201) for the first occurrence of a turnId, the stored row (200) for a retry — whether
 * the earlier copy was committed before or sits earlier in the same batch — and null when the
 * interview does not exist (404). A closed interview makes the insert fail the row-level policy
 * (42501) for the whole batch, as it would for each turn alone; the transaction keeps nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { TurnInput } from '@mockroom/core';
import type { MockroomDb } from '@mockroom/db/client';
import { interviews, transcriptTurns } from '@mockroom/db/schema';
import { pgCode } from './errors.js';
import { markLiveTx } from './interview-lifecycle.js';
import { TtlCache } from './ttl-cache.js';

export type StoredTurn = typeof transcriptTurns.$inferSelect;
export type IngestResult = { created: boolean; turn: StoredTurn } | null;

/**
 * Interviews already past 'scheduled' → their owner, one cache per app instance (a dependency of
 * createApp). Both facts are permanent (the owner never changes, status never goes back to
 * scheduled), so with an entry the batch skips its first statement (read owner/status, maybe mark
 * live) and no close needs to forget it. The insert policy still checks owner and state; if it
 * refuses (or the interview is gone), the batch is retried on the full path, which gives the
 * exact answer (404/409).
 */
export type StartedInterviewCache = TtlCache<string, string>;
export const STARTED_INTERVIEW_TTL_MS = 10 * 60_000;

export function createStartedInterviewCache(): StartedInterviewCache {
  return new TtlCache<string, string>(STARTED_INTERVIEW_TTL_MS, 10_000);
}

export interface IngestDeps {
  db: MockroomDb;
  caches: { startedInterviews: StartedInterviewCache };
}

export async function ingestTurns(s: IngestDeps, interviewId: string, turns: TurnInput[], now: Date): Promise<IngestResult[]> {
  const started = s.caches.startedInterviews;
  const known = started.get(interviewId);
  if (known) {
    try {
      return await storeBatch(s, interviewId, turns, now, known);
    } catch (error) {
      const code = pgCode(error);
      if (code !== '42501' && code !== '23503') throw error;
      started.delete(interviewId);
    }
  }
  return storeBatch(s, interviewId, turns, now, null);
}

async function storeBatch(s: IngestDeps, interviewId: string, turns: TurnInput[], now: Date, knownOwner: string | null): Promise<IngestResult[]> {
  const results = await s.db.asAgent(interviewId, async (tx) => {
    let userId = knownOwner;
    if (!userId) {
      const [iv] = await tx.select({ userId: interviews.userId, status: interviews.status }).from(interviews).where(eq(interviews.id, interviewId));
      if (!iv) return null;
      if (iv.status === 'scheduled') await markLiveTx(tx, interviewId, now);
      userId = iv.userId;
    }
    const owner = userId;
    // First occurrence of each turnId, in arrival order; later copies are retries.
    const firsts = new Map<string, TurnInput>();
    for (const t of turns) if (!firsts.has(t.turnId)) firsts.set(t.turnId, t);
    const inserted = await tx
      .insert(transcriptTurns)
      .values(
        [...firsts.values()].map((t) => ({
          interviewId,
          userId: owner,
          turnId: t.turnId,
          sequence: t.sequence,
          speaker: t.speaker,
          text: t.text,
          startedAt: new Date(t.startedAt),
          endedAt: new Date(t.endedAt),
          source: t.source,
          interrupted: t.interrupted,
          questionId: t.questionId ?? null,
        })),
      )
      .onConflictDoNothing({ target: [transcriptTurns.interviewId, transcriptTurns.turnId] })
      .returning();
    const rows = new Map(inserted.map((r) => [r.turnId, r]));
    const createdIds = new Set(rows.keys());
    const missing = [...firsts.keys()].filter((id) => !rows.has(id));
    if (missing.length > 0) {
      const existing = await tx
        .select()
        .from(transcriptTurns)
        .where(and(eq(transcriptTurns.interviewId, interviewId), inArray(transcriptTurns.turnId, missing)));
      for (const r of existing) rows.set(r.turnId, r);
    }
    const answered = new Set<string>();
    return {
      owner,
      results: turns.map((t) => {
        const turn = rows.get(t.turnId);
        if (!turn) return null;
        const created = createdIds.has(t.turnId) && !answered.has(t.turnId);
        answered.add(t.turnId);
        return { created, turn };
      }),
    };
  });
  if (!results) return turns.map(() => null);
  // Committed: the interview is live (or later) from now on.
  s.caches.startedInterviews.set(interviewId, results.owner);
  return results.results;
}
