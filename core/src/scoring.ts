import type { InterviewPlan, QuestionStatus } from './plan.js';
import type { Report } from './report.js';
import { computeSpeechMetrics } from './speech-metrics.js';
import type { TurnRecord } from './wire.js';

export const SCORER_VERSION = 'rubric-1/offline-1';

export function scoreInterview(input: {
  plan: InterviewPlan;
  turns: TurnRecord[];
  questionStatuses: { questionId: string; status: QuestionStatus }[];
  role: string;
  requiredSkills: string[];
}): Report {
  return {
    overall: 0,
    dimensions: [],
    questions: input.plan.questions.map((q) => ({ questionId: q.id, text: q.text, status: 'not_asked', assessment: '' })),
    strengths: [],
    improvements: [],
    speech: computeSpeechMetrics(input.turns),
    generator: 'offline',
    version: SCORER_VERSION,
  };
}
