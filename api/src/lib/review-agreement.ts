/**
 * Agreement figures for the review workspace, from scores already loaded under row-level security:
 * what a reviewer sees after submitting (their scores beside the AI's, the lead's and the others';
 * kappa per dimension over their history; ICC across the reviewers of one interview) and the
 * calibration curve. The statistics themselves are core/src/agreement.ts.
 */
import { intraclassCorrelations, meanAbsoluteDifference, quadraticWeightedKappa } from '@mockroom/core/agreement';
import type { AgreementResponse, ReviewScores } from '@mockroom/core/review-shapes';
import { RUBRIC_DIMENSIONS } from '@mockroom/core/rubric';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export type Scores = Partial<Record<string, number>>;

/** A stored scores column (jsonb) narrowed to whole 1–5 scores of known dimensions. */
export function toScores(value: unknown): ReviewScores {
  const out: Record<string, number> = {};
  if (!value || typeof value !== 'object') return out;
  for (const { key } of RUBRIC_DIMENSIONS) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= SCORE_MIN && v <= SCORE_MAX) out[key] = v;
  }
  return out;
}

/** The AI report's dimension scores by key (reports.dimensions is the Report's DimensionScore[]). */
export function aiScores(dimensions: unknown): Scores {
  const out: Scores = {};
  if (!Array.isArray(dimensions)) return out;
  for (const d of dimensions) {
    if (d && typeof d === 'object' && typeof d.key === 'string' && typeof d.score === 'number') out[d.key] = d.score;
  }
  return out;
}

/** Kappa of two raters over the dimensions both scored. */
export function kappaAcrossDimensions(a: Scores, b: Scores): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const { key } of RUBRIC_DIMENSIONS) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined && y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  }
  return quadraticWeightedKappa(xs, ys, SCORE_MIN, SCORE_MAX);
}

export interface AgreementInput {
  mine: Scores;
  ai: Scores | null;
  lead: Scores | null;
  others: Scores[];
  /** This reviewer's earlier submitted interviews, for per-dimension kappa over time. */
  history: { mine: Scores; ai: Scores | null; lead: Scores | null }[];
}

/** The agreement view of one submitted review. */
export function buildAgreement(input: AgreementInput): AgreementResponse {
  const dimensions = RUBRIC_DIMENSIONS.map(({ key, label }) => {
    const pairs = (other: 'ai' | 'lead') => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const h of input.history) {
        const x = h.mine[key];
        const y = h[other]?.[key];
        if (x !== undefined && y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      return { kappa: quadraticWeightedKappa(xs, ys, SCORE_MIN, SCORE_MAX), n: xs.length };
    };
    const vsAi = pairs('ai');
    const vsLead = pairs('lead');
    return {
      key,
      label,
      mine: input.mine[key] ?? null,
      ai: input.ai?.[key] ?? null,
      lead: input.lead?.[key] ?? null,
      others: input.others.map((o) => o[key]).filter((v): v is number => v !== undefined),
      kappaVsAi: vsAi.kappa,
      pairsVsAi: vsAi.n,
      kappaVsLead: vsLead.kappa,
      pairsVsLead: vsLead.n,
    };
  });
  // ICC needs a complete matrix: the dimensions every submitted reviewer scored.
  const raters = [input.mine, ...input.others];
  const complete = RUBRIC_DIMENSIONS.map((d) => d.key).filter((key) => raters.every((r) => r[key] !== undefined));
  const icc = raters.length >= 2 ? intraclassCorrelations(complete.map((key) => raters.map((r) => r[key]!))) : null;
  return {
    dimensions,
    kappaVsAi: input.ai ? kappaAcrossDimensions(input.mine, input.ai) : null,
    kappaVsLead: input.lead ? kappaAcrossDimensions(input.mine, input.lead) : null,
    cohortIcc: icc?.icc21 ?? null,
    raters: raters.length,
  };
}

export interface CalibrationSubmission {
  itemId: string;
  title: string;
  submittedAt: Date;
  mine: Scores;
  gold: Scores;
}

/** The calibration curve: per submitted item in time order, its kappa, and the pooled kappa so far. */
export function calibrationCurve(submissions: CalibrationSubmission[]) {
  const sorted = [...submissions].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const xs: number[] = [];
  const ys: number[] = [];
  return sorted.map((s) => {
    const a: number[] = [];
    const b: number[] = [];
    for (const { key } of RUBRIC_DIMENSIONS) {
      const x = s.mine[key];
      const y = s.gold[key];
      if (x !== undefined && y !== undefined) {
        a.push(x);
        b.push(y);
      }
    }
    xs.push(...a);
    ys.push(...b);
    return {
      itemId: s.itemId,
      title: s.title,
      submittedAt: s.submittedAt.toISOString(),
      kappa: quadraticWeightedKappa(a, b, SCORE_MIN, SCORE_MAX),
      meanAbsoluteDifference: meanAbsoluteDifference(a, b),
      cumulativeKappa: quadraticWeightedKappa(xs, ys, SCORE_MIN, SCORE_MAX),
    };
  });
}
