/**
 * Conduct of the rule interviewer (issue 13): follow-ups never repeated, acknowledgements that vary
 * and refer to the answer, "any questions for me?" before the goodbye, the disclosure protected
 * from early speech, and a question that was cut off asked again. The brain runs on a fake clock;
 * the session is a recording fake where the wiring is what is tested.
 */
import { describe, expect, it } from 'vitest';
import { llm, type voice } from '@livekit/agents';
import type { InterviewPlan, InterviewStyle } from '@mockroom/core';
import { InterviewBrain, heardShare } from './brain.js';
import { makeContext, STRONG_BEHAVIOURAL_ANSWER, STRONG_ROLE_ANSWER, STRONG_TECHNICAL_ANSWER, TEST_PLAN } from './fixtures.js';
import { PlanTracker } from './plan-tracker.js';
import { RuleInterviewer } from './rule-interviewer.js';
import { RuleInterviewerLLM } from './rule-llm.js';

const [Q1, Q2, Q3] = TEST_PLAN.questions.map((q) => q.text) as [string, string, string];

function brainFor(plan: InterviewPlan = TEST_PLAN, clock = { now: 1_000_000 }) {
  const tracker = new PlanTracker(plan, () => clock.now);
  return new InterviewBrain({ candidateName: 'Ada Lovelace', company: 'Acme', role: 'Backend Engineer', timeBoxMs: 900_000, tracker });
}

/** Four behavioural questions, so the same follow-up reason comes up again and again. */
const BEHAVIOURAL_PLAN: InterviewPlan = {
  version: 1,
  requiredSkills: ['kubernetes'],
  questions: ['conflict', 'failure', 'deadline', 'feedback'].map((c, i) => ({
    id: `q${i + 1}`,
    kind: 'behavioural' as const,
    competency: c,
    text: `Tell me about a time you handled ${c} at work.`,
    strongAnswer: [],
    followUps: [],
    keywords: [c, 'rollback', 'kubernetes'],
  })),
};

// Long enough, but general: no example, so every answer earns the no-example follow-up.
const VAGUE = 'I generally think it matters a great deal and I always try to be the kind of person who stays calm and helps.';
const VAGUE_SKILL = 'I generally think kubernetes matters a great deal and I always try to be the kind of person who helps with kubernetes.';

