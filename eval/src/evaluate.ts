/**
 * Runs the evaluation set through core's offline rules — the same functions the API calls —
 * and computes, per split: skills (matched requirements) P/R, gaps P/R, requirement extraction
 * P/R, required vs nice-to-have agreement, fit-band hits, strong > weak pair accuracy (and with
 * a 15-point margin) and STAR-part F1. Per-item detail is kept for the dev split only: the
 * held-out split is reported in aggregate so nobody tunes a rule to one of its cases.
 */
import { analyzeApplication, type Analysis } from '../../core/src/analysis.js';
import type { SkillKnowledge } from '../../core/src/esco.js';
import type { PlanQuestion } from '../../core/src/plan.js';
import { detectStar, scoreAnswer } from '../../core/src/scoring.js';
import type { AnswerPairCase, CvJdCase, Split, StarLabel } from '../data/types.js';
import { addSets, alignNames, emptyCounts, prf, round3, toKey, toKeySet, type Counts, type Prf } from './metrics.js';

/** "Present" in CV dates means this year in every run, so results do not drift with the calendar. */
export const EVAL_AS_OF_YEAR = 2026;
/** A strong answer must beat the weak one by at least this many points (0–100 per answer). */
export const PAIR_MARGIN = 15;
const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;

export interface CvJdItem {
  id: string;
  occupation: string;
  fitScore: number;
  fitBand: [number, number];
  inBand: boolean;
  missedMatches: string[];
  wrongMatches: string[];
  missedGaps: string[];
  wrongGaps: string[];
  missedRequirements: string[];
  extraRequirements: string[];
  niceAsRequired: string[];
  requiredAsNice: string[];
}

export interface AnswerItem {
  id: string;
  occupation: string;
  strong: number;
  weak: number;
  starWrong: string[];
}

export interface SplitResult {
  split: Split;
  cvJdCases: number;
  answerPairs: number;
  skills: Prf;
  gaps: Prf;
  requirements: Prf;
  /** Skills and gaps with strict naming (canonical name or identical text only; see metrics.ts). */
  skillsStrict: Prf;
  gapsStrict: Prf;
  /** Of the requirements found and labelled, the share put in the right list (required vs nice-to-have). */
  requiredVsNiceAgreement: number;
  fitBandHitRate: number;
  fitBandHits: number;
  pairAccuracy: number;
  pairAccuracyWithMargin: number;
  pairMarginMedian: number;
  star: Prf & { byPart: Record<(typeof STAR_PARTS)[number], Prf> };
  items?: { cvJd: CvJdItem[]; answers: AnswerItem[] };
}

function diff(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

function union(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a, ...b]);
}

export function toQuestion(c: AnswerPairCase): PlanQuestion {
  return { id: c.id, kind: c.question.kind, competency: c.question.competency, text: c.question.text, strongAnswer: [], followUps: [], skill: c.question.skill ? toKey(c.question.skill) : null, keywords: c.question.keywords };
}

