/** Report shape produced by the post-call scorer and shown on the report page. */
import { z } from 'zod';
import { QuestionStatus } from './plan.js';

export const Evidence = z.object({
  turnId: z.string(),
  quote: z.string().max(600),
  /** Milliseconds from the start of the interview to the start of the quoted turn. */
  atMs: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof Evidence>;

export const DimensionScore = z.object({
  key: z.string(),
  label: z.string(),
  score: z.number().int().min(1).max(5),
  reason: z.string().max(400),
  evidence: z.array(Evidence).max(3),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

export const QuestionAssessment = z.object({
  questionId: z.string(),
  text: z.string(),
  status: QuestionStatus,
  assessment: z.string().max(600),
});

export const Note = z.object({ text: z.string().max(600), questionId: z.string().nullable() });

export const SpeechMetrics = z.object({
  wordsPerMinute: z.number().nonnegative().nullable(),
  fillerCount: z.number().int().nonnegative(),
  /** Filler words per 100 candidate words. */
  fillerRate: z.number().nonnegative(),
  fillers: z.record(z.string(), z.number().int().nonnegative()),
  /** Gaps inside or before candidate answers longer than LONG_PAUSE_MS. */
  longPauses: z.number().int().nonnegative(),
  /** Candidate share of speaking time, 0..1. */
  talkRatio: z.number().min(0).max(1).nullable(),
  /** Recruiter turn end → candidate turn start, milliseconds. */
  responseLatencyMsMedian: z.number().nonnegative().nullable(),
  answerWordsMean: z.number().nonnegative(),
  answerWordsMax: z.number().int().nonnegative(),
});
export type SpeechMetrics = z.infer<typeof SpeechMetrics>;

/** "incomplete": fewer than MIN_ANSWERS_TO_SCORE answers; shown, but not scored and left out of progress. */
export const ReportStatus = z.enum(['scored', 'incomplete']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const MIN_ANSWERS_TO_SCORE = 2;

/** A question counts as answered when the candidate gave an answer to it, thin or not. */
export function reportStatus(questions: readonly { status: z.infer<typeof QuestionStatus> }[]): ReportStatus {
  const answered = questions.filter((q) => q.status === 'answered' || q.status === 'insufficient').length;
  return answered >= MIN_ANSWERS_TO_SCORE ? 'scored' : 'incomplete';
}

export const Report = z.object({
  /** 0..100; 0 when status is "incomplete". */
  overall: z.number().min(0).max(100),
  /** Reports stored before this field existed were all scored. */
  status: ReportStatus.default('scored'),
  dimensions: z.array(DimensionScore),
  questions: z.array(QuestionAssessment),
  strengths: z.array(Note),
  improvements: z.array(Note),
  speech: SpeechMetrics,
  /** "offline" or a model name. */
  generator: z.string(),
  /** Rubric/scorer version, e.g. "rubric-1/offline-1". */
  version: z.string(),
});
export type Report = z.infer<typeof Report>;
