import type { Analysis } from './analysis.js';
import type { InterviewPlan } from './plan.js';
import type { InterviewType, Seniority } from './wire.js';

export function buildInterviewPlan(input: {
  analysis: Analysis;
  interviewType: InterviewType;
  seniority: Seniority;
  role: string;
  company: string;
  questionCount?: number;
}): InterviewPlan {
  return {
    version: 1,
    questions: [{ id: 'q1', kind: 'behavioural', competency: 'ownership', text: `Tell me about a project you owned as a ${input.role}.`, strongAnswer: [], followUps: ['What was the result?'], skill: null, keywords: [] }],
    requiredSkills: input.analysis.required,
  };
}
