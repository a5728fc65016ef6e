import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_HEADERS, createHarness, signUp, type Browser, type Harness } from '../test/harness.js';

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

type Plan = { questions: { id: string; text: string; competency: string }[]; style?: string; interviewType?: string };

async function createInterview(b: Browser): Promise<{ id: string; plan: Plan }> {
  const app = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await b.post('/api/interviews', { applicationId, questionCount: 4 });
  expect(iv.status).toBe(201);
  return ((await iv.json()) as { interview: { id: string; plan: Plan } }).interview;
}

async function agentContext(id: string) {
  const res = await h.app.request(`/api/agent/interviews/${id}/context`, { headers: AGENT_HEADERS(h.env) });
  expect(res.status).toBe(200);
  return (await res.json()) as { interviewType: string; plan: Plan };
}

describe('PUT /api/interviews/{id}/plan', () => {
  it('stores a reordered plan with a replaced question, and the agent asks that plan', async () => {
    const iv = await createInterview(alice.browser);
    const [q1, q2, q3] = iv.plan.questions;
    const own = 'How would you explain a database migration to a non-technical manager?';
    const res = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, {
      questions: [{ id: q2!.id, text: q2!.text }, { id: q1!.id, text: own }, { id: q3!.id, text: q3!.text }, { text: 'Tell me about a time you changed your mind.' }],
      style: 'supportive',
      timeBoxMinutes: 10,
    });
    expect(res.status).toBe(200);
    const saved = ((await res.json()) as { interview: { plan: Plan; timeBoxSeconds: number } }).interview;
    expect(saved.timeBoxSeconds).toBe(600);
    expect(saved.plan.style).toBe('supportive');
    expect(saved.plan.questions.map((q) => q.text)).toEqual([q2!.text, own, q3!.text, 'Tell me about a time you changed your mind.']);
    expect(saved.plan.questions[0]!.id).toBe(q2!.id);
    expect(saved.plan.questions[1]!.competency).toBe('your own question');
    const ctx = await agentContext(iv.id);
    expect(ctx.plan.questions.map((q) => q.text)).toEqual(saved.plan.questions.map((q) => q.text));
    expect(ctx.plan.style).toBe('supportive');
  });

  it('refuses invalid input with its reason, and an unknown question id', async () => {
    const iv = await createInterview(alice.browser);
    const empty = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { questions: [] });
    expect(empty.status).toBe(400);
    const long = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { questions: [{ text: 'x'.repeat(501) }] });
    expect(long.status).toBe(400);
    const unknown = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { questions: [{ id: 'q99', text: 'A question that is long enough?' }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('invalid_plan');
    const stack = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { stack: 'no-such-stack' });
    expect(stack.status).toBe(400);
  });

  it('does not let another user read or change the plan', async () => {
    const iv = await createInterview(alice.browser);
    const res = await bob.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { questions: [{ text: 'What is your favourite colour, honestly?' }] });
    expect(res.status).toBe(404);
    const ctx = await agentContext(iv.id);
    expect(ctx.plan.questions.map((q) => q.text)).toEqual(iv.plan.questions.map((q) => q.text));
  });

  it('refuses to change the plan once the call has started', async () => {
    const iv = await createInterview(alice.browser);
    const now = new Date().toISOString();
    const turn = await h.app.request(`/api/agent/interviews/${iv.id}/turns`, {
      method: 'POST',
      headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' },
      body: JSON.stringify({ turnId: `t-${iv.id}`, sequence: 0, speaker: 'recruiter', text: 'Hi, I am an AI recruiter.', startedAt: now, endedAt: now }),
    });
    expect(turn.status).toBe(201);
    const res = await alice.browser.request('PUT', `/api/interviews/${iv.id}/plan`, { questions: [{ text: 'A late question of my own?' }] });
    expect(res.status).toBe(409);
    expect((await agentContext(iv.id)).plan.questions.map((q) => q.text)).toEqual(iv.plan.questions.map((q) => q.text));
  });
});

describe('POST /api/interviews/{id}/plan/rebuild', () => {
  it('rebuilds the questions for another interview type and the agent is told that type', async () => {
    const iv = await createInterview(alice.browser);
    const res = await alice.browser.post(`/api/interviews/${iv.id}/plan/rebuild`, { interviewType: 'behavioural', style: 'challenging' });
    expect(res.status).toBe(200);
    const plan = ((await res.json()) as { interview: { plan: Plan } }).interview.plan;
    expect(plan.interviewType).toBe('behavioural');
    expect(plan.style).toBe('challenging');
    expect(plan.questions).toHaveLength(iv.plan.questions.length);
    expect(plan.questions.map((q) => q.text)).not.toEqual(iv.plan.questions.map((q) => q.text));
    const ctx = await agentContext(iv.id);
    expect(ctx.interviewType).toBe('behavioural');
  });

  it('refuses an unknown interview type', async () => {
    const iv = await createInterview(alice.browser);
    const res = await alice.browser.post(`/api/interviews/${iv.id}/plan/rebuild`, { interviewType: 'stress' });
    expect(res.status).toBe(400);
  });
});
