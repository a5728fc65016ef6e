/** Turn ingestion under group commit, and the in-process caches' invalidation on writes. */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TurnInput } from '@mockroom/core';
import { rowsOf } from '@mockroom/db/client';
import { ingestTurns } from '../lib/turn-ingest.js';
import { AGENT_HEADERS, createInterview as createAppInterview, harnessPerFile, signUp, type Harness } from '../test/harness.js';

let h: Harness;
let alice: Awaited<ReturnType<typeof signUp>>;
harnessPerFile(async (x) => {
  h = x;
  alice = await signUp(h, 'alice');
});

const createInterview = async (): Promise<string> => (await createAppInterview(alice.browser)).interviewId;

function turn(turnId: string, sequence: number, text = 'I built a queue in Postgres.'): TurnInput {
  const now = new Date().toISOString();
  return { turnId, sequence, speaker: 'candidate', text, startedAt: now, endedAt: now, source: 'voice', interrupted: false };
}

function postTurn(interviewId: string, body: TurnInput) {
  return h.app.request(`/api/agent/interviews/${interviewId}/turns`, {
    method: 'POST',
    headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function storedTurns(interviewId: string) {
  return rowsOf<{ turn_id: string; text: string }>(
    await h.t.db.owner.execute(sql`select turn_id, text from transcript_turns where interview_id = ${interviewId} order by created_at, sequence`),
  );
}

describe('turn ingestion (group commit)', () => {
  it('answers each concurrent post with its own status across interviews, first copy wins', async () => {
    const [a, b] = [await createInterview(), await createInterview()];
    const posts = [
      postTurn(a, turn('a-1', 1)),
      postTurn(b, turn('b-1', 1)),
      postTurn(a, turn('a-2', 2)),
      postTurn(a, turn('a-1', 1, 'a conflicting replay')),
      postTurn(b, turn('b-2', 2)),
    ];
    const res = await Promise.all(posts);
    expect(res.map((r) => r.status)).toEqual([201, 201, 201, 200, 201]);
    const bodies = (await Promise.all(res.map((r) => r.json()))) as { turn: { id: string; turnId: string; text: string } }[];
    // The replay gets the stored row (the first copy), not its own text.
    expect(bodies[3]!.turn.id).toBe(bodies[0]!.turn.id);
    expect(bodies[3]!.turn.text).toBe('I built a queue in Postgres.');
    expect((await storedTurns(a)).map((t) => t.turn_id).sort()).toEqual(['a-1', 'a-2']);
    expect((await storedTurns(b)).map((t) => t.turn_id).sort()).toEqual(['b-1', 'b-2']);
    // A later retry, outside any batch, is still a 200.
    expect((await postTurn(a, turn('a-2', 2))).status).toBe(200);
  });

  it('answers 404 for an unknown interview and 409 to every post on a closed one, storing none', async () => {
    const missing = crypto.randomUUID();
    expect((await Promise.all([postTurn(missing, turn('x-1', 1)), postTurn(missing, turn('x-2', 2))])).map((r) => r.status)).toEqual([404, 404]);
    const closed = await createInterview();
    await h.t.db.owner.execute(sql`update interviews set status = 'ended', ended_at = now() - interval '10 minutes' where id = ${closed}`);
    const res = await Promise.all([postTurn(closed, turn('c-1', 1)), postTurn(closed, turn('c-2', 2)), postTurn(closed, turn('c-1', 1))]);
    expect(res.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(await storedTurns(closed)).toEqual([]);
  });

  it('gives the exact answer after an interview it has stored turns for is closed or deleted', async () => {
    const id = await createInterview();
    expect((await postTurn(id, turn('k-1', 1))).status).toBe(201);
    await h.t.db.owner.execute(sql`update interviews set status = 'ended', ended_at = now() - interval '10 minutes' where id = ${id}`);
    expect((await postTurn(id, turn('k-2', 2))).status).toBe(409);
    await h.t.db.owner.execute(sql`update interviews set status = 'live', ended_at = null where id = ${id}`);
    expect((await postTurn(id, turn('k-3', 3))).status).toBe(201);
    await h.t.db.owner.execute(sql`delete from interviews where id = ${id}`);
    expect((await postTurn(id, turn('k-4', 4))).status).toBe(404);
  });

  it('keeps nothing of a batch that fails: every turn of it gets the error', async () => {
    const id = await createInterview();
    // A NUL byte is refused by Postgres text columns: the one statement fails for all rows.
    const out = await ingestTurns(h.app.services, id, [turn('ok-1', 1), turn('bad', 2, 'nul \u0000 here'), turn('ok-2', 3)], new Date()).then(
      () => 'stored',
      () => 'failed',
    );
    expect(out).toBe('failed');
    expect(await storedTurns(id)).toEqual([]);
  });

  it('stores a batch in arrival order', async () => {
    const id = await createInterview();
    const turns = Array.from({ length: 6 }, (_, i) => turn(`o-${i}`, i));
    const results = await ingestTurns(h.app.services, id, [...turns, turn('o-2', 2)], new Date());
    expect(results.map((r) => r?.created)).toEqual([true, true, true, true, true, true, false]);
    expect(results[6]!.turn.id).toBe(results[2]!.turn.id);
    const ids = rowsOf<{ turn_id: string }>(await h.t.db.owner.execute(sql`select turn_id from transcript_turns where interview_id = ${id} order by ctid`));
    expect(ids.map((r) => r.turn_id)).toEqual(turns.map((t) => t.turnId));
  });
});

describe('in-process caches', () => {
  it('refuses a token right after this instance ends the interview', async () => {
    const id = await createInterview();
    expect((await alice.browser.post(`/api/interviews/${id}/token`)).status).toBe(200);
    expect((await alice.browser.post(`/api/interviews/${id}/end`)).status).toBe(200);
    expect((await alice.browser.post(`/api/interviews/${id}/token`)).status).toBe(409);
  });

  it('shows a profile change on the next request', async () => {
    expect((await alice.browser.get('/api/auth/me')).status).toBe(200);
    const res = await alice.browser.request('PATCH', '/api/me', { displayName: 'Renamed Person' });
    expect(res.status).toBe(200);
    const me = (await (await alice.browser.get('/api/auth/me')).json()) as { user: { displayName: string } };
    expect(me.user.displayName).toBe('Renamed Person');
  });
});
