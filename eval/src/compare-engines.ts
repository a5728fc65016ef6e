/**
 * `pnpm eval --llm`: the evaluation set through the API's analysis service twice — once with the
 * offline rules, once with the configured OpenAI-compatible LLM (LLM_BASE_URL, LLM_MODEL,
 * OPENAI_API_KEY, as the API reads them) — and the same metrics side by side. Analysis: each
 * CV/JD pair through `analyze()`; plan: the interview plan core builds from that analysis, and
 * how many of its skill questions are on a labelled requirement; scoring: each strong and weak
 * answer as a two-question interview (the question, then a second asking for another example,
 * answered alike: one answer alone is "incomplete") through `score()`, its overall compared.
 * Where the LLM's output fails validation the service falls back to the offline rules; the
 * fallbacks are counted, so a comparison never passes off offline results as the model's.
 */
import type { Analysis } from '../../core/src/analysis.js';
import type { SkillKnowledge } from '../../core/src/esco.js';
import { makeTurns } from '../../core/src/fixtures/transcript.js';
import type { InterviewPlan } from '../../core/src/plan.js';
import { buildInterviewPlan } from '../../core/src/plan-builder.js';
import { createAnalysisService, type AnalysisService, type AnalysisServiceConfig } from '../../api/src/lib/analysis/index.js';
import type { AnswerPairCase, CvJdCase, Split } from '../data/types.js';
import { EVAL_AS_OF_YEAR, evaluateSplit, GOALS, toQuestion, type SplitResult } from './evaluate.js';
import { toKey } from './metrics.js';

export interface EngineSplit extends SplitResult {
  /** Of the plan's questions on one skill, the share on a labelled requirement of the job. */
  planOnRequirements: number;
  planSkillQuestions: number;
  /** How many analyses and reports the engine itself produced (the rest fell back to the offline rules). */
  producedBy: { analyses: number; reports: number; of: { analyses: number; reports: number } };
}

export interface EngineRun {
  engine: 'offline' | 'llm';
  generator: string;
  splits: EngineSplit[];
}

export interface Comparison {
  generatedAt: string;
  mode: 'full' | 'quick';
  command: string;
  engines: EngineRun[];
}

/** The API's LLM settings from the environment, or null when none is configured. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv): Pick<AnalysisServiceConfig, 'llmBaseUrl' | 'llmModel' | 'llmApiKey'> | null {
  const llmBaseUrl = env.LLM_BASE_URL?.trim();
  const llmModel = env.LLM_MODEL?.trim();
  if (!llmBaseUrl || !llmModel) return null;
  const key = env.OPENAI_API_KEY?.trim();
  return { llmBaseUrl, llmModel, ...(key ? { llmApiKey: key } : {}) };
}

function interview(c: AnswerPairCase, answer: string) {
  const first = toQuestion(c);
  const again = { ...first, id: `${first.id}-b`, text: `Can you give me another example? ${first.text}` };
  const plan: InterviewPlan = { version: 1, questions: [first, again], requiredSkills: c.requiredSkills.map(toKey) };
  const secs = Math.max(3, answer.split(/\s+/).length / 2.5);
  const turns = makeTurns([
    { speaker: 'recruiter', text: first.text, start: 0, end: 8, questionId: first.id },
    { speaker: 'candidate', text: answer, start: 9, end: 9 + secs },
    { speaker: 'recruiter', text: again.text, start: 10 + secs, end: 18 + secs, questionId: again.id },
    { speaker: 'candidate', text: answer, start: 19 + secs, end: 19 + 2 * secs },
  ]);
  return { plan, turns, questionStatuses: [], role: c.occupation, requiredSkills: plan.requiredSkills };
}

async function runSplit(service: AnalysisService, generator: string, split: Split, cvJd: CvJdCase[], answers: AnswerPairCase[]): Promise<EngineSplit> {
  const analyses: Analysis[] = [];
  let ownAnalyses = 0;
  let onReq = 0;
  let skillQs = 0;
  for (const c of cvJd) {
    const a = await service.analyze({ cvText: c.cv, jobDescription: c.jd, role: c.role, seniority: c.seniority, asOfYear: EVAL_AS_OF_YEAR });
    if (a.generator === generator) ownAnalyses++;
    analyses.push(a);
    const labelled = new Set([...c.labels.required, ...c.labels.niceToHave].map(toKey));
    const plan = buildInterviewPlan({ analysis: a, interviewType: 'mixed', seniority: c.seniority, role: c.role, company: 'Example Ltd' });
    for (const q of plan.questions) {
      if (!q.skill) continue;
      skillQs++;
      if (labelled.has(toKey(q.skill))) onReq++;
    }
  }
  const pairPoints: [number, number][] = [];
  let ownReports = 0;
  for (const c of answers) {
    const strong = await service.score(interview(c, c.strong.text));
    const weak = await service.score(interview(c, c.weak.text));
    for (const r of [strong, weak]) if (r.generator === generator) ownReports++;
    pairPoints.push([Math.round(strong.overall), Math.round(weak.overall)]);
  }
  const result = evaluateSplit(split, cvJd, answers, { analyses, pairPoints, keepItems: false });
  return {
    ...result,
    planOnRequirements: skillQs ? Math.round((onReq / skillQs) * 1000) / 1000 : 0,
    planSkillQuestions: skillQs,
    producedBy: { analyses: ownAnalyses, reports: ownReports, of: { analyses: cvJd.length, reports: answers.length * 2 } },
  };
}

/** Runs both engines over the given cases; the LLM engine needs `llm` (see llmConfigFromEnv). */
export async function compareEngines(opts: {
  cvJd: CvJdCase[];
  answers: AnswerPairCase[];
  splits: Split[];
  llm: Pick<AnalysisServiceConfig, 'llmBaseUrl' | 'llmModel' | 'llmApiKey'>;
  knowledge: SkillKnowledge | null;
  mode: 'full' | 'quick';
  command: string;
  fetch?: typeof fetch;
  now?: Date;
}): Promise<Comparison> {
  const engines: EngineRun[] = [];
  for (const [engine, config] of [
    ['offline', { knowledge: opts.knowledge }],
    ['llm', { ...opts.llm, knowledge: opts.knowledge, ...(opts.fetch ? { fetch: opts.fetch } : {}) }],
  ] as const) {
    const service = createAnalysisService(config);
    const generator = engine === 'offline' ? 'offline' : (opts.llm.llmModel ?? '');
    const splits: EngineSplit[] = [];
    for (const split of opts.splits) {
      splits.push(await runSplit(service, generator, split, opts.cvJd.filter((c) => c.split === split), opts.answers.filter((c) => c.split === split)));
    }
    engines.push({ engine, generator, splits });
  }
  return { generatedAt: (opts.now ?? new Date()).toISOString(), mode: opts.mode, command: opts.command, engines };
}