describe('follow-ups', () => {
  it('never asks the same follow-up twice in one interview', () => {
    const brain = brainFor(BEHAVIOURAL_PLAN);
    brain.proactive();
    const followUps: string[] = [];
    for (let i = 0; i < 12 && !brain.ended; i++) {
      const r = brain.respond(i % 3 === 2 ? STRONG_BEHAVIOURAL_ANSWER : VAGUE);
      if (r.kind === 'follow_up') followUps.push(r.sentences.join(' '));
    }
    expect(followUps.length).toBeGreaterThanOrEqual(6);
    expect(new Set(followUps).size).toBe(followUps.length);
    expect(followUps.filter((f) => f.includes('Can you give me a concrete example')).length).toBe(1);
  });

  it('says "You mentioned" a skill once in an interview, then asks about depth in other words', () => {
    const brain = brainFor(BEHAVIOURAL_PLAN);
    brain.proactive();
    const spoken: string[] = [];
    for (let i = 0; i < 6; i++) spoken.push(brain.respond(VAGUE_SKILL).sentences.join(' '));
    const all = spoken.join(' ');
    expect(all.match(/You mentioned kubernetes/g)?.length).toBe(1);
    expect(all.match(/trade-offs did you weigh/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('moves on rather than repeat itself once a reason has no unused follow-up left', () => {
    const brain = brainFor(BEHAVIOURAL_PLAN);
    brain.proactive();
    const seen = new Set<string>();
    for (let i = 0; i < 20 && !brain.ended; i++) {
      const r = brain.respond(VAGUE);
      if (r.kind !== 'follow_up') continue;
      const text = r.sentences.join(' ');
      expect(seen.has(text)).toBe(false);
      seen.add(text);
    }
    expect(brain.questionStatuses().every((q) => q.status === 'insufficient')).toBe(true);
  });
});

describe('acknowledgements', () => {
  it('vary from answer to answer and name what the candidate talked about', () => {
    const brain = brainFor(BEHAVIOURAL_PLAN);
    brain.proactive();
    const acks: string[] = [];
    const answers = [
      'At my last job a conflict about a risky rollback came up and I set up a meeting with both leads. As a result we shipped on time.',
      'At my last job a failure in a kubernetes upgrade took the site down because a probe was misconfigured. I rolled it back, and the result was a 40 percent drop in incidents.',
      'At my last job we had a tight deadline, so I split the work and we delivered the release two days early, which led to a new client.',
    ];
    for (const a of answers) acks.push(brain.respond(a).sentences[0]!);
    expect(new Set(acks).size).toBe(acks.length);
    expect(acks[0]).toMatch(/conflict|rollback/);
    expect(acks[1]).toMatch(/failure|Kubernetes|40 percent/);
    for (const a of acks) expect(a).not.toMatch(/Thank you, that was a clear answer/);
  });

  it('never praises an answer that stayed weak or evasive', () => {
    const brain = brainFor(TEST_PLAN);
    brain.proactive();
    // The issue's own example: a platitude, twice followed up, then the recruiter moves on.
    brain.respond('Mentoring is good, I think everyone should do it.');
    brain.respond('It is just good for people.');
    const moveOn = brain.respond('Yes, it is good.');
    expect(moveOn.kind).toBe('question');
    expect(moveOn.sentences.at(-1)).toBe(Q2);
    expect(moveOn.sentences[0]).not.toMatch(/clear|great|good example|useful|helps/i);
    expect(brain.questionStatuses()[0]!.status).toBe('insufficient');
  });

  it('says "Good question" only when the candidate asked one', () => {
    const brain = brainFor(TEST_PLAN);
    brain.proactive();
    // The start of an answer, however short, is not a question.
    const answer = brain.respond('What I did was take over the build.');
    expect(answer.kind).toBe('follow_up');
    expect(answer.sentences.join(' ')).not.toMatch(/Good question/);
    const statement = brain.respond('Is there a dress code');
    expect(statement.kind).toBe('answer_question');
    expect(statement.sentences.join(' ')).not.toMatch(/Good question/);
    const asked = brain.respond('Is there a dress code?');
    expect(asked.sentences.join(' ')).toMatch(/Good question/);
  });
});

describe('the end of the interview', () => {
  function throughThePlan() {
    const brain = brainFor(TEST_PLAN);
    brain.proactive();
    brain.respond(STRONG_BEHAVIOURAL_ANSWER);
    brain.respond(STRONG_TECHNICAL_ANSWER);
    const last = brain.respond(STRONG_ROLE_ANSWER);
    return { brain, last };
  }

  it('asks "Do you have any questions for me?" before the goodbye', () => {
    const { brain, last } = throughThePlan();
    expect(last.kind).toBe('invite_questions');
    expect(last.sentences.at(-1)).toBe('Do you have any questions for me?');
    expect(last.sentences.join(' ')).not.toMatch(/Goodbye/);
    expect(last.end).toBeNull();
    expect(brain.ended).toBeNull();
  });

  it('answers the candidate’s question briefly, then closes', () => {
    const { brain } = throughThePlan();
    const r = brain.respond('What happens next?');
    expect(r.kind).toBe('closing');
    expect(r.end).toBe('completed');
    expect(r.sentences[0]).toMatch(/report/);
    expect(r.sentences.at(-1)).toMatch(/Goodbye\.$/);
    expect(r.sentences.length).toBe(2);
    expect(brain.questionStatuses().map((q) => q.status)).toEqual(['answered', 'answered', 'answered']);
  });

  it('waits once for a question announced with "yes", and says goodbye after "no, thanks" or silence', () => {
    const a = throughThePlan().brain;
    expect(a.respond('Yes.').sentences).toEqual(['Go ahead.']);
    expect(a.respond('Will I get feedback on my answers?').end).toBe('completed');
    const b = throughThePlan().brain;
    expect(b.respond('No, thank you, that is all.').sentences.join(' ')).toMatch(/^Alright\. Thank you for your time, Ada\./);
    const c = throughThePlan().brain;
    expect(c.proactive().end).toBe('completed');
  });

  it('says goodbye at once when the time box runs out while inviting questions (the plan was complete)', () => {
    const { brain } = throughThePlan();
    brain.requestWrapUp();
    const r = brain.proactive();
    expect(r.end).toBe('completed');
    expect(r.sentences.at(-1)).toMatch(/Goodbye\.$/);
  });
});

describe('the opening', () => {
  it('speaks the disclosure on its own, then asks the first question', () => {
    const brain = brainFor();
    const intro = brain.introduction().join(' ');
    expect(intro).toMatch(/^Hi Ada, I'm an AI recruiter, and this is a practice interview/);
    expect(intro).not.toContain(Q1);
    const first = brain.proactive();
    expect(first.kind).toBe('question');
    expect(first.sentences).toEqual([Q1]);
    expect(first.questionId).toBe('q1');
  });

  it('keeps the disclosure short: who is speaking first, then only the plan size and time', () => {
    const intro = brainFor().introduction();
    expect(intro).toEqual(["Hi Ada, I'm an AI recruiter, and this is a practice interview for the Backend Engineer role at Acme.", '3 questions, about 15 minutes.']);
  });

  it('does not take speech before the first question as its answer', () => {
    const brain = brainFor();
    brain.introduction();
    const early = brain.respond('Hello? Can you hear me? I built a big system at my last job and it went great.');
    expect(early.kind).toBe('question');
    expect(early.sentences.at(-1)).toBe(Q1);
    expect(brain.tracker.progressOf(0).answerText).toBe('');
    expect(brain.questionStatuses()[0]!.status).toBe('interrupted');
    // The real answer, after the question was heard, counts.
    expect(brain.respond(STRONG_BEHAVIOURAL_ANSWER, Q1).sentences.at(-1)).toBe(Q2);
    expect(brain.questionStatuses()[0]!.status).toBe('answered');
  });

  it('is said by the session before any reply, uninterruptible, then the first question is generated', () => {
    const calls: string[] = [];
    const session = {
      say: (text: string, opts: { allowInterruptions?: boolean }) => calls.push(`say(${opts.allowInterruptions}): ${text}`),
      generateReply: () => calls.push('generateReply'),
    } as unknown as voice.AgentSession;
    const interviewer = new RuleInterviewer(makeContext(), new PlanTracker(TEST_PLAN));
    interviewer.open(session);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^say\(false\): Hi Ada, I'm an AI recruiter/);
    expect(calls[1]).toBe('generateReply');
    expect(interviewer.brain.proactive().sentences).toEqual([Q1]);
  });

  it('names the chosen style in the greeting and presses for examples when it is challenging', () => {
    const style: InterviewStyle = 'challenging';
    const brain = brainFor({ ...TEST_PLAN, style });
    expect(brain.proactive().sentences.join(' ')).toMatch(/press for specifics/);
    brain.respond(STRONG_BEHAVIOURAL_ANSWER);
    // A technical answer with no example of the candidate's own is followed up for one.
    const r = brain.respond(STRONG_TECHNICAL_ANSWER);
    expect(r.kind).toBe('follow_up');
    expect(r.followUpReason).toBe('no_example');
  });
});

describe('a question cut off by the candidate', () => {
  it('is asked again and not scored as answered when only part of it was heard', () => {
    const brain = brainFor();
    brain.proactive();
    const next = brain.respond(STRONG_BEHAVIOURAL_ANSWER, Q1);
    expect(next.sentences.at(-1)).toBe(Q2);
    // The candidate spoke over the first words of question two.
    const over = brain.respond('Sorry, I also wanted to add that the team was happy.', `${next.sentences[0]} How would you`);
    expect(over.kind).toBe('repeat');
    expect(over.sentences).toEqual(['Sorry, let me finish the question.', Q2]);
    expect(brain.tracker.progressOf(1).answerText).toBe('');
    expect(brain.questionStatuses()[1]!.status).toBe('interrupted');
    const answered = brain.respond(STRONG_TECHNICAL_ANSWER, over.sentences.join(' '));
    expect(answered.sentences.at(-1)).toBe(Q3);
    expect(brain.questionStatuses()[1]!.status).toBe('answered');
  });

  it('is asked again when its reply never played at all', () => {
    const brain = brainFor();
    brain.proactive();
    brain.respond(STRONG_BEHAVIOURAL_ANSWER, Q1);
    const r = brain.respond(STRONG_TECHNICAL_ANSWER, '');
    expect(r.sentences.at(-1)).toBe(Q2);
    expect(brain.questionStatuses()[1]!.status).toBe('interrupted');
  });

  it('still answers a question the candidate asked over it, and then asks it in full', () => {
    const brain = brainFor();
    brain.proactive();
    const r = brain.respond('How much time do we have?', "Hi Ada, I'm an AI");
    expect(r.kind).toBe('answer_question');
    expect(r.sentences.at(-1)).toBe(Q1);
  });

  it('is read from the session: an interrupted recruiter message holds only what was played', () => {
    const brain = brainFor();
    const rule = new RuleInterviewerLLM(brain);
    const ctx = llm.ChatContext.empty();
    const greeting = brain.proactive();
    ctx.addMessage({ role: 'assistant', content: `${greeting.sentences.slice(0, -1).join(' ')} Tell me about a time`, interrupted: true });
    ctx.addMessage({ role: 'user', content: 'Oh sorry, go on, I thought you had finished talking there.' });
    const reply = rule.decide(ctx);
    expect(reply.kind).toBe('repeat');
    expect(reply.sentences.at(-1)).toBe(Q1);
    ctx.addMessage({ role: 'assistant', content: reply.sentences.join(' ') });
    ctx.addMessage({ role: 'user', content: STRONG_BEHAVIOURAL_ANSWER });
    expect(rule.decide(ctx).sentences.at(-1)).toBe(Q2);
    expect(brain.questionStatuses()[0]!.status).toBe('answered');
  });

  it('counts as heard when nearly all of it was played', () => {
    expect(heardShare('one two three four five six seven eight nine ten', 'Thanks. one two three four five six seven eight nine')).toBe(0.9);
    expect(heardShare('one two three four five', 'something else')).toBe(0);
  });
});

describe('what the recruiter expects to say next (synthesis ahead)', () => {
  it('predicts the opening, then the first question, then the next question, without changing the replies', () => {
    const brain = brainFor();
    const twin = brainFor();
    const opening = brain.upcomingSentences();
    expect(opening[0]).toMatch(/^Hi Ada, I'm an AI recruiter/);
    expect(opening.at(-1)).toBe(Q1);
    expect(brain.introduction()).toEqual(twin.introduction());
    expect(brain.upcomingSentences()).toEqual([Q1]);
    expect(brain.proactive()).toEqual(twin.proactive());
    const expected = brain.upcomingSentences();
    expect(expected[0]).toBe(Q2);
    const reply = brain.respond(STRONG_BEHAVIOURAL_ANSWER, Q1);
    expect(reply).toEqual(twin.respond(STRONG_BEHAVIOURAL_ANSWER, Q1));
    expect(reply.sentences.at(-1)).toBe(Q2);
    expect(brain.upcomingSentences()[0]).toBe(Q3);
  });

  it('predicts the acknowledgement a plain strong answer gets', () => {
    const brain = brainFor();
    brain.introduction();
    brain.proactive();
    brain.respond(STRONG_BEHAVIOURAL_ANSWER, Q1);
    const expected = brain.upcomingSentences();
    // No plan keyword or percentage in it: the plain acknowledgement, then the next question.
    const reply = brain.respond(
      'I would put a token bucket in front of each API key, because it allows short bursts while the average stays fixed, and I did exactly that for our public API last year.',
      Q2,
    );
    expect(reply.kind).toBe('question');
    expect(reply.sentences).toEqual([expected[1], Q3]);
    expect(expected[0]).toBe(Q3);
  });

  it('expects nothing once the call has ended', () => {
    const brain = brainFor();
    brain.markEnded('candidate_left');
    expect(brain.upcomingSentences()).toEqual([]);
  });
});
