/**
 * Per-interview provider stacks: the operator's allow-list, refusal at creation and at join, the
 * stack in the agent's context, and the metrics routes (stage latencies, usage, cost, comparison).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnMetricsInput } from '@mockroom/core';
import { createApp } from '../app.js';
import { EnvError, loadEnv, testEnv } from '../env.js';
import { createApiCaches } from '../lib/context.js';
import { enforceContract } from '../test/contract.js';
import { AGENT_HEADERS, Browser, createHarness, ORIGIN, signUp, type Harness } from '../test/harness.js';

/** Hosted stacks need only their keys to be set for the API to offer them; nothing is called. */
const HOSTED_ENV = {
  INTERVIEW_STACKS: 'offline,offline-classic,deepgram-elevenlabs,openai,openai-realtime',
  DEEPGRAM_API_KEY: 'test-deepgram-key',
  OPENAI_API_KEY: 'test-openai-key',
  ELEVEN_API_KEY: 'test-eleven-key',
};

let h: Harness;
let hosted: Harness;
beforeAll(async () => {
  h = await createHarness();
  hosted = await createHarness({}, HOSTED_ENV);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await hosted?.close();
}, 60_000);

async function newApplication(b: Browser): Promise<string> {
  const res = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  return ((await res.json()) as { application: { id: string } }).application.id;
}

async function createInterview(b: Browser, body: Record<string, unknown>): Promise<Response> {
  return b.post('/api/interviews', { applicationId: await newApplication(b), ...body });
}

interface StacksBody {
  defaultStack: string | null;
  stacks: { id: string; allowed: boolean; available: boolean; missingEnv: string[]; isDefault: boolean; stages: { stage: string; providerId: string; price: { unit: string; usd: number } }[] }[];
  unknownInAllowList: string[];
}

