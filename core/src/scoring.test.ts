import { describe, expect, it } from 'vitest';
import { ANSWER_PAIRS } from './fixtures/answer-pairs.js';
import { makeTurns } from './fixtures/transcript.js';
import type { InterviewPlan } from './plan.js';
import { Report } from './report.js';
import { attributeTurns, detectStar, expectedWords, SCORER_VERSION, scoreAnswer, scoreInterview } from './scoring.js';

// Two questions answered alike: an interview needs two answers to be scored at all (one is "incomplete").
function interviewWith(pair: (typeof ANSWER_PAIRS)[number], answer: string): Report {
  const again = { ...pair.question, id: `${pair.question.id}b`, text: `Another one: ${pair.question.text}` };
  const plan: InterviewPlan = { version: 1, questions: [pair.question, again], requiredSkills: pair.requiredSkills };
  const secs = Math.max(3, answer.split(' ').length / 2.5);
  const turns = makeTurns([
    { speaker: 'recruiter', text: pair.question.text, start: 0, end: 8, questionId: pair.question.id },
    { speaker: 'candidate', text: answer, start: 9, end: 9 + secs },
    { speaker: 'recruiter', text: again.text, start: 10 + secs, end: 18 + secs, questionId: again.id },
    { speaker: 'candidate', text: answer, start: 19 + secs, end: 19 + 2 * secs },
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

describe('scoreInterview completeness and feedback', () => {
  const [own, conflict] = ANSWER_PAIRS;
  const plan: InterviewPlan = { version: 1, questions: [own!.question, conflict!.question], requiredSkills: [] };

  it('marks an interview with one answer incomplete and does not score it', () => {
    const turns = makeTurns([
      { speaker: 'recruiter', text: own!.question.text, start: 0, end: 6, questionId: own!.question.id },
      { speaker: 'candidate', text: own!.strong, start: 7, end: 60 },
    ]);
    const r = scoreInterview({ plan, turns, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.status).toBe('incomplete');
    expect(r.overall).toBe(0);
    expect(Report.parse(r)).toEqual(r);
    const both = scoreInterview({
      plan,
      turns: [...turns, ...makeTurns([{ speaker: 'recruiter', text: conflict!.question.text, start: 61, end: 66, questionId: conflict!.question.id }, { speaker: 'candidate', text: conflict!.strong, start: 67, end: 120 }])].map((t, i) => ({ ...t, sequence: i, turnId: `t${i}`, id: `t${i}` })),
      questionStatuses: [],
      role: 'x',
      requiredSkills: [],
    });
    expect(both.status).toBe('scored');
    expect(both.overall).toBeGreaterThan(50);
  });

  it('reads reports stored before the status field as scored', () => {
    const r = scoreInterview({ plan, turns: [], questionStatuses: [], role: 'x', requiredSkills: [] });
    const { status: _status, ...old } = r;
    expect(Report.parse(old).status).toBe('scored');
  });

  it('does not count a question as asked because another question starts with the same words', () => {
    const a = { ...own!.question, id: 'q2', text: 'Tell me about the most demanding thing you have built with Go, and your part in it.' };
    const b = { ...own!.question, id: 'q6', text: 'Tell me about the most demanding thing you have built with PostgreSQL and how it held up.' };
    const twin: InterviewPlan = { version: 1, questions: [a, b], requiredSkills: [] };
    const turns = makeTurns([
      { speaker: 'recruiter', text: a.text, start: 0, end: 6, questionId: 'q2' },
      { speaker: 'candidate', text: own!.strong, start: 7, end: 60 },
    ]);
    const r = scoreInterview({ plan: twin, turns, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.questions.map((q) => [q.questionId, q.status])).toEqual([
      ['q2', 'answered'],
      ['q6', 'not_asked'],
    ]);
    // Untagged turns: the whole question text decides, and a shared opening alone decides nothing.
    const bare = turns.map((t) => ({ ...t, questionId: null }));
    const r2 = scoreInterview({ plan: twin, turns: bare, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r2.questions.map((q) => [q.questionId, q.status])).toEqual([
      ['q2', 'answered'],
      ['q6', 'not_asked'],
    ]);
  });

  it('names each skipped question in its own improvement line', () => {
    const turns = makeTurns([
      { speaker: 'recruiter', text: own!.question.text, start: 0, end: 6, questionId: own!.question.id },
      { speaker: 'recruiter', text: conflict!.question.text, start: 7, end: 12, questionId: conflict!.question.id },
    ]);
    const r = scoreInterview({ plan, turns, questionStatuses: [], role: 'x', requiredSkills: [] });
    const skipped = r.improvements.filter((n) => /skipped/.test(n.text)).map((n) => n.text);
    expect(skipped).toHaveLength(2);
    expect(new Set(skipped).size).toBe(2);
  });

  it('names the question each improvement is about', () => {
    const turns = makeTurns([
      { speaker: 'recruiter', text: own!.question.text, start: 0, end: 6, questionId: own!.question.id },
      { speaker: 'candidate', text: own!.weak, start: 7, end: 20 },
      { speaker: 'recruiter', text: conflict!.question.text, start: 21, end: 26, questionId: conflict!.question.id },
      { speaker: 'candidate', text: conflict!.weak, start: 27, end: 40 },
    ]);
    const r = scoreInterview({ plan, turns, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.improvements.length).toBeGreaterThan(0);
    for (const n of r.improvements) expect(n.text).toMatch(/^On the question about (ownership|conflict)/);
  });

  it('uses the speech metrics’ filler count in the clarity reason, and counts none in typed answers', () => {
    const filler = 'Um, so, at my last job, um, I rebuilt the release process, you know, and we cut failed deploys from twelve a month to two, which, um, saved a lot of evenings for the team and me.';
    const voice = makeTurns([
      { speaker: 'recruiter', text: own!.question.text, start: 0, end: 6, questionId: own!.question.id },
      { speaker: 'candidate', text: filler, start: 7, end: 30 },
      { speaker: 'recruiter', text: conflict!.question.text, start: 31, end: 36, questionId: conflict!.question.id },
      { speaker: 'candidate', text: conflict!.strong, start: 37, end: 90 },
    ]);
    const r = scoreInterview({ plan, turns: voice, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.speech.fillerCount).toBe(4);
    expect(r.dimensions.find((d) => d.key === 'clarity')!.reason).toContain('4 filler words');
    const typed = scoreInterview({ plan, turns: voice.map((t) => ({ ...t, source: 'typed' as const })), questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(typed.speech.fillerCount).toBe(0);
    expect(typed.dimensions.find((d) => d.key === 'clarity')!.reason).not.toMatch(/filler/);
  });
});

describe('detectStar and answer features', () => {
  it('recognises a situation stated as such, and habitual talk as no action or result', () => {
    expect(detectStar('The situation was that our release process kept failing.').situation).toBe(true);
    expect(detectStar('I usually fix it and it normally goes fine in the end.')).toEqual({ situation: false, task: false, action: false, result: false });
    const story = detectStar('Last March the checkout was slow. My task was to fix it. I profiled the page and split the bundle. Load time fell from 8 to 2 seconds.');
    expect(story).toEqual({ situation: true, task: true, action: true, result: true });
  });

  it('reads a task someone else had to carry out and a result that lasted', () => {
    expect(detectStar('I needed her to take them, but I did not want to force her.').task).toBe(true);
    expect(detectStar('It was on me to get the orders out for the 6 am trucks.').task).toBe(true);
    expect(detectStar('We have had no overtime errors since.').result).toBe(true);
    expect(detectStar('After that she took them every evening without a fuss.').result).toBe(true);
    // Said as a habit, it is still no result.
    expect(detectStar('I would usually check it and there are no errors since.').result).toBe(false);
  });

  it('does not ask to quantify an outcome that already has numbers', () => {
    const q = { ...own().question };
    const answer = 'At Acme in 2022 our checkout took eight seconds to load. My job was to fix it. I profiled it and deferred three scripts. Load time dropped to 2.1 seconds and conversion rose by 12% that month, so the team kept the change.';
    const plan: InterviewPlan = { version: 1, questions: [q, { ...q, id: 'q1b', text: `Again: ${q.text}` }], requiredSkills: [] };
    const turns = makeTurns([
      { speaker: 'recruiter', text: q.text, start: 0, end: 6, questionId: q.id },
      { speaker: 'candidate', text: answer, start: 7, end: 40 },
      { speaker: 'recruiter', text: `Again: ${q.text}`, start: 41, end: 46, questionId: 'q1b' },
      { speaker: 'candidate', text: answer, start: 47, end: 80 },
    ]);
    const r = scoreInterview({ plan, turns, questionStatuses: [], role: 'x', requiredSkills: [] });
    expect(r.improvements.map((n) => n.text).join(' ')).not.toMatch(/Quantify/);
  });

  it('judges length against the question and does not call a full story too short', () => {
    expect(expectedWords({ text: 'Tell me about a time you led a team.' })[0]).toBeGreaterThan(expectedWords({ text: 'Why this company?' })[0]);
    const long = `${own().strong} ${own().strong}`.split(' ').slice(0, 137).join(' ');
    expect(scoreAnswer(own().question, long, [])).toBeGreaterThan(0.5);
  });
});

function own() {
  return ANSWER_PAIRS[0]!;
}
