import { sql } from 'drizzle-orm';
import { TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@mockroom/db/client';
import { AGENT_HEADERS, Browser, createHarness, signUp, type Harness } from '../test/harness.js';

let h: Harness;
let alice: Awaited<ReturnType<typeof signUp>>;
let bob: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  h = await createHarness();
  alice = await signUp(h, 'alice');
  bob = await signUp(h, 'bob');
});
afterAll(async () => {
  await h?.close();
});

async function createInterview(b: Browser): Promise<{ applicationId: string; interviewId: string }> {
  const app = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  expect(app.status).toBe(201);
  const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await b.post('/api/interviews', { applicationId });
  expect(iv.status).toBe(201);
  const interview = ((await iv.json()) as { interview: { id: string; status: string; plan: { questions: unknown[] } } }).interview;
  expect(interview.status).toBe('scheduled');
  expect(interview.plan.questions.length).toBeGreaterThan(0);
  return { applicationId, interviewId: interview.id };
}

function turnBody(turnId: string, sequence: number, text = 'I built a queue in Postgres.') {
  const now = new Date().toISOString();
  return { turnId, sequence, speaker: 'candidate', text, startedAt: now, endedAt: now };
}

async function agent(method: string, path: string, body?: unknown) {
  return h.app.request(path, {
    method,
    headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

describe('interviews, token and agent routes', () => {
  it('issues a narrow LiveKit token for the caller’s own interview only', async () => {
    const { interviewId } = await createInterview(alice.browser);
    const res = await alice.browser.post(`/api/interviews/${interviewId}/token`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { server_url: string; participant_token: string };
    expect(body.server_url).toBe(h.env.LIVEKIT_URL);
    const claims = await new TokenVerifier(h.env.LIVEKIT_API_KEY, h.env.LIVEKIT_API_SECRET).verify(body.participant_token);
    expect(claims.sub).toBe(`cand_${alice.user.id}`);
    expect(claims.video?.room).toBe(`iv_${interviewId}`);
    expect(claims.video?.roomJoin).toBe(true);
    expect(claims.video?.canPublishSources).toEqual(['microphone']);
    expect(claims.video?.roomAdmin ?? false).toBe(false);
    expect(claims.video?.roomCreate ?? false).toBe(false);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    const agents = (claims.roomConfig as { agents?: { agentName: string; metadata: string }[] }).agents!;
    expect(agents[0]!.agentName).toBe('recruiter');
    expect(JSON.parse(agents[0]!.metadata)).toEqual({ interviewId });
    expect(body.participant_token).not.toContain(alice.user.email);
    expect((await bob.browser.post(`/api/interviews/${interviewId}/token`)).status).toBe(404);
    expect((await new Browser(h).post(`/api/interviews/${interviewId}/token`)).status).toBe(401);
  });

  it('serves the agent its context and refuses without the credential', async () => {
    const { interviewId } = await createInterview(alice.browser);
    const res = await agent('GET', `/api/agent/interviews/${interviewId}/context`);
    expect(res.status).toBe(200);
    const ctx = (await res.json()) as { candidateName: string; company: string; plan: { questions: unknown[] } };
    expect(ctx.candidateName).toBe('Test Person');
    expect(ctx.company).toBe('Acme');
    const denied = await h.app.request(`/api/agent/interviews/${interviewId}/context`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } });
    expect(denied.status).toBe(401);
  });

  it('stores each turn once under concurrent retries (201 then 200)', async () => {
    const { interviewId } = await createInterview(alice.browser);
    const results = await Promise.all(Array.from({ length: 8 }, () => agent('POST', `/api/agent/interviews/${interviewId}/turns`, turnBody('t-1', 0))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    const got = await alice.browser.get(`/api/interviews/${interviewId}`);
    const body = (await got.json()) as { interview: { status: string }; turns: { turnId: string }[] };
    expect(body.turns.map((t) => t.turnId)).toEqual(['t-1']);
    expect(body.interview.status).toBe('live');
    expect((await agent('POST', `/api/agent/interviews/${interviewId}/metrics`, { turnId: 't-1', endOfTurnDelayMs: 300, sttMs: 120, llmFirstTokenMs: 200, ttsFirstByteMs: 90, totalMs: 800 })).status).toBe(204);
  });

  it('ends once from any path and scores exactly once under concurrent triggers', async () => {
    const { interviewId } = await createInterview(alice.browser);
    await agent('POST', `/api/agent/interviews/${interviewId}/turns`, turnBody('r-1', 0));
    const ends = await Promise.all([
      agent('POST', `/api/agent/interviews/${interviewId}/end`, { reason: 'completed', questionStatuses: [] }),
      agent('POST', `/api/agent/interviews/${interviewId}/end`, { reason: 'completed' }),
      alice.browser.post(`/api/interviews/${interviewId}/end`),
    ]);
    expect(ends.map((r) => r.status).sort()).toEqual([200, 204, 204]);
    await h.app.jobs.drain();
    const counts = rowsOf<{ jobs: number; reports: number }>(
      await h.t.db.owner.execute(
        sql`select (select count(*) from jobs where payload->>'interviewId' = ${interviewId})::int as jobs, (select count(*) from reports where interview_id = ${interviewId})::int as reports`,
      ),
    )[0]!;
    expect(counts).toEqual({ jobs: 1, reports: 1 });
    const report = await alice.browser.get(`/api/interviews/${interviewId}/report`);
    expect(((await report.json()) as { status: string }).status).toBe('ready');
    expect((await bob.browser.get(`/api/interviews/${interviewId}/report`)).status).toBe(404);
    // A single answer is an "incomplete" report: not scored, so the list (and progress) shows no score.
    const list = (await (await alice.browser.get('/api/interviews')).json()) as { interviews: { id: string; overall: number | null }[] };
    expect(list.interviews.find((i) => i.id === interviewId)?.overall).toBeNull();
    // Turns after the grace period are refused.
    await h.t.db.owner.execute(sql`update interviews set ended_at = now() - interval '10 minutes' where id = ${interviewId}`);
    expect((await agent('POST', `/api/agent/interviews/${interviewId}/turns`, turnBody('late', 5))).status).toBe(409);
  });

  it('verifies webhook signatures and applies a replayed event once', async () => {
    const { interviewId } = await createInterview(alice.browser);
    const { AccessToken } = await import('livekit-server-sdk');
    const { createHash } = await import('node:crypto');
    const event = { id: 'EV_test_1', event: 'participant_joined', room: { name: `iv_${interviewId}` }, participant: { identity: `cand_${alice.user.id}` }, createdAt: String(Math.floor(Date.now() / 1000)) };
    const raw = JSON.stringify(event);
    const sign = async (body: string, secret = h.env.LIVEKIT_API_SECRET) => {
      const at = new AccessToken(h.env.LIVEKIT_API_KEY, secret);
      at.sha256 = createHash('sha256').update(body).digest('base64');
      return at.toJwt();
    };
    void WebhookReceiver;
    const post = (body: string, auth: string) =>
      h.app.request('/api/livekit/webhook', { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: auth }, body });
    expect((await post(raw, await sign(raw, 'x'.repeat(40)))).status).toBe(401);
    const tampered = JSON.stringify({ ...event, event: 'room_finished' });
    expect((await post(tampered, await sign(raw))).status).toBe(401);
    const status = async () => ((await (await alice.browser.get(`/api/interviews/${interviewId}`)).json()) as { interview: { status: string } }).interview.status;
    expect(await status()).toBe('scheduled');
    const auth = await sign(raw);
    expect((await post(raw, auth)).status).toBe(200);
    expect(await status()).toBe('live');
    const finished = { ...event, id: 'EV_test_2', event: 'room_finished' };
    const rawF = JSON.stringify(finished);
    const authF = await sign(rawF);
    expect((await post(rawF, authF)).status).toBe(200);
    expect((await post(rawF, authF)).status).toBe(200);
    expect(await status()).toBe('ended');
    const jobs = rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select count(*)::int as n from jobs where payload->>'interviewId' = ${interviewId}`))[0]!;
    expect(jobs.n).toBe(1);
  });

  it('keeps every resource private across users, whatever ids are tried (property-based)', async () => {
    const mine = await createInterview(alice.browser);
    await agent('POST', `/api/agent/interviews/${mine.interviewId}/turns`, turnBody('secret-turn', 0, 'alice private answer'));
    await alice.browser.request('PUT', '/api/cv', { text: 'Alice private CV text' });
    const routes = [
      (id: string) => ['GET', `/api/applications/${id}`],
      (id: string) => ['PATCH', `/api/applications/${id}`],
      (id: string) => ['DELETE', `/api/applications/${id}`],
      (id: string) => ['GET', `/api/applications/${id}/analysis`],
      (id: string) => ['GET', `/api/interviews/${id}`],
      (id: string) => ['POST', `/api/interviews/${id}/token`],
      (id: string) => ['POST', `/api/interviews/${id}/end`],
      (id: string) => ['GET', `/api/interviews/${id}/report`],
      (id: string) => ['POST', `/api/interviews/${id}/rescore`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: routes.length - 1 }), fc.constantFrom(mine.applicationId, mine.interviewId), async (i, id) => {
        const [method, path] = routes[i]!(id) as unknown as [string, string];
        const res = await bob.browser.request(method, path as string, method === 'PATCH' ? { company: 'pwned' } : undefined);
        expect([404, 409]).toContain(res.status);
        const text = await res.text();
        expect(text).not.toContain('alice private');
      }),
      { numRuns: 40 },
    );
    for (const path of ['/api/applications', '/api/interviews', '/api/cv', '/api/me/export']) {
      const text = await (await bob.browser.get(path)).text();
      expect(text).not.toContain(mine.interviewId);
      expect(text).not.toContain('Alice private');
    }
    const own = await alice.browser.get(`/api/interviews/${mine.interviewId}`);
    expect(await own.text()).toContain('alice private answer');
  });

  it('exports and deletes an account with everything it owns', async () => {
    const carol = await signUp(h, 'carol');
    const { interviewId } = await createInterview(carol.browser);
    const exp = (await (await carol.browser.get('/api/me/export')).json()) as { tables: { interviews: { id: string }[] } };
    expect(exp.tables.interviews.map((i) => i.id)).toEqual([interviewId]);
    expect((await carol.browser.request('DELETE', '/api/me', { password: 'wrong password here' })).status).toBe(403);
    // Deletion waits out the grace period (privacy.test.ts); the purge job then removes everything.
    expect((await carol.browser.request('DELETE', '/api/me', { password: 'correct horse battery staple' })).status).toBe(202);
    h.clock.offsetMs = (h.env.ACCOUNT_DELETION_GRACE_DAYS + 1) * 24 * 3600_000;
    try {
      await h.app.jobs.drain();
    } finally {
      h.clock.offsetMs = 0;
    }
    const left = rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select (select count(*) from interviews where id = ${interviewId})::int + (select count(*) from users where id = ${carol.user.id})::int as n`))[0]!;
    expect(left.n).toBe(0);
  });

  it('serves an OpenAPI document generated from the routes', async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/signup', '/api/interviews/{id}/token', '/api/agent/interviews/{id}/turns']));
  });

  it('answers errors in the standard shape and limits body size', async () => {
    const res = await alice.browser.post('/api/applications', { company: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    const big = await alice.browser.post('/api/applications', { company: 'x', role: 'y', seniority: 'mid', interviewType: 'mixed', jobDescription: 'z'.repeat(70_000) });
    expect(big.status).toBe(413);
  });
});
