import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Report, type InterviewPlan, type TurnRecord } from '@mockroom/core';
import { analyzeApplication } from '@mockroom/core/analysis';
import { createAnalysisService, LLM_SCORER_VERSION } from './index.js';

/** A local server speaking the OpenAI chat completions API; each test scripts its replies. */
let server: Server;
let baseUrl: string;
let replies: ({ status: number; content?: string } | ((body: unknown) => { status: number; content?: string }))[] = [];
let requests: { auth: string | undefined; body: { model: string; response_format: unknown; messages: { role: string; content: string }[] } }[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    requests.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const next = replies.shift() ?? { status: 500 };
    const r = typeof next === 'function' ? next(body) : next;
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.status === 200 ? JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: 'stop' }] }) : JSON.stringify({ error: { message: 'boom' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  replies = [];
  requests = [];
});

const analyzeInput = { cvText: 'Alex Doe. TypeScript and Node.js since 2018.', jobDescription: 'Requirements:\n- TypeScript\n- Kubernetes', role: 'Backend Engineer', seniority: 'mid' as const };
const validAnalysis = {
  cvSkills: ['TypeScript', 'node.js'],
  jdSkills: ['typescript', 'kubernetes'],
  required: ['typescript', 'kubernetes'],
  niceToHave: [],
  seniority: 'mid',
  fitScore: 55,
  fitBasis: ['Has TypeScript, lacks Kubernetes.'],
  gaps: ['kubernetes'],
};

const plan: InterviewPlan = {
  version: 1,
  requiredSkills: ['typescript'],
  questions: [
    { id: 'q1', kind: 'technical', competency: 'typescript', text: 'Tell me about TypeScript.', strongAnswer: [], followUps: ['Why?'], skill: 'typescript', keywords: ['typescript'] },
    { id: 'q2', kind: 'behavioural', competency: 'ownership', text: 'Tell me about a project you owned.', strongAnswer: [], followUps: ['Why?'], skill: null, keywords: ['owned'] },
  ],
};
const at = (s: number) => new Date(Date.parse('2025-01-01T10:00:00Z') + s * 1000).toISOString();
const turns: TurnRecord[] = [
  { id: '1', turnId: 'r1', sequence: 0, speaker: 'recruiter', text: 'Tell me about TypeScript.', startedAt: at(0), endedAt: at(3), createdAt: at(3), source: 'voice', interrupted: false, questionId: 'q1' },
  { id: '2', turnId: 'c1', sequence: 1, speaker: 'candidate', text: 'I migrated a 40k line codebase to TypeScript and cut runtime errors by 30%.', startedAt: at(4), endedAt: at(10), createdAt: at(10), source: 'voice', interrupted: false, questionId: 'q1' },
  { id: '3', turnId: 'r2', sequence: 2, speaker: 'recruiter', text: 'Tell me about a project you owned.', startedAt: at(11), endedAt: at(13), createdAt: at(13), source: 'voice', interrupted: false, questionId: 'q2' },
  { id: '4', turnId: 'c2', sequence: 3, speaker: 'candidate', text: 'I owned our billing export end to end last year and shipped it in six weeks.', startedAt: at(14), endedAt: at(20), createdAt: at(20), source: 'voice', interrupted: false, questionId: 'q2' },
];
const scoreInput = { plan, turns, questionStatuses: [], role: 'Backend Engineer', requiredSkills: ['typescript'] };
const llmScore = (quote: string, turnId = 'c1') =>
  JSON.stringify({
    dimensions: ['clarity', 'structure', 'relevance', 'depth', 'impact', 'role'].map((key) => ({ key, score: 4, reason: 'Clear and specific.', evidence: [{ turnId, quote }] })),
    questions: [
      { questionId: 'q1', status: 'answered', assessment: 'Specific migration with a measured result.' },
      { questionId: 'q2', status: 'answered', assessment: 'Owned it, with a time frame.' },
    ],
    strengths: [{ text: 'Measured result.', questionId: 'q1' }],
    improvements: [{ text: 'Say what you would do differently.', questionId: 'q1' }],
    overall: 74,
  });

describe('createAnalysisService without an LLM', () => {
  it('uses the offline analysis and scorer', async () => {
    const svc = createAnalysisService({});
    const a = await svc.analyze(analyzeInput);
    expect(a).toEqual({ ...analyzeApplication(analyzeInput), generator: 'offline' });
    const r = await svc.score(scoreInput);
    expect(r.generator).toBe('offline');
    expect(Report.parse(r)).toEqual(r);
  });
});

describe('createAnalysisService with an OpenAI-compatible LLM', () => {
  const svc = () => createAnalysisService({ llmBaseUrl: baseUrl, llmApiKey: 'sk-test', llmModel: 'test-model', timeoutMs: 5000 });

  it('uses valid JSON output, asking for JSON with the key', async () => {
    replies = [{ status: 200, content: JSON.stringify(validAnalysis) }];
    const a = await svc().analyze(analyzeInput);
    expect(a.generator).toBe('test-model');
    expect(a.fitScore).toBe(55);
    expect(a.cvSkills).toEqual(['typescript', 'node.js']);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.auth).toBe('Bearer sk-test');
    expect(requests[0]!.body.response_format).toEqual({ type: 'json_object' });
    expect(requests[0]!.body.model).toBe('test-model');
  });

  it('retries once after invalid output, then uses the valid answer', async () => {
    replies = [{ status: 200, content: '{"fitScore": "high"}' }, { status: 200, content: JSON.stringify(validAnalysis) }];
    const a = await svc().analyze(analyzeInput);
    expect(requests).toHaveLength(2);
    expect(a.generator).toBe('test-model');
    expect(a.gaps).toEqual(['kubernetes']);
  });

  it('falls back to offline after two invalid outputs', async () => {
    replies = [{ status: 200, content: 'not json' }, { status: 200, content: '{}' }];
    const a = await svc().analyze(analyzeInput);
    expect(requests).toHaveLength(2);
    expect(a).toEqual({ ...analyzeApplication(analyzeInput), generator: 'offline' });
  });

  it('falls back to offline when the server fails', async () => {
    replies = [{ status: 500 }];
    const a = await svc().analyze(analyzeInput);
    expect(a.generator).toBe('offline');
    const unreachable = createAnalysisService({ llmBaseUrl: 'http://127.0.0.1:1/v1', llmModel: 'm', timeoutMs: 2000 });
    expect((await unreachable.analyze(analyzeInput)).generator).toBe('offline');
  });

  it('scores with the LLM, keeping timings-based speech metrics and verified quotes', async () => {
    replies = [{ status: 200, content: llmScore('cut runtime errors by 30%') }];
    const r = await svc().score(scoreInput);
    expect(Report.parse(r)).toEqual(r);
    expect(r.generator).toBe('test-model');
    expect(r.version).toBe(LLM_SCORER_VERSION);
    expect(r.overall).toBe(74);
    expect(r.status).toBe('scored');
    expect(r.dimensions[0]!.evidence[0]).toEqual({ turnId: 'c1', quote: 'cut runtime errors by 30%', atMs: 4000 });
    expect(r.speech.wordsPerMinute).toBeGreaterThan(0);
  });

  it('does not score an interview with fewer than two answers, whatever the model says', async () => {
    replies = [{ status: 200, content: llmScore('cut runtime errors by 30%') }];
    const r = await svc().score({ ...scoreInput, turns: turns.slice(0, 2), questionStatuses: [{ questionId: 'q2', status: 'not_asked' }] });
    expect(r.status).toBe('incomplete');
    expect(r.overall).toBe(0);
  });

  it('rejects invented or recruiter quotes, retrying and then falling back to offline', async () => {
    replies = [{ status: 200, content: llmScore('I am a genius') }, { status: 200, content: llmScore('Tell me about TypeScript.', 'r1') }];
    const r = await svc().score(scoreInput);
    expect(requests).toHaveLength(2);
    expect(r.generator).toBe('offline');
    for (const d of r.dimensions) for (const e of d.evidence) expect(['c1', 'c2']).toContain(e.turnId);
  });
});
