import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUBRIC_DIMENSIONS } from '../core/src/rubric.js';
import { ANSWER_CASES, CV_JD_CASES, QUICK_ANSWER_IDS, QUICK_CV_JD_IDS } from './data/index.js';
import { compareEngines, comparisonMarkdown, llmConfigFromEnv } from './src/compare-engines.js';

// A stand-in OpenAI-compatible server on loopback. It answers like a model would, in the JSON the
// API's prompts ask for, but with tell-tale values (every fit score 42; an overall of one point per
// candidate word) so the test can see that the LLM path, not the offline fallback, produced them.
// It proves the wiring only; how a real model compares needs a real model.
let server: Server;
let baseUrl = '';
const seen: { path: string; model: string; auth: string | undefined; system: string }[] = [];

function reply(system: string, user: Record<string, unknown>): unknown {
  if (system.startsWith('You analyse')) {
    const jd = String(user.jobDescription);
    const skills = [...new Set((jd.toLowerCase().match(/[a-z]{4,}/g) ?? []).slice(0, 4))];
    return { cvSkills: skills.slice(0, 2), jdSkills: skills, required: skills, niceToHave: [], seniority: 'mid', fitScore: 42, fitBasis: ['fake model'], gaps: skills.slice(2) };
  }
  const turns = user.turns as { turnId: string; speaker: string; text: string }[];
  const answer = turns.find((t) => t.speaker === 'candidate')!;
  const questions = user.questions as { id: string }[];
  return {
    dimensions: RUBRIC_DIMENSIONS.map((d) => ({ key: d.key, score: 3, reason: 'fake', evidence: [{ turnId: answer.turnId, quote: answer.text.split(' ').slice(0, 4).join(' ') }] })),
    questions: questions.map((q) => ({ questionId: q.id, status: 'answered', assessment: 'fake' })),
    strengths: [],
    improvements: [],
    overall: Math.min(100, answer.text.split(/\s+/).length),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
      const system = parsed.messages[0]!.content;
      seen.push({ path: req.url ?? '', model: parsed.model, auth: req.headers.authorization, system });
      const content = JSON.stringify(reply(system, JSON.parse(parsed.messages[1]!.content) as Record<string, unknown>));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('pnpm eval --llm', () => {
  it('reads the API’s LLM settings from the environment and needs a base URL and a model', () => {
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm', OPENAI_API_KEY: 'k' })).toEqual({ llmBaseUrl: 'http://127.0.0.1:1/v1', llmModel: 'm', llmApiKey: 'k' });
    expect(llmConfigFromEnv({ LLM_MODEL: 'm' })).toBeNull();
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'http://x' })).toBeNull();
  });

  it('runs analysis, plan and scoring through an OpenAI-compatible server and compares them with the offline rules', async () => {
    const cvJd = CV_JD_CASES.filter((c) => QUICK_CV_JD_IDS.includes(c.id));
    const answers = ANSWER_CASES.filter((c) => QUICK_ANSWER_IDS.includes(c.id));
    const c = await compareEngines({ cvJd, answers, splits: ['dev'], llm: { llmBaseUrl: baseUrl, llmModel: 'fake-model', llmApiKey: 'test-key' }, knowledge: null, mode: 'quick', command: 'test' });

    // One analysis per pair and two interviews per answer pair went to the server, with the model and key.
    expect(seen.filter((s) => s.system.startsWith('You analyse'))).toHaveLength(cvJd.length);
    expect(seen.filter((s) => s.system.startsWith('You score'))).toHaveLength(answers.length * 2);
    expect(new Set(seen.map((s) => `${s.path} ${s.model} ${s.auth}`))).toEqual(new Set(['/v1/chat/completions fake-model Bearer test-key']));

    const [offline, llm] = c.engines;
    expect(offline!.engine).toBe('offline');
    expect(llm!.generator).toBe('fake-model');
    const o = offline!.splits[0]!;
    const l = llm!.splits[0]!;
    // Everything on the LLM side came from the server: no fallback to the rules.
    expect(l.producedBy).toEqual({ analyses: cvJd.length, reports: answers.length * 2, of: { analyses: cvJd.length, reports: answers.length * 2 } });
    expect(o.producedBy.analyses).toBe(cvJd.length);
    // The fake's fit score is 42 everywhere: the band hits are exactly the pairs whose band holds 42.
    expect(l.fitBandHits).toBe(cvJd.filter((x) => x.labels.fitBand[0] <= 42 && 42 <= x.labels.fitBand[1]).length);
    // The fake scores one point per word, and strong answers are the longer ones in these pairs.
    expect(l.pairAccuracy).toBe(answers.filter((x) => x.strong.text.split(/\s+/).length > x.weak.text.split(/\s+/).length).length / answers.length);
    expect(o.planSkillQuestions).toBeGreaterThan(0);
    const md = comparisonMarkdown(c);
    expect(md).toContain('| Metric | Offline rules | LLM path | Goal |');
    expect(md).toContain('fake-model');
  });

  it('takes the server and model from --base-url and --model on the command line and prints the comparison', async () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const before = seen.length;
    const env = { ...process.env, LLM_BASE_URL: '', LLM_MODEL: '', OPENAI_API_KEY: 'cli-key' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'eval/run.ts', '--quick', '--llm', '--base-url', baseUrl, '--model=cli-model'], { cwd: root, env, timeout: 120_000 });
    expect(stdout).toContain('| Metric | Offline rules | LLM path | Goal |');
    expect(stdout).toContain('cli-model');
    expect(seen.slice(before).some((s) => s.model === 'cli-model' && s.auth === 'Bearer cli-key')).toBe(true);
  }, 120_000);
});
