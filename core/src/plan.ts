/** Interview plan: the ordered questions the recruiter asks. Pure data. */
import { z } from 'zod';

export const QuestionKind = z.enum(['behavioural', 'technical', 'role_specific']);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const QuestionStatus = z.enum(['answered', 'insufficient', 'skipped', 'interrupted', 'not_asked']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

export const PlanQuestion = z.object({
  id: z.string().min(1).max(64),
  kind: QuestionKind,
  /** Competency probed, e.g. "ownership", "system design", "typescript". */
  competency: z.string().max(80),
  text: z.string().min(1).max(1000),
  /** What a strong answer shows (signals the scorer and follow-up rules look for). */
  strongAnswer: z.array(z.string().max(300)).max(10),
  /** Follow-up prompts, used in order when an answer needs more. */
  followUps: z.array(z.string().max(500)).max(5),
  /** Skill from the JD this question probes (lower-case canonical name), when any. */
  skill: z.string().max(60).nullish(),
  /** Keywords a relevant answer is expected to touch (lower-case). */
  keywords: z.array(z.string().max(60)).max(30).default([]),
});
export type PlanQuestion = z.infer<typeof PlanQuestion>;

/**
 * How the recruiter comes across: `supportive` encourages and probes gently, `neutral` is a
 * realistic interviewer, `challenging` presses for specifics as a demanding panel would.
 */
export const INTERVIEW_STYLES = ['supportive', 'neutral', 'challenging'] as const;
export const InterviewStyle = z.enum(INTERVIEW_STYLES);
export type InterviewStyle = z.infer<typeof InterviewStyle>;

export const InterviewPlan = z.object({
  version: z.literal(1),
  questions: z.array(PlanQuestion).min(1).max(30),
  /** Required skills from the JD (canonical names), for the "skill without depth" follow-up rule. */
  requiredSkills: z.array(z.string().max(60)).max(60).default([]),
  /** The recruiter's manner; absent on plans stored before it existed (then neutral). */
  style: InterviewStyle.optional(),
  /**
   * The interview type the questions were built for when the candidate chose one for this
   * interview (one of wire.ts INTERVIEW_TYPES; plan.ts cannot import wire.ts, which imports it).
   * Absent: the application's type.
   */
  interviewType: z.string().max(32).optional(),
});
export type InterviewPlan = z.infer<typeof InterviewPlan>;

/** Limits on a plan the candidate edits before the call. */
export const MAX_EDITED_QUESTIONS = 15;
export const MIN_OWN_QUESTION_CHARS = 10;
export const MAX_OWN_QUESTION_CHARS = 500;

export const PlanEditQuestion = z.object({
  /** A planned question kept or moved: its id. Absent for a question of the candidate's own. */
  id: z.string().min(1).max(64).optional(),
  /** The question as it will be asked; a changed text makes it the candidate's own question. */
  text: z.string().trim().min(MIN_OWN_QUESTION_CHARS).max(MAX_OWN_QUESTION_CHARS),
});
export type PlanEditQuestion = z.infer<typeof PlanEditQuestion>;

/** The plan as the candidate left it on the pre-call page: the questions in order, and the style. */
export const PlanEdit = z.object({
  questions: z.array(PlanEditQuestion).min(1).max(MAX_EDITED_QUESTIONS),
  style: InterviewStyle.optional(),
});
export type PlanEdit = z.infer<typeof PlanEdit>;

export class PlanEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanEditError';
  }
}

const STOP_WORDS = new Set(
  'about above after again also been before being could describe does doing during each example experience from give have having into just like more most much other over please recent should some such tell than that their them then there these they thing this those through time using very walk were what when where which while with would your yours yourself'.split(' '),
);

/** Content words of a question, as the keywords a relevant answer touches (scoring reads them). */
export function toQuestionKeywords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9+#'\s-]/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, 12);
}

const STORY_QUESTION = /\b(tell me about a time|describe a (time|situation)|give (me )?an example|a time (when|you)|walk me through)\b/i;

/** A question the candidate wrote: generic signals of a good answer, since nothing else is known of it. */
export function toOwnQuestion(id: string, text: string): PlanQuestion {
  const story = STORY_QUESTION.test(text);
  return {
    id,
    kind: story ? 'behavioural' : 'role_specific',
    competency: 'your own question',
    text: text.trim(),
    strongAnswer: story
      ? ['Uses one specific situation, not a general claim', 'Shows their own actions and reasoning', 'States the outcome or what they learned']
      : ['Answers the question asked, directly', 'Backs the answer with a concrete example from their own experience', 'Explains their reasoning'],
    followUps: ['What was your own part in that?', 'How did it turn out, and what would you do differently?'],
    skill: null,
    keywords: toQuestionKeywords(text),
  };
}

/**
 * Applies the candidate's edit to the stored plan: kept questions keep everything the builder
 * gave them, a changed or new question becomes the candidate's own (toOwnQuestion) with a fresh
 * id. Throws PlanEditError for an id the plan does not have or one used twice.
 */
export function applyPlanEdit(plan: InterviewPlan, edit: PlanEdit): InterviewPlan {
  const byId = new Map(plan.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const used = new Set(plan.questions.map((q) => q.id));
  let next = 1;
  const freshId = () => {
    while (used.has(`own${next}`)) next++;
    const id = `own${next}`;
    used.add(id);
    return id;
  };
  const questions = edit.questions.map((e): PlanQuestion => {
    if (e.id === undefined) return toOwnQuestion(freshId(), e.text);
    const kept = byId.get(e.id);
    if (!kept) throw new PlanEditError('a question id is not in this plan');
    if (seen.has(e.id)) throw new PlanEditError('a question appears twice');
    seen.add(e.id);
    return kept.text.trim() === e.text.trim() ? kept : toOwnQuestion(freshId(), e.text);
  });
  return InterviewPlan.parse({ ...plan, questions, ...(edit.style ? { style: edit.style } : {}) });
}
