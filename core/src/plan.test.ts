import { describe, expect, it } from 'vitest';
import { applyPlanEdit, InterviewPlan, PlanEdit, PlanEditError, toOwnQuestion } from './plan.js';

const plan: InterviewPlan = InterviewPlan.parse({
  version: 1,
  requiredSkills: ['postgresql'],
  questions: [
    { id: 'q1', kind: 'role_specific', competency: 'motivation', text: 'Give me a short overview of your background.', strongAnswer: ['Concise'], followUps: ['Why us?'], keywords: ['background'] },
    { id: 'q2', kind: 'technical', competency: 'postgresql', text: 'Tell me about a slow PostgreSQL query you fixed.', strongAnswer: ['Measured it'], followUps: ['How did you know?'], skill: 'postgresql', keywords: ['index'] },
    { id: 'q3', kind: 'behavioural', competency: 'conflict', text: 'Tell me about a disagreement with a colleague.', strongAnswer: ['Own actions'], followUps: ['What happened next?'], keywords: ['colleague'] },
  ],
});

describe('applyPlanEdit', () => {
  it('reorders kept questions without touching what the builder gave them', () => {
    const edited = applyPlanEdit(plan, { questions: [{ id: 'q3', text: plan.questions[2]!.text }, { id: 'q1', text: plan.questions[0]!.text }] });
    expect(edited.questions).toEqual([plan.questions[2], plan.questions[0]]);
    expect(edited.requiredSkills).toEqual(['postgresql']);
  });

  it('turns a replaced text into the candidate’s own question with a fresh id and keywords from its words', () => {
    const text = 'How would you onboard a new pharmacist to our dispensing software?';
    const edited = applyPlanEdit(plan, { questions: [{ id: 'q1', text: plan.questions[0]!.text }, { id: 'q2', text }] });
    const own = edited.questions[1]!;
    expect(own.id).toBe('own1');
    expect(own.text).toBe(text);
    expect(own.competency).toBe('your own question');
    expect(own.skill).toBeNull();
    expect(own.keywords).toEqual(expect.arrayContaining(['onboard', 'pharmacist', 'dispensing', 'software']));
    expect(own.keywords).not.toContain('would');
  });

  it('adds questions of the candidate’s own with ids that do not collide', () => {
    const withOwn = applyPlanEdit(plan, { questions: [{ text: 'Tell me about a time you missed a deadline.' }] });
    const again = applyPlanEdit(withOwn, { questions: [{ id: 'own1', text: withOwn.questions[0]!.text }, { text: 'Why do you want to leave your current job?' }] });
    expect(again.questions.map((q) => q.id)).toEqual(['own1', 'own2']);
    expect(again.questions[0]!.kind).toBe('behavioural');
    expect(again.questions[1]!.kind).toBe('role_specific');
  });

  it('records the chosen style', () => {
    expect(applyPlanEdit(plan, { questions: [{ id: 'q1', text: plan.questions[0]!.text }], style: 'challenging' }).style).toBe('challenging');
  });

  it('refuses an id the plan does not have, or one used twice', () => {
    expect(() => applyPlanEdit(plan, { questions: [{ id: 'q9', text: 'Some question text here?' }] })).toThrow(PlanEditError);
    expect(() => applyPlanEdit(plan, { questions: [{ id: 'q1', text: plan.questions[0]!.text }, { id: 'q1', text: plan.questions[0]!.text }] })).toThrow(PlanEditError);
  });
});

describe('PlanEdit', () => {
  it('limits the number and length of questions', () => {
    expect(PlanEdit.safeParse({ questions: [] }).success).toBe(false);
    expect(PlanEdit.safeParse({ questions: Array.from({ length: 16 }, () => ({ text: 'A question of my own?' })) }).success).toBe(false);
    expect(PlanEdit.safeParse({ questions: [{ text: 'Short?' }] }).success).toBe(false);
    expect(PlanEdit.safeParse({ questions: [{ text: 'x'.repeat(501) }] }).success).toBe(false);
    expect(PlanEdit.safeParse({ questions: [{ text: '  What motivates you at work?  ' }], style: 'supportive' }).data?.questions[0]?.text).toBe('What motivates you at work?');
    expect(PlanEdit.safeParse({ questions: [{ text: 'What motivates you at work?' }], style: 'rude' }).success).toBe(false);
  });
});

describe('toOwnQuestion', () => {
  it('reads a story question as behavioural', () => {
    expect(toOwnQuestion('own1', 'Describe a situation where you had to calm an upset guest.').kind).toBe('behavioural');
  });
});
