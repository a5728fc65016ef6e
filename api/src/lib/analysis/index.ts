/**
 * CV/JD analysis and post-call scoring, by an LLM when one is configured and by the offline rules
 * in @mockroom/core otherwise. The LLM path uses OpenAI-compatible chat completions with JSON
 * output, validates it with zod, retries once on invalid output, and falls back to the offline
 * method on any failure; `generator` on the result says which one produced it. LLM reports are
 * checked against the transcript: every quote must appear verbatim in the candidate turn it cites.
 */
import { z } from 'zod';
import { AnalysisSchema, analyzeApplication, type Analysis } from '@mockroom/core/analysis';
import type { SkillKnowledge } from '@mockroom/core/esco';
import { RUBRIC_DIMENSIONS, RUBRIC_VERSION } from '@mockroom/core/rubric';
import { scoreInterview } from '@mockroom/core/scoring';
import { computeSpeechMetrics } from '@mockroom/core/speech-metrics';
import { QuestionStatus, Report, reportStatus, type TurnRecord } from '@mockroom/core';
import { loadSkillKnowledge } from './esco-loader.js';

export type AnalyzeInput = Parameters<typeof analyzeApplication>[0];
export type ScoreInput = Parameters<typeof scoreInterview>[0];

export interface AnalysisService {
  analyze(input: AnalyzeInput): Promise<Analysis & { generator: string }>;
  score(input: ScoreInput): Promise<Report>;
}

export interface AnalysisServiceConfig {
  llmBaseUrl?: string;
  llmApiKey?: string;
  llmModel?: string;
  fetch?: typeof fetch;
  /** Per-request timeout for the LLM call. */
  timeoutMs?: number;
  /**
   * Skill knowledge beyond core's hand vocabulary for the offline analysis. Default: ESCO from
   * models/esco (loaded on first use), or none when the set-up has not installed it; null: none.
   */
  knowledge?: SkillKnowledge | null;
}

export const LLM_SCORER_VERSION = `${RUBRIC_VERSION}/llm-1`;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_ATTEMPTS = 2;

export class LlmOutputError extends Error {
  override readonly name = 'LlmOutputError';
}

const LlmScore = z.object({
  dimensions: z
    .array(
      z.object({
        key: z.string(),
        score: z.number().int().min(1).max(5),
        reason: z.string().max(400),
        evidence: z.array(z.object({ turnId: z.string(), quote: z.string().min(1).max(600) })).max(3),
      }),
    )
    .min(1),
  questions: z.array(z.object({ questionId: z.string(), status: QuestionStatus, assessment: z.string().max(600) })),
  strengths: z.array(z.object({ text: z.string().max(600), questionId: z.string().nullable() })).max(8),
  improvements: z.array(z.object({ text: z.string().max(600), questionId: z.string().nullable() })).max(8),
  overall: z.number().min(0).max(100),
});

const ANALYSIS_PROMPT = `You analyse a candidate's CV against a job description for interview practice.
Reply with one JSON object only, with exactly these fields:
{"cvSkills": string[], "jdSkills": string[], "required": string[], "niceToHave": string[], "seniority": string,
 "fitScore": integer 0-100, "fitBasis": string[] (short sentences explaining the score), "gaps": string[] (required or nice-to-have skills missing from the CV)}
Skills are short lower-case canonical names such as "typescript", "node.js", "postgresql", "stakeholder management".
If there is no CV, fitScore is 0 and gaps lists the requirements.`;

const SCORE_PROMPT = `You score a mock job interview transcript for the candidate, honestly and with evidence.
Reply with one JSON object only:
{"dimensions": [{"key": one of ${RUBRIC_DIMENSIONS.map((d) => `"${d.key}"`).join(', ')}, "score": integer 1-5, "reason": one line,
  "evidence": up to 3 {"turnId": id of a CANDIDATE turn, "quote": exact words copied from that turn}}] (one entry per key),
 "questions": [{"questionId": string, "status": "answered"|"insufficient"|"skipped"|"interrupted"|"not_asked", "assessment": one or two sentences}],
 "strengths": [{"text": string, "questionId": string|null}], "improvements": [{"text": string, "questionId": string|null}],
 "overall": number 0-100}
Quotes must be verbatim from the candidate's own turns. Never quote the recruiter.`;

function chatUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/chat/completions`;
}

export function createAnalysisService(config: AnalysisServiceConfig): AnalysisService {
  const doFetch = config.fetch ?? fetch;
  const model = config.llmModel?.trim();
  const baseUrl = config.llmBaseUrl?.trim();
  const llm = model && baseUrl ? { model, baseUrl } : null;
  const knowledge = () => (config.knowledge === undefined ? loadSkillKnowledge() : config.knowledge);
  const offline = (input: AnalyzeInput) => analyzeApplication({ ...input, knowledge: knowledge() });

  async function complete(system: string, user: string): Promise<unknown> {
    const res = await doFetch(chatUrl(llm!.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.llmApiKey ? { authorization: `Bearer ${config.llmApiKey}` } : {}),
      },
      body: JSON.stringify({
        model: llm!.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      }),
      signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`LLM request failed with status ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new LlmOutputError('no message content');
    try {
      return JSON.parse(content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ''));
    } catch {
      throw new LlmOutputError('content is not JSON');
    }
  }

  /** One retry when the output is invalid; transport errors fail straight to the fallback. */
  async function withRetry<T>(system: string, user: string, parse: (raw: unknown) => T): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let raw: unknown;
      try {
        raw = await complete(system, user);
      } catch (err) {
        if (err instanceof LlmOutputError) {
          lastError = err;
          continue;
        }
        throw err;
      }
      try {
        return parse(raw);
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError instanceof Error ? lastError : new LlmOutputError('invalid output');
  }

  return {
    async analyze(input) {
      if (!llm) return { ...offline(input), generator: 'offline' };
      const user = JSON.stringify({ role: input.role, selectedSeniority: input.seniority, jobDescription: input.jobDescription, cv: input.cvText });
      try {
        const analysis = await withRetry(ANALYSIS_PROMPT, user, (raw) => normaliseAnalysis(AnalysisSchema.parse(raw)));
        return { ...analysis, generator: llm.model };
      } catch {
        return { ...offline(input), generator: 'offline' };
      }
    },

    async score(input) {
      if (!llm) return scoreInterview(input);
      const user = JSON.stringify({
        role: input.role,
        requiredSkills: input.requiredSkills,
        questions: input.plan.questions.map((q) => ({ id: q.id, text: q.text, competency: q.competency, strongAnswer: q.strongAnswer })),
        knownStatuses: input.questionStatuses,
        turns: [...input.turns].sort((a, b) => a.sequence - b.sequence).map((t) => ({ turnId: t.turnId, speaker: t.speaker, questionId: t.questionId ?? null, text: t.text })),
      });
      try {
        return await withRetry(SCORE_PROMPT, user, (raw) => toReport(LlmScore.parse(raw), input, llm.model));
      } catch {
        return scoreInterview(input);
      }
    },
  };
}

function normaliseAnalysis(a: Analysis): Analysis {
  const skills = (xs: string[]) => [...new Set(xs.map((s) => s.trim().toLowerCase()).filter(Boolean))];
  return {
    ...a,
    cvSkills: skills(a.cvSkills),
    jdSkills: skills(a.jdSkills),
    required: skills(a.required),
    niceToHave: skills(a.niceToHave),
    gaps: skills(a.gaps),
    fitScore: Math.round(a.fitScore),
  };
}

/** Builds the report from validated LLM output, rejecting quotes that are not in the cited candidate turn. */
function toReport(out: z.infer<typeof LlmScore>, input: ScoreInput, model: string): Report {
  const turns = new Map<string, TurnRecord>(input.turns.map((t) => [t.turnId, t]));
  const t0 = input.turns.length ? Math.min(...input.turns.map((t) => Date.parse(t.startedAt))) : 0;
  const byKey = new Map(out.dimensions.map((d) => [d.key, d]));
  const dimensions = RUBRIC_DIMENSIONS.map(({ key, label }) => {
    const d = byKey.get(key);
    if (!d) throw new LlmOutputError(`missing dimension ${key}`);
    const evidence = d.evidence.map((e) => {
      const turn = turns.get(e.turnId);
      const quote = e.quote.trim();
      if (!turn || turn.speaker !== 'candidate' || !turn.text.includes(quote)) throw new LlmOutputError('evidence not found in a candidate turn');
      return { turnId: turn.turnId, quote, atMs: Math.max(0, Math.round(Date.parse(turn.startedAt) - t0)) };
    });
    return { key, label, score: d.score, reason: d.reason, evidence };
  });
  const given = new Map(input.questionStatuses.map((s) => [s.questionId, s.status]));
  const assessed = new Map(out.questions.map((q) => [q.questionId, q]));
  const ids = new Set(input.plan.questions.map((q) => q.id));
  const note = (n: { text: string; questionId: string | null }) => ({ text: n.text, questionId: n.questionId && ids.has(n.questionId) ? n.questionId : null });
  const questions = input.plan.questions.map((q) => {
    const a = assessed.get(q.id);
    return { questionId: q.id, text: q.text, status: given.get(q.id) ?? a?.status ?? 'not_asked', assessment: a?.assessment ?? '' };
  });
  // The same rule as the offline scorer: fewer than two answers is "incomplete", not scored.
  const status = reportStatus(questions);
  return Report.parse({
    overall: status === 'scored' ? Math.round(out.overall) : 0,
    status,
    dimensions,
    questions,
    strengths: out.strengths.slice(0, 5).map(note),
    improvements: out.improvements.slice(0, 5).map(note),
    // Speech metrics come from timings, never from the model.
    speech: computeSpeechMetrics(input.turns),
    generator: model,
    version: LLM_SCORER_VERSION,
  });
}