/** The per-answer score, 0–100, that the pairwise comparison uses. */
export function answerPoints(c: AnswerPairCase, text: string): number {
  return Math.round(scoreAnswer(toQuestion(c), text, c.requiredSkills.map(toKey)) * 100);
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface EvaluateOptions {
  /** Per-item detail; default for the dev split only. */
  keepItems?: boolean;
  /** ESCO knowledge for the offline analysis (eval/src/run-eval.ts loads it). */
  knowledge?: SkillKnowledge | null;
  /** Analyses already made by another engine (the LLM path), one per CV/JD case in order; default: core's offline analysis. */
  analyses?: readonly Analysis[];
  /** Strong and weak points per answer pair, in order, from another engine; default: core's scoreAnswer. */
  pairPoints?: readonly (readonly [number, number])[];
}

export function evaluateSplit(split: Split, cvJd: CvJdCase[], answers: AnswerPairCase[], opts: EvaluateOptions = {}): SplitResult {
  const keepItems = opts.keepItems ?? split === 'dev';
  const skills = emptyCounts();
  const gaps = emptyCounts();
  const skillsStrict = emptyCounts();
  const gapsStrict = emptyCounts();
  const reqs = emptyCounts();
  let listAgree = 0;
  let listBoth = 0;
  let hits = 0;
  const cvItems: CvJdItem[] = [];
  for (const [index, c] of cvJd.entries()) {
    const a = opts.analyses?.[index] ?? analyzeApplication({ cvText: c.cv, jobDescription: c.jd, role: c.role, seniority: c.seniority, asOfYear: EVAL_AS_OF_YEAR, knowledge: opts.knowledge ?? null });
    const lReq = toKeySet(c.labels.required);
    const lNice = toKeySet(c.labels.niceToHave);
    const lAll = union(lReq, lNice);
    const lGaps = toKeySet(c.labels.gaps);
    const lMatched = new Set([...lAll].filter((s) => !lGaps.has(s)));
    // The analysis's names in label space: aligned (a name in the job's own words counts as the label it denotes) and strict.
    const aligned = alignNames([...a.required, ...a.niceToHave], [...c.labels.required, ...c.labels.niceToHave]);
    const keysOf = (names: readonly string[], strict: boolean) => new Set(names.map((n) => (strict ? undefined : aligned.get(n)) ?? toKey(n)).filter(Boolean));
    const predicted = (strict: boolean) => {
      const all = union(keysOf(a.required, strict), keysOf(a.niceToHave, strict));
      const g = new Set([...keysOf(a.gaps, strict)].filter((x) => all.has(x)));
      return { req: keysOf(a.required, strict), all, gaps: g, matched: new Set([...all].filter((x) => !g.has(x))) };
    };
    const strict = predicted(true);
    addSets(skillsStrict, strict.matched, lMatched);
    addSets(gapsStrict, strict.gaps, lGaps);
    const { req: pReq, all: pAll, gaps: pGaps, matched: pMatched } = predicted(false);
    addSets(skills, pMatched, lMatched);
    addSets(gaps, pGaps, lGaps);
    addSets(reqs, pAll, lAll);
    const niceAsRequired: string[] = [];
    const requiredAsNice: string[] = [];
    for (const s of pAll) {
      if (!lAll.has(s)) continue;
      listBoth++;
      if (pReq.has(s) === lReq.has(s)) listAgree++;
      else if (pReq.has(s)) niceAsRequired.push(s);
      else requiredAsNice.push(s);
    }
    const [lo, hi] = c.labels.fitBand;
    const inBand = a.fitScore >= lo && a.fitScore <= hi;
    if (inBand) hits++;
    cvItems.push({
      id: c.id,
      occupation: c.occupation,
      fitScore: a.fitScore,
      fitBand: c.labels.fitBand,
      inBand,
      missedMatches: diff(lMatched, pMatched),
      wrongMatches: diff(pMatched, lMatched),
      missedGaps: diff(lGaps, pGaps),
      wrongGaps: diff(pGaps, lGaps),
      missedRequirements: diff(lAll, pAll),
      extraRequirements: diff(pAll, lAll),
      niceAsRequired,
      requiredAsNice,
    });
  }

  let wins = 0;
  let winsWithMargin = 0;
  const margins: number[] = [];
  const starAll = emptyCounts();
  const starBy = Object.fromEntries(STAR_PARTS.map((p) => [p, emptyCounts()])) as Record<(typeof STAR_PARTS)[number], Counts>;
  const answerItems: AnswerItem[] = [];
  for (const [index, c] of answers.entries()) {
    const [strong, weak] = opts.pairPoints?.[index] ?? [answerPoints(c, c.strong.text), answerPoints(c, c.weak.text)];
    if (strong > weak) wins++;
    if (strong - weak >= PAIR_MARGIN) winsWithMargin++;
    margins.push(strong - weak);
    const starWrong: string[] = [];
    for (const [which, ans] of [['strong', c.strong], ['weak', c.weak]] as const) {
      const got = detectStar(ans.text);
      for (const part of STAR_PARTS) {
        const p = got[part] ? new Set([part]) : new Set<string>();
        const e = (ans.star as StarLabel)[part] ? new Set([part]) : new Set<string>();
        addSets(starAll, p, e);
        addSets(starBy[part], p, e);
        if (got[part] !== ans.star[part]) starWrong.push(`${which}.${part}: ${got[part] ? 'found, not labelled' : 'labelled, not found'}`);
      }
    }
    answerItems.push({ id: c.id, occupation: c.occupation, strong, weak, starWrong });
  }

  const result: SplitResult = {
    split,
    cvJdCases: cvJd.length,
    answerPairs: answers.length,
    skills: prf(skills),
    gaps: prf(gaps),
    requirements: prf(reqs),
    skillsStrict: prf(skillsStrict),
    gapsStrict: prf(gapsStrict),
    requiredVsNiceAgreement: listBoth ? round3(listAgree / listBoth) : 1,
    fitBandHitRate: cvJd.length ? round3(hits / cvJd.length) : 0,
    fitBandHits: hits,
    pairAccuracy: answers.length ? round3(wins / answers.length) : 0,
    pairAccuracyWithMargin: answers.length ? round3(winsWithMargin / answers.length) : 0,
    pairMarginMedian: median(margins),
    star: { ...prf(starAll), byPart: Object.fromEntries(STAR_PARTS.map((p) => [p, prf(starBy[p])])) as Record<(typeof STAR_PARTS)[number], Prf> },
  };
  if (keepItems) result.items = { cvJd: cvItems, answers: answerItems };
  return result;
}

/** The goals issue 13 sets for the held-out split. */
export const GOALS = { skillsP: 0.85, skillsR: 0.85, gapsP: 0.8, gapsR: 0.8, fitBand: 0.8, pairMargin: 0.95, starF1: 0.85 } as const;

export function goalsMet(r: SplitResult): Record<keyof typeof GOALS, boolean> {
  return {
    skillsP: r.skills.precision >= GOALS.skillsP,
    skillsR: r.skills.recall >= GOALS.skillsR,
    gapsP: r.gaps.precision >= GOALS.gapsP,
    gapsR: r.gaps.recall >= GOALS.gapsR,
    fitBand: r.fitBandHitRate >= GOALS.fitBand,
    pairMargin: r.pairAccuracyWithMargin >= GOALS.pairMargin,
    starF1: r.star.f1 >= GOALS.starF1,
  };
}
