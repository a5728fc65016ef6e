/**
 * Shapes of the evaluation set, as zod schemas the loader (index.ts) checks the JSON files
 * against, and the types inferred from them. Labels are a careful recruiter's reading of each CV
 * and job description, written by hand for this set; they are never copied from what the rules
 * output. Skill labels are plain names ("classroom management", "postgresql"); the harness
 * normalises them through the same canonical vocabulary the analysis uses (see eval/README.md).
 */
import { z } from 'zod';
import { QuestionKind } from '../../core/src/plan.js';

export const Split = z.enum(['dev', 'heldout']);
export type Split = z.infer<typeof Split>;

export const CvJdCase = z.strictObject({
  id: z.string().min(1),
  split: Split,
  /**
   * Which writing batch a held-out case belongs to, when it was added after the first held-out
   * set: the harness reports such a batch on its own, as material no rule was ever tuned on.
   */
  batch: z.string().optional(),
  occupation: z.string(),
  /** e.g. "career changer", "junior", "mismatch" — free text for reading the results. */
  profile: z.string(),
  role: z.string(),
  seniority: z.enum(['intern', 'junior', 'mid', 'senior', 'staff', 'lead']),
  cv: z.string().min(1),
  jd: z.string().min(1),
  labels: z.strictObject({
    /** Must-haves as the JD states them (or as its responsibilities imply when it has no list). */
    required: z.array(z.string()),
    /** Stated as desirable / preferred / a plus. */
    niceToHave: z.array(z.string()),
    /** Requirements (from either list) the CV gives no evidence of. Matched = the rest. */
    gaps: z.array(z.string()),
    /** Inclusive 0–100 band a careful recruiter would accept for the fit score. */
    fitBand: z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]),
  }),
});
export type CvJdCase = z.infer<typeof CvJdCase>;

export const StarLabel = z.strictObject({ situation: z.boolean(), task: z.boolean(), action: z.boolean(), result: z.boolean() });
export type StarLabel = z.infer<typeof StarLabel>;

export const LabelledAnswer = z.strictObject({ text: z.string().min(1), star: StarLabel });
export type LabelledAnswer = z.infer<typeof LabelledAnswer>;

/** A strong and a weak answer to the same planned question. */
export const AnswerPairCase = z.strictObject({
  id: z.string().min(1),
  split: Split,
  occupation: z.string(),
  question: z.strictObject({
    kind: QuestionKind,
    competency: z.string(),
    skill: z.string().nullable(),
    text: z.string().min(1),
    keywords: z.array(z.string()),
  }),
  /** Required skills of the role the question belongs to (canonical or plain names). */
  requiredSkills: z.array(z.string()),
  strong: LabelledAnswer,
  weak: LabelledAnswer,
});
export type AnswerPairCase = z.infer<typeof AnswerPairCase>;
