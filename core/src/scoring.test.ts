import { describe, expect, it } from 'vitest';
import { ANSWER_PAIRS } from './fixtures/answer-pairs.js';
import { makeTurns } from './fixtures/transcript.js';
import type { InterviewPlan } from './plan.js';
import { Report } from './report.js';
import { attributeTurns, SCORER_VERSION, scoreInterview } from './scoring.js';

function interviewWith(pair: (typeof ANSWER_PAIRS)[number], answer: string): Report {
  const plan: InterviewPlan = { version: 1, questions: [pair.question], requiredSkills: pair.requiredSkills };
  const turns = makeTurns([
    { speaker: 'recruiter', text: pair.question.text, start: 0, end: 8, questionId: pair.question.id },
    { speaker: 'candidate', text: answer, start: 9, end: 9 + Math.max(3, answer.split(' ').length / 2.5) },
  ]);
  return scoreInterview({ plan, turns, questionStatuses: [], role: 'Backend Engineer', requiredSkills: pair.requiredSkills });
}

describe('scoreInterview ranking fixtures', () => {
  for (const pair of ANSWER_PAIRS) {
    it(`ranks the strong answer above the weak one: ${pair.name}`, () => {
      const strong = interviewWith(pair, pair.strong);
      const weak = interviewWith(pair, pair.weak);
      expect(strong.overall).toBeGreaterThan(weak.overall);
      const sum = (r: Report) => r.dimensions.reduce((a, d) => a + d.score, 0);
      expect(sum(strong)).toBeGreaterThan(sum(weak));
    });
  }
});

describe('scoreInterview', () => {
  const [own, , , pg, , motivation] = ANSWER_PAIRS;
  const plan: InterviewPlan = { version: 1, questions: [motivation!.question, own!.question, pg!.question], requiredSkills: ['postgresql', 'node.js'] };
  const turns = makeTurns([
    { speaker: 'recruiter', text: 'Hi, I am an AI recruiter for practice.', start: 0, end: 3 },
    { speaker: 'recruiter', text: motivation!.question.text, start: 3, end: 8, questionId: 'q6' },
    { speaker: 'candidate', text: motivation!.strong, start: 9, end: 40 },
    { speaker: 'recruiter', text: own!.question.text, start: 41, end: 47, questionId: 'q1' },
    // No questionId on the answer: attributed to the most recent recruiter question.
    { speaker: 'candidate', text: own!.strong.slice(0, 200), start: 48, end: 60 },
    { speaker: 'candidate', text: own!.strong.slice(200), start: 61, end: 80 },
    { speaker: 'recruiter', text: 'Thanks, that is all for today.', start: 81, end: 84 },
  ]);
  const report = scoreInterview({ plan, turns, questionStatuses: [{ questionId: 'q4', status: 'not_asked' }], role: 'Backend Engineer', requiredSkills: ['postgresql', 'node.js'] });

  it('returns a valid report stamped with the scorer version', () => {
    expect(Report.parse(report)).toEqual(report);
    expect(report.version).toBe(SCORER_VERSION);
    expect(report.generator).toBe('offline');
    expect(report.dimensions.map((d) => d.key)).toEqual(['clarity', 'structure', 'relevance', 'depth', 'impact', 'role']);
  });

  it('quotes only candidate turns, with their turn id and offset from the first turn', () => {
    const byId = new Map(turns.map((t) => [t.turnId, t]));
    for (const d of report.dimensions) {
      expect(d.evidence.length).toBeGreaterThanOrEqual(1);
      expect(d.evidence.length).toBeLessThanOrEqual(3);
      for (const e of d.evidence) {
        const t = byId.get(e.turnId)!;
        expect(t.speaker).toBe('candidate');
        expect(t.text).toContain(e.quote.replace(/…$/, ''));
        expect(e.atMs).toBe(Date.parse(t.startedAt) - Date.parse(turns[0]!.startedAt));
      }
    }
  });

  it('gives each planned question a status and ties notes to questions', () => {
    expect(report.questions.map((q) => [q.questionId, q.status])).toEqual([
      ['q6', 'answered'],
      ['q1', 'answered'],
      ['q4', 'not_asked'],
    ]);
    expect(report.strengths.length).toBeGreaterThan(0);
    for (const n of [...report.strengths, ...report.improvements]) expect(['q6', 'q1', 'q4']).toContain(n.questionId);
    expect(report.overall).toBeGreaterThan(50);
  });

  it('attributes turns by matching recruiter text when no question ids are sent', () => {
    const bare = turns.map((t) => ({ ...t, questionId: null }));
    const map = attributeTurns(plan, bare);
    expect(map.get('q1')?.map((t) => t.turnId)).toEqual(['t5', 't6']);
    expect(map.get('q6')?.map((t) => t.turnId)).toEqual(['t3']);
  });

  it('scores an interview with no answers as 1s and 0 overall, with skipped questions', () => {
    const r = scoreInterview({ plan, turns: turns.filter((t) => t.speaker === 'recruiter'), questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.overall).toBe(0);
    expect(r.dimensions.every((d) => d.score === 1 && d.evidence.length === 0)).toBe(true);
    expect(r.questions.map((q) => q.status)).toEqual(['skipped', 'skipped', 'not_asked']);
  });
});
