/** Test fixtures: a small plan and interview context (fictional data). */
import type { InterviewContext, InterviewPlan } from '@mockroom/core';

export const TEST_PLAN: InterviewPlan = {
  version: 1,
  requiredSkills: ['kubernetes', 'typescript'],
  questions: [
    {
      id: 'q1',
      kind: 'behavioural',
      competency: 'ownership',
      text: 'Tell me about a time you took ownership of a problem nobody else wanted.',
      strongAnswer: ['a specific situation, the actions you personally took, and a measurable outcome'],
      followUps: ['What did you personally do in that situation?'],
      keywords: ['ownership'],
    },
    {
      id: 'q2',
      kind: 'technical',
      competency: 'system design',
      text: 'How would you design a rate limiter for a public API?',
      strongAnswer: ['trade-offs between algorithms'],
      followUps: [],
      skill: 'typescript',
      keywords: ['rate', 'limit'],
    },
    {
      id: 'q3',
      kind: 'role_specific',
      competency: 'collaboration',
      text: 'Describe how you work with product managers when priorities conflict.',
      strongAnswer: [],
      followUps: [],
      keywords: [],
    },
  ],
};

export function makeContext(overrides: Partial<InterviewContext> = {}): InterviewContext {
  return {
    interviewId: '00000000-0000-4000-8000-000000000001',
    status: 'scheduled',
    candidateName: 'Ada Lovelace',
    company: 'Acme',
    role: 'Backend Engineer',
    seniority: 'mid',
    interviewType: 'mixed',
    timeBoxSeconds: 900,
    plan: TEST_PLAN,
    providers: null,
    turns: [],
    ...overrides,
  };
}

/** A full answer that passes every follow-up rule for the behavioural question. */
export const STRONG_BEHAVIOURAL_ANSWER =
  'At my last job our deploy pipeline kept failing and nobody owned it. I took it on, rewrote the flaky steps ' +
  'and added retries because the failures were network timeouts. As a result deploy failures dropped by 80 percent.';

export const STRONG_TECHNICAL_ANSWER =
  'I would use a token bucket per API key stored in Redis, because it allows short bursts while keeping the average ' +
  'rate fixed, rather than a fixed window which lets clients double their rate at the window edge.';

export const STRONG_ROLE_ANSWER =
  'For example, at my previous company two product managers wanted conflicting features in the same sprint. ' +
  'I set up a meeting, we compared the customer impact and agreed on an order, which led to both shipping within a month.';