describe('GET /api/stacks', () => {
  it('offers the offline stacks by default and lists hosted ones as not offered', async () => {
    const { browser } = await signUp(h, 'lister');
    const body = (await (await browser.get('/api/stacks')).json()) as StacksBody;
    const offered = body.stacks.filter((s) => s.available).map((s) => s.id);
    // Piper is served by the worker's shared inference process only when the worker's own TTS is Piper.
    expect(offered).toEqual(['offline', 'offline-classic', 'offline-espeak']);
    expect(body.stacks.find((s) => s.id === 'offline-neural')).toMatchObject({ allowed: true, available: false, missingEnv: ['TTS_PROVIDER=piper'] });
    expect(body.defaultStack).toBe('offline');
    const openai = body.stacks.find((s) => s.id === 'openai')!;
    expect(openai).toMatchObject({ allowed: false, available: false, missingEnv: ['OPENAI_API_KEY'] });
    expect(openai.stages.find((s) => s.stage === 'llm')!.price).toMatchObject({ unit: 'million_tokens', usd: 0.4 });
  });

  it('follows INTERVIEW_STACKS: an allowed stack without its key is listed as unavailable, a typo is reported', async () => {
    const app = enforceContract(
      createApp({ db: h.t.db, env: testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', INTERVIEW_STACKS: 'offline-classic, openai, offlin' }), caches: createApiCaches() }),
    );
    const { browser } = await signUp({ ...h, app }, 'allowlist');
    const body = (await (await browser.get('/api/stacks')).json()) as StacksBody;
    expect(body.stacks.filter((s) => s.available).map((s) => s.id)).toEqual(['offline-classic']);
    expect(body.defaultStack).toBe('offline-classic');
    expect(body.stacks.find((s) => s.id === 'openai')).toMatchObject({ allowed: true, available: false, missingEnv: ['OPENAI_API_KEY'] });
    expect(body.unknownInAllowList).toEqual(['offlin']);
    // Key names only: never a key's value.
    expect(JSON.stringify(body)).not.toContain('test-');
    await app.jobs.stop();
  });

  it("offers the neural voice and makes the worker's own stack the default when the worker runs Piper", async () => {
    const app = enforceContract(
      createApp({ db: h.t.db, env: testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', TTS_PROVIDER: 'piper' }), caches: createApiCaches() }),
    );
    const { browser } = await signUp({ ...h, app }, 'neural');
    const body = (await (await browser.get('/api/stacks')).json()) as StacksBody;
    expect(body.stacks.filter((s) => s.available).map((s) => s.id)).toEqual(['offline', 'offline-neural', 'offline-classic', 'offline-espeak']);
    expect(body.defaultStack).toBe('offline-neural');
    await app.jobs.stop();
  });

  it('needs a signed-in user', async () => {
    expect((await h.app.request('/api/stacks')).status).toBe(401);
  });
});

describe('choosing a stack for an interview', () => {
  it('stores the chosen stack and hands it, with its providers, to the agent', async () => {
    const { browser } = await signUp(h, 'chooser');
    const res = await createInterview(browser, { stack: 'offline-classic' });
    expect(res.status).toBe(201);
    const { interview } = (await res.json()) as { interview: { id: string; stack: string } };
    expect(interview.stack).toBe('offline-classic');
    const ctx = await h.app.request(`/api/agent/interviews/${interview.id}/context`, { headers: AGENT_HEADERS(h.env) });
    expect(await ctx.json()).toMatchObject({ stack: 'offline-classic', providers: { stt: 'pocketsphinx', llm: 'local', tts: 'flite' } });
  });

  it('gives an interview without a choice the default stack', async () => {
    const { browser } = await signUp(h, 'defaulter');
    const { interview } = (await (await createInterview(browser, {})).json()) as { interview: { stack: string } };
    expect(interview.stack).toBe('offline');
  });

  it('refuses a stack that is not offered, cannot run, or does not exist, storing no interview', async () => {
    const { browser } = await signUp(h, 'refused');
    const notAllowed = await createInterview(browser, { stack: 'openai' });
    expect(notAllowed.status).toBe(403);
    expect(await notAllowed.json()).toMatchObject({ error: { code: 'stack_not_allowed', message: expect.stringContaining('OpenAI') } });
    const unknown = await createInterview(browser, { stack: 'telepathy' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_stack' } });

    const app = enforceContract(
      createApp({ db: h.t.db, env: testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', INTERVIEW_STACKS: 'offline,openai' }), caches: createApiCaches() }),
    );
    const other = new Browser({ ...h, app });
    other.cookies = browser.cookies;
    const unavailable = await createInterview(other, { stack: 'openai' });
    expect(unavailable.status).toBe(409);
    expect(await unavailable.json()).toMatchObject({ error: { code: 'stack_unavailable' } });
    await app.jobs.stop();
    expect(((await (await browser.get('/api/interviews')).json()) as { interviews: unknown[] }).interviews).toHaveLength(0);
  });

  it('refuses to join an interview whose stack this server no longer offers', async () => {
    const { browser } = await signUp(h, 'joiner');
    const { interview } = (await (await createInterview(browser, { stack: 'offline-espeak' })).json()) as { interview: { id: string } };
    expect((await browser.post(`/api/interviews/${interview.id}/token`)).status).toBe(200);

    // The same database behind an API whose operator has since narrowed the allow-list.
    const app = enforceContract(
      createApp({ db: h.t.db, env: testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', INTERVIEW_STACKS: 'offline' }), caches: createApiCaches() }),
    );
    const narrowed = new Browser({ ...h, app });
    narrowed.cookies = browser.cookies;
    const res = await narrowed.post(`/api/interviews/${interview.id}/token`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'stack_not_allowed' } });
    await app.jobs.stop();
  });

  it('rejects a malformed PROVIDER_PRICES at start-up and lays a valid one over the defaults', async () => {
    expect(() => loadEnv({ NODE_ENV: 'test', PROVIDER_PRICES: '{"deepgram":{"stt":{"unit":"per_hour","usd":1}}}' })).toThrow(EnvError);
    expect(() => loadEnv({ NODE_ENV: 'test', PROVIDER_PRICES: 'not json' })).toThrow(/PROVIDER_PRICES/);
    const env = loadEnv({ NODE_ENV: 'test', PROVIDER_PRICES: '{"deepgram":{"stt":{"unit":"audio_minute","usd":0.01}}}' });
    expect(env.PROVIDER_PRICES).toEqual({ deepgram: { stt: { unit: 'audio_minute', usd: 0.01 } } });
  });
});

function postMetrics(x: Harness, interviewId: string, body: TurnMetricsInput) {
  return x.app.request(`/api/agent/interviews/${interviewId}/metrics`, {
    method: 'POST',
    headers: { ...AGENT_HEADERS(x.env), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function postTurn(x: Harness, interviewId: string, turnId: string, sequence: number) {
  const now = new Date(Date.now() + x.clock.offsetMs).toISOString();
  return x.app.request(`/api/agent/interviews/${interviewId}/turns`, {
    method: 'POST',
    headers: { ...AGENT_HEADERS(x.env), 'content-type': 'application/json' },
    body: JSON.stringify({ turnId, sequence, speaker: 'recruiter', text: 'Tell me about a project.', startedAt: now, endedAt: now }),
  });
}

const latency = (totalMs: number) => ({ endOfTurnDelayMs: 400, sttMs: 100, llmFirstTokenMs: 50, ttsFirstByteMs: 200, totalMs });

describe('interview metrics and the stack comparison', () => {
  it("reports one interview's stage latencies, usage and cost on a hosted stack's prices", async () => {
    const { browser } = await signUp(hosted, 'metrics');
    const { interview } = (await (await createInterview(browser, { stack: 'deepgram-elevenlabs' })).json()) as { interview: { id: string } };
    expect((await postTurn(hosted, interview.id, 't-0', 0)).status).toBe(201);
    // Deepgram $0.0077/min, gpt-4.1-mini $0.40/$1.60 per M tokens, ElevenLabs $0.05 per 1k characters (core/src/stacks.ts).
    expect((await postMetrics(hosted, interview.id, { turnId: 't-0', ...latency(900), sttAudioSeconds: 30, llmPromptTokens: 1000, llmCompletionTokens: 100, ttsCharacters: 200, transportMs: 40 })).status).toBe(204);
    expect((await postMetrics(hosted, interview.id, { turnId: 't-1', ...latency(1100), sttAudioSeconds: 30, llmPromptTokens: 1000, llmCompletionTokens: 100, ttsCharacters: 200 })).status).toBe(204);
    hosted.clock.offsetMs += 120_000;
    expect((await browser.post(`/api/interviews/${interview.id}/end`)).status).toBe(200);

    const res = await browser.get(`/api/interviews/${interview.id}/metrics`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      stack: { id: string };
      durationMinutes: number;
      turns: unknown[];
      stages: { stage: string; p50Ms: number | null; n: number }[];
      usage: { sttAudioSeconds: number; ttsCharacters: number };
      cost: { totalUsd: number; byStage: Record<string, number>; perMinuteUsd: number; missingUsage: string[] };
    };
    expect(body.stack.id).toBe('deepgram-elevenlabs');
    expect(body.turns).toHaveLength(2);
    expect(body.stages.find((s) => s.stage === 'total')).toMatchObject({ p50Ms: 1000, n: 2 });
    expect(body.stages.find((s) => s.stage === 'transport')).toMatchObject({ p50Ms: 40, n: 1 });
    expect(body.usage).toMatchObject({ sttAudioSeconds: 60, ttsCharacters: 400 });
    const expected = 0.0077 + (2000 * 0.4 + 200 * 1.6) / 1e6 + 0.4 * 0.05;
    expect(body.cost.totalUsd).toBeCloseTo(expected, 6);
    expect(body.cost.byStage.stt).toBeCloseTo(0.0077, 6);
    expect(body.cost.missingUsage).toEqual([]);
    expect(body.durationMinutes).toBeGreaterThanOrEqual(1.9);
    expect(body.cost.perMinuteUsd).toBeCloseTo(expected / body.durationMinutes, 4);

    // A second stack for the same user, then the comparison groups them.
    const offline = (await (await createInterview(browser, { stack: 'offline-classic' })).json()) as { interview: { id: string } };
    expect((await postMetrics(hosted, offline.interview.id, { turnId: 'o-0', ...latency(500), ttsCharacters: 100 })).status).toBe(204);
    const cmp = (await (await browser.get('/api/stacks/comparison')).json()) as { stacks: { stackId: string; interviews: number; turns: number; costUsd: number; costPerMinuteUsd: number | null; stages: { stage: string; p50Ms: number | null }[] }[] };
    expect(cmp.stacks.map((s) => s.stackId)).toEqual(['deepgram-elevenlabs', 'offline-classic']);
    expect(cmp.stacks[0]).toMatchObject({ interviews: 1, turns: 2 });
    expect(cmp.stacks[0]!.costUsd).toBeCloseTo(expected, 6);
    expect(cmp.stacks[1]).toMatchObject({ interviews: 1, turns: 1, costUsd: 0, costPerMinuteUsd: null });
    expect(cmp.stacks[1]!.stages.find((s) => s.stage === 'total')!.p50Ms).toBe(500);
  });

  it('prices a speech-to-speech stack by the audio its model heard and spoke', async () => {
    const { browser } = await signUp(hosted, 'realtime');
    const { interview } = (await (await createInterview(browser, { stack: 'openai-realtime' })).json()) as { interview: { id: string } };
    expect((await postMetrics(hosted, interview.id, { turnId: 'r-0', ...latency(600), realtimeAudioSeconds: 90 })).status).toBe(204);
    expect((await postMetrics(hosted, interview.id, { turnId: 'r-1', ...latency(800), realtimeAudioSeconds: 30 })).status).toBe(204);
    const body = (await (await browser.get(`/api/interviews/${interview.id}/metrics`)).json()) as { usage: { realtimeAudioSeconds: number }; cost: { totalUsd: number; byStage: Record<string, number>; missingUsage: string[] } };
    expect(body.usage.realtimeAudioSeconds).toBe(120);
    // gpt-realtime at about $0.10 per call minute (core/src/stacks.ts): two minutes.
    expect(body.cost.byStage).toEqual({ realtime: 0.2 });
    expect(body.cost.missingUsage).toEqual([]);
  });

  it("keeps one user's metrics from another: 404 for the interview, nothing in their comparison", async () => {
    const alice = await signUp(hosted, 'alice');
    const bob = await signUp(hosted, 'bob');
    const { interview } = (await (await createInterview(alice.browser, { stack: 'offline' })).json()) as { interview: { id: string } };
    expect((await postMetrics(hosted, interview.id, { turnId: 'a-0', ...latency(700) })).status).toBe(204);
    expect((await bob.browser.get(`/api/interviews/${interview.id}/metrics`)).status).toBe(404);
    expect(await (await bob.browser.get('/api/stacks/comparison')).json()).toEqual({ scope: 'own', stacks: [] });
    const mine = (await (await alice.browser.get(`/api/interviews/${interview.id}/metrics`)).json()) as { cost: { totalUsd: number }; durationMinutes: number | null };
    expect(mine).toMatchObject({ cost: { totalUsd: 0 }, durationMinutes: null });
  });
});
