import { describe, expect, it } from 'vitest';
import type { TurnRecord } from '@mockroom/core';
import { makeContext, STRONG_BEHAVIOURAL_ANSWER, TEST_PLAN } from './fixtures.js';
import { createInterviewer } from './interviewer.js';
import { createPlanTools, LlmInterviewer } from './llm-interviewer.js';
import { PlanTracker } from './plan-tracker.js';
import { RuleInterviewer } from './rule-interviewer.js';

const toolOpts = {} as never;

function storedTurn(sequence: number, speaker: TurnRecord['speaker'], text: string, questionId: string): TurnRecord {
  const at = new Date(Date.now() - 60_000).toISOString();
  return { id: `t${sequence}`, turnId: `job-${sequence}`, sequence, speaker, text, questionId, source: 'voice', interrupted: false, startedAt: at, endedAt: at, createdAt: at };
}

describe('createInterviewer', () => {
  it('chooses the rule-based interviewer for the local provider, and it is the session LLM over the shared tracker', () => {
    const interviewer = createInterviewer(makeContext(), { llmProvider: 'local' });
    expect(interviewer).toBeInstanceOf(RuleInterviewer);
    const rules = interviewer as RuleInterviewer;
    expect(interviewer.ownLlm()).toBe(rules.llm);
    expect(rules.brain.tracker).toBe(interviewer.tracker);
    expect(interviewer.tools).toBeUndefined();
  });

  it('chooses the LLM interviewer for any other provider, with the plan in its prompt and no LLM of its own', () => {
    const interviewer = createInterviewer(makeContext(), { llmProvider: 'openai' });
    expect(interviewer).toBeInstanceOf(LlmInterviewer);
    expect(interviewer.instructions).toContain(TEST_PLAN.questions[0]!.text);
    expect(() => interviewer.ownLlm()).toThrow();
  });
});

describe("the LLM interviewer's tools", () => {
  it('move the tracker through the plan and record each status and the end', async () => {
    const tracker = new PlanTracker(TEST_PLAN);
    const tools = createPlanTools(tracker);
    tracker.start();
    expect(tracker.currentQuestionId).toBe('q1');
    expect(await tools.next_question.execute({ status: 'answered' }, toolOpts)).toMatchObject({ nextQuestionId: 'q2' });
    expect(tracker.currentQuestionId).toBe('q2');
    await tools.next_question.execute({ status: 'insufficient' }, toolOpts);
    expect(tracker.questionStatuses().map((q) => q.status)).toEqual(['answered', 'insufficient', 'interrupted']);
    await tools.end_interview.execute({ reason: 'time_box' }, toolOpts);
    expect(tracker.ended).toBe('time_box');
    expect(tracker.currentQuestionId).toBeNull();
  });

  it('say the plan is done after the last question', async () => {
    const tracker = new PlanTracker(TEST_PLAN);
    const tools = createPlanTools(tracker);
    tracker.start();
    for (const status of ['answered', 'skipped'] as const) await tools.next_question.execute({ status }, toolOpts);
    expect(await tools.next_question.execute({ status: 'answered' }, toolOpts)).toMatchObject({ done: true });
    expect(tracker.questionStatuses().map((q) => q.status)).toEqual(['answered', 'skipped', 'answered']);
  });

  it('carry on from stored turns like the rule brain does', () => {
    const turns = [storedTurn(0, 'recruiter', 'Q1', 'q1'), storedTurn(1, 'candidate', STRONG_BEHAVIOURAL_ANSWER, 'q1'), storedTurn(2, 'recruiter', 'Q2', 'q2')];
    const llm = createInterviewer(makeContext({ turns }), { llmProvider: 'openai' });
    const rules = createInterviewer(makeContext({ turns }), { llmProvider: 'local' });
    expect(llm.tracker.currentQuestionId).toBe('q2');
    expect(llm.tracker.questionStatuses()).toEqual(rules.tracker.questionStatuses());
  });
});