const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function comparisonMarkdown(c: Comparison): string {
  const [offline, llm] = c.engines;
  const out = [
    '# Evaluation: offline rules vs the LLM path',
    '',
    `Generated ${c.generatedAt} by \`${c.command}\` (${c.mode} run; LLM model \`${llm?.generator ?? '?'}\`). Method: eval/README.md.`,
    'Scoring here is per interview (two questions answered alike, the report\'s overall), not the per-answer `scoreAnswer()` of the main table; STAR parts are not part of an LLM report and are not compared.',
  ];
  for (const [i, o] of (offline?.splits ?? []).entries()) {
    const l = llm?.splits[i];
    if (!l) continue;
    const row = (name: string, a: string, b: string, goal = '—') => `| ${name} | ${a} | ${b} | ${goal} |`;
    out.push(
      '',
      `## ${o.split} split (${o.cvJdCases} CV/JD pairs, ${o.answerPairs} answer pairs)`,
      '',
      '| Metric | Offline rules | LLM path | Goal |',
      '|---|---|---|---|',
      row('Skills precision / recall', `${f(o.skills.precision)} / ${f(o.skills.recall)}`, `${f(l.skills.precision)} / ${f(l.skills.recall)}`, `≥ ${GOALS.skillsP} / ≥ ${GOALS.skillsR}`),
      row('Gaps precision / recall', `${f(o.gaps.precision)} / ${f(o.gaps.recall)}`, `${f(l.gaps.precision)} / ${f(l.gaps.recall)}`, `≥ ${GOALS.gapsP} / ≥ ${GOALS.gapsR}`),
      row('Fit score in band', `${pct(o.fitBandHitRate)} (${o.fitBandHits}/${o.cvJdCases})`, `${pct(l.fitBandHitRate)} (${l.fitBandHits}/${l.cvJdCases})`, `≥ ${pct(GOALS.fitBand)}`),
      row('Requirements found P / R', `${f(o.requirements.precision)} / ${f(o.requirements.recall)}`, `${f(l.requirements.precision)} / ${f(l.requirements.recall)}`),
      row('Plan skill questions on a labelled requirement', `${pct(o.planOnRequirements)} of ${o.planSkillQuestions}`, `${pct(l.planOnRequirements)} of ${l.planSkillQuestions}`),
      row('Strong > weak interview by ≥ 15 points', pct(o.pairAccuracyWithMargin), pct(l.pairAccuracyWithMargin), `≥ ${pct(GOALS.pairMargin)}`),
      row('Median strong − weak (overall)', String(o.pairMarginMedian), String(l.pairMarginMedian)),
      row('Produced by the engine itself (analyses, reports)', `${o.producedBy.analyses}/${o.producedBy.of.analyses}, ${o.producedBy.reports}/${o.producedBy.of.reports}`, `${l.producedBy.analyses}/${l.producedBy.of.analyses}, ${l.producedBy.reports}/${l.producedBy.of.reports}`),
    );
  }
  return `${out.join('\n')}\n`;
}
