/**
 * The rule-based interviewer's state machine: greeting, one planned question at a time,
 * follow-ups by rule (at most two per question, never the same one twice in an interview),
 * acknowledgements that vary and refer to the answer, repeats, brief candidate questions,
 * patience for "let me think", a polite cut-in on rambling, a question that was cut off asked
 * again, the time box, "any questions for me?" and the close.
 *
 * Pure logic over a PlanTracker (which holds the clock), so conduct is unit-testable without a
 * session. Every sentence it speaks comes from the plan, the interview context or fixed templates:
 * candidate text is classified, never echoed as such, so it cannot change the recruiter's rules or
 * persona. An acknowledgement names a topic of the answer only as one of the plan's own keywords or
 * skills that the candidate said (or a percentage they gave), so what is spoken back is a word the
 * plan already holds.
 */
import type { EndReason, InterviewPlan, InterviewStyle, PlanQuestion, QuestionStatus, TurnRecord } from '@mockroom/core';
import { spokenSkill } from '@mockroom/core/plan-builder';
import { MAX_FOLLOW_UPS, PlanTracker } from './plan-tracker.js';
import {
  classifyCandidateQuestion,
  hasConcreteExample,
  hasOutcome,
  isCandidateQuestion,
  isInjectionAttempt,
  isRambling,
  isRepeatRequest,
  isSkipRequest,
  isNoMoreQuestions,
  isThinking,
  skillsWithoutDepth,
  toWords,
  SHORT_ANSWER_WORDS,
} from './rules.js';

export { MAX_FOLLOW_UPS };
/** Don't start a new question with less than this left in the time box; wrap up instead. */
export const WRAP_UP_MARGIN_MS = 45_000;
/** Unanswered check-ins before the recruiter decides the candidate has gone. */
export const MAX_NUDGES = 3;

export type FollowUpReason = 'short' | 'no_example' | 'no_outcome' | 'skill_depth';

export type ReplyKind =
  | 'greeting'
  | 'resume'
  | 'question'
  | 'follow_up'
  | 'repeat'
  | 'thinking'
  | 'answer_question'
  | 'redirect'
  | 'cut_in'
  | 'nudge'
  | 'wrap_up'
  | 'invite_questions'
  | 'closing'
  | 'none';

export interface InterviewerReply {
  kind: ReplyKind;
  /** Spoken in order; the first is synthesised first. */
  sentences: string[];
  /** The planned question this reply asks or follows up on, when any. */
  questionId: string | null;
  followUpReason: FollowUpReason | null;
  /** Set when this reply closes the interview. */
  end: EndReason | null;
}

export interface InterviewBrainOptions {
  candidateName: string;
  company: string;
  role: string;
  timeBoxMs: number;
  /** The plan and its progress; the brain is one of the interviewers that drive it. */
  tracker: PlanTracker;
}

/**
 * Follow-ups by reason, in the order they are used. Each is said at most once per interview (the
 * planned follow-ups of a question come first for a short answer); when a reason has none left, the
 * recruiter moves on instead of asking the same thing again.
 */
const FOLLOW_UPS: Record<FollowUpReason, string[]> = {
  short: [
    'Could you tell me a bit more about that?',
    'Can you walk me through it in a little more detail?',
    'What was your own part in it, step by step?',
    'What happened after that?',
  ],
  no_example: [
    'Can you give me a concrete example from your own experience?',
    'Could you describe one specific time when that happened?',
    'Is there a particular situation you could walk me through?',
    'Think of one real case: what was going on, and what did you do?',
  ],
  no_outcome: [
    'What was the outcome, and how did you know it worked?',
    'How did it turn out in the end?',
    'What changed as a result of what you did?',
    'What was the result, ideally with a number or a concrete consequence?',
  ],
  skill_depth: [
    'How exactly did you use that, and what trade-offs did you weigh?',
    'What did you do with it yourself, and why that way?',
    'Which decisions did you make there, and what did you weigh up?',
  ],
};

/** Acknowledgements of an answer that needed nothing more: {topic} is a plan keyword the candidate said. */
const STRONG_ACKS_WITH_TOPIC: Record<InterviewStyle, string[]> = {
  supportive: [
    'Thank you, that was a really useful example, especially the part about {topic}.',
    "That's great detail on {topic}, thank you.",
    'I enjoyed hearing how {topic} came into it. Thank you.',
  ],
  neutral: [
    'Thank you. The detail about {topic} helps.',
    "Thanks, it's useful to hear how {topic} played into it.",
    'Good, that gives me a clear picture of your work on {topic}.',
  ],
  challenging: ['Noted, on {topic}.', 'Understood. That covers {topic}.', 'Okay, that answers it for {topic}.'],
};
const STRONG_ACKS: Record<InterviewStyle, string[]> = {
  supportive: ['Thank you, that was a clear answer.', 'That was a good example, thank you.', 'Thanks for walking me through that so clearly.'],
  neutral: ['Thank you, that was a clear answer.', 'Thanks for walking me through that.', 'That gives me a good picture, thank you.', 'Thank you, that helps.'],
  challenging: ['Noted.', 'Understood.', 'Okay, that answers it.'],
};
/** After an answer that stayed thin, vague or evasive: neutral, never praise. */
const WEAK_ACKS = ["Thank you, let's move on.", 'Okay, thanks.', "Alright, noted. Let's keep going.", "Thanks. Let's go to the next one."];
/** Plan keywords too generic to name back ("the part about experience"). */
const GENERIC_TOPICS = new Set([
  'experience', 'role', 'team', 'worked', 'years', 'interested', 'background', 'first', 'learn', 'similar', 'plan', 'project',
  'result', 'data', 'users', 'goals', 'success', 'priorities', 'measure', 'decision', 'outcome', 'process', 'design',
]);
const STYLE_SENTENCE: Record<InterviewStyle, string> = {
  supportive: 'There are no wrong answers here.',
  neutral: '',
  challenging: "I'll press for specifics.",
};
/** A spoken prompt counts as heard when this share of its words reached the candidate. */
const HEARD_SHARE = 0.9;

/** Spoken form of a name: the first word, letters only, so a name field cannot carry a script. */
export function toSpokenName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const letters = first.replace(/[^\p{L}'-]/gu, '').slice(0, 40);
  return letters.length > 0 ? letters : 'there';
}

function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

export class InterviewBrain {
  readonly plan: InterviewPlan;
  readonly tracker: PlanTracker;
  private readonly opts: InterviewBrainOptions;
  /** A resumed call not yet re-opened: the next proactive reply is "welcome back". */
  private resumed = false;
  private lastPrompt: string[] = [];
  private nudges = 0;
  private wrapUpRequested = false;
  private cutInRequested = false;
  /** The disclosure was spoken on its own (introduction()); the first question is still to ask. */
  private firstQuestionDue = false;
  /** The prompt last asked, until a candidate turn shows it was heard in full. */
  private pendingPrompt: string | null = null;
  /** Follow-ups said in this interview, so none is said twice. */
  private readonly usedFollowUps = new Set<string>();
  /** Skills already probed with "You mentioned …". */
  private readonly probedSkills = new Set<string>();
  private readonly usedAcks = new Set<string>();
  private lastAck: string | null = null;
  /** The plan is done and the candidate was asked for their questions. */
  private invitedQuestions = false;
  private invitedGoAhead = false;

  constructor(opts: InterviewBrainOptions) {
    this.opts = opts;
    this.tracker = opts.tracker;
    this.plan = opts.tracker.plan;
  }

  get ended(): EndReason | null {
    return this.tracker.ended;
  }

  get currentQuestion(): PlanQuestion | null {
    return this.tracker.currentQuestion;
  }

  /** The planned question a candidate turn committed now answers. */
  get currentQuestionId(): string | null {
    return this.tracker.currentQuestionId;
  }

  get elapsedMs(): number {
    return this.tracker.elapsedMs;
  }

  private get started(): boolean {
    return this.tracker.started;
  }

  private get index(): number {
    return this.tracker.index;
  }

  private get endReason(): EndReason | null {
    return this.tracker.ended;
  }

  /** Ask for the wrap-up on the next reply (the time box timer calls this). */
  requestWrapUp(): void {
    this.wrapUpRequested = true;
  }

  /** The next answer is cut short politely (the framework's user-turn limit fired). */
  requestCutIn(): void {
    this.cutInRequested = true;
  }

  /** Mark the call as over for a reason outside the conversation (candidate left, error). */
  markEnded(reason: EndReason): void {
    this.tracker.end(reason);
  }

  /**
   * Rebuilds progress from turns already stored (see PlanTracker.resumeFrom); the next opening
   * welcomes the candidate back and repeats the question they were on.
   */
  resumeFrom(turns: readonly TurnRecord[]): void {
    if (!this.tracker.resumeFrom(turns)) return;
    this.resumed = true;
    const q = this.plan.questions[this.index];
    this.lastPrompt = q ? [q.text] : [];
  }

  /**
   * The candidate came back to the room after leaving it (reload, network loss): the next
   * proactive reply welcomes them back and repeats the open question. Before the greeting there is
   * nothing to repeat, so the greeting stands.
   */
  candidateReturned(): void {
    if (!this.started || this.endReason) return;
    this.resumed = true;
    this.nudges = 0;
  }

  /** A reply when nothing new was said: the opening, a resumed opening, a wrap-up, or a check-in. */
  proactive(): InterviewerReply {
    if (this.endReason) return this.reply('none', [], null);
    if (!this.started) return this.greet();
    if (this.firstQuestionDue) return this.askFirstQuestion([]);
    if (this.invitedQuestions) return this.farewell('closing', 'completed', ['Alright.'], 'Thank you for your time');
    if (this.resumed) {
      this.resumed = false;
      const name = toSpokenName(this.opts.candidateName);
      return this.reply('resume', [`Welcome back, ${name}. Let's pick up where we left off.`, ...this.lastPrompt], this.currentQuestionId);
    }
    if (this.wrapUpRequested || this.timeIsUp(0)) return this.wrapUp();
    this.nudges += 1;
    if (this.nudges >= MAX_NUDGES) {
      this.tracker.end('candidate_left');
      return this.reply(
        'closing',
        [
          "It seems you may have stepped away, so we'll stop here for now.",
          'You can start a new practice interview whenever you like. Goodbye.',
        ],
        null,
        'candidate_left',
      );
    }
    if (this.nudges === 1) {
      return this.reply('nudge', ['Take your time.', 'Would you like me to repeat the question?'], this.currentQuestionId);
    }
    return this.reply('nudge', ['Let me repeat the question.', ...this.lastPrompt], this.currentQuestionId);
  }

  /**
   * The opening disclosure on its own, for a session that speaks it without interruption before
   * the first question (RuleInterviewer.open); the next proactive reply asks the first question.
   */
  introduction(): string[] {
    this.tracker.start();
    this.firstQuestionDue = true;
    return this.introSentences();
  }

  /**
   * What the recruiter will most likely say next, most likely first, for synthesis ahead
   * (docs/decisions/022-speech-ahead-and-short-greeting.md): before the call the opening, then the next planned
   * question with the acknowledgement that would lead into it. Only predicts; changes nothing.
   * A follow-up or an acknowledgement naming the answer's topic is not predicted.
   */
  upcomingSentences(): string[] {
    if (this.endReason) return [];
    const first = this.plan.questions[0];
    if (!this.started) return [...this.introSentences(), ...(first ? [first.text] : [])];
    if (this.firstQuestionDue) return first ? [first.text] : [];
    if (this.invitedQuestions || this.resumed) return [];
    const next = this.plan.questions[this.index + 1];
    if (!next) return [];
    return [next.text, this.peekAck(STRONG_ACKS[this.style]), this.peekAck(WEAK_ACKS)];
  }

  /**
   * The reply to one committed candidate turn. `spoken` is what the recruiter was heard saying
   * since the candidate's previous turn (the session's assistant messages, cut short where the
   * candidate interrupted); when given, a prompt not heard in full is asked again, and what the
   * candidate said over it is not taken as the answer.
   */
  respond(text: string, spoken?: string): InterviewerReply {
    if (this.endReason) {
      return this.reply('none', [], null);
    }
    if (!this.started) return this.greet();
    this.nudges = 0;
    this.resumed = false;
    const trimmed = text.trim();
    // Said before the first question was asked (typed during the disclosure): not its answer.
    if (this.firstQuestionDue) return this.askFirstQuestion([]);
    if (this.invitedQuestions) return this.answerClosingQuestion(trimmed);
    const q = this.plan.questions[this.index]!;
    const p = this.tracker.progressOf(this.index);
    const heard = this.confirmHeard(spoken);

    if (trimmed.length === 0) return this.reply('none', [], q.id);
    if (isRepeatRequest(trimmed)) return this.prompt('repeat', ['Sure.', ...this.lastPrompt], q.id);
    if (!heard && !(isCandidateQuestion(trimmed) && !this.looksLikeAnswer(trimmed))) {
      // Talk over a question that had not been asked in full is not its answer: ask it again.
      return this.prompt('repeat', ['Sorry, let me finish the question.', ...this.lastPrompt], q.id);
    }
    if (isThinking(trimmed)) {
      return this.reply('thinking', ['Of course, take your time.'], q.id);
    }
    if (isInjectionAttempt(trimmed)) {
      p.followUps += 1;
      if (p.followUps > MAX_FOLLOW_UPS) {
        this.settle(this.index, 'insufficient');
        return this.advance(["I'll keep to the interview as planned, so let's move on."]);
      }
      return this.ask('redirect', ["I'll keep to the interview as planned.", 'So, back to the question.', q.text], q.id);
    }
    if (isSkipRequest(trimmed)) {
      this.settle(this.index, 'skipped');
      return this.advance(["That's fine, let's move on."]);
    }
    if (isCandidateQuestion(trimmed) && !this.looksLikeAnswer(trimmed)) {
      return this.prompt('answer_question', [...this.answerCandidateQuestion(trimmed), ...this.lastPrompt], q.id);
    }

    p.answerText = `${p.answerText} ${trimmed}`.trim();
    const cutIn = this.cutInRequested;
    this.cutInRequested = false;
    if (cutIn || isRambling(trimmed)) {
      this.settle(this.index, this.followUpReason(q, p.answerText) ? 'insufficient' : 'answered');
      return this.advance(
        ["Thank you, that's helpful.", 'Let me stop you there so we have time for everything.'],
        'cut_in',
      );
    }
    const reasons = this.followUpReasons(q, p.answerText);
    if (reasons.length > 0 && p.followUps < MAX_FOLLOW_UPS) {
      for (const reason of reasons) {
        const prompt = this.followUpText(q, reason);
        if (!prompt) continue;
        p.followUps += 1;
        return this.ask('follow_up', prompt, q.id, reason);
      }
    }
    const strong = reasons.length === 0;
    this.settle(this.index, strong ? 'answered' : 'insufficient');
    return this.advance([this.acknowledge(q, p.answerText, strong)]);
  }

  /** Status of every planned question, for the end-of-call record. */
  questionStatuses(): { questionId: string; status: QuestionStatus }[] {
    return this.tracker.questionStatuses();
  }

  private get style(): InterviewStyle {
    return this.plan.style ?? 'neutral';
  }

  private introSentences(): string[] {
    const name = toSpokenName(this.opts.candidateName);
    const count = this.plan.questions.length;
    // Short on purpose (issue 12: the old five sentences took 22–25 s of a 5-minute interview); the
    // disclosure stays the first sentence. Lengths measured by src/inference/measure-greeting.ts.
    return [
      `Hi ${name}, I'm an AI recruiter, and this is a practice interview for the ${this.opts.role} role at ${this.opts.company}.`,
      `${count} ${count === 1 ? 'question' : 'questions'}, ${minutesText(this.opts.timeBoxMs)}.`,
      ...(STYLE_SENTENCE[this.style] ? [STYLE_SENTENCE[this.style]] : []),
    ];
  }

  private greet(): InterviewerReply {
    this.tracker.start();
    const first = this.plan.questions[0]!;
    this.lastPrompt = [first.text];
    return this.prompt('greeting', [...this.introSentences(), first.text], first.id);
  }

  private askFirstQuestion(lead: string[]): InterviewerReply {
    this.firstQuestionDue = false;
    const first = this.plan.questions[0]!;
    this.lastPrompt = [first.text];
    return this.prompt('question', [...lead, first.text], first.id);
  }

  /** Whether the pending prompt reached the candidate; clears it when it did. */
  private confirmHeard(spoken: string | undefined): boolean {
    const pending = this.pendingPrompt;
    if (pending === null || spoken === undefined) {
      this.pendingPrompt = null;
      return true;
    }
    if (heardShare(pending, spoken) < HEARD_SHARE) return false;
    this.pendingPrompt = null;
    return true;
  }

  private advance(lead: string[], kind: ReplyKind = 'question'): InterviewerReply {
    const next = this.tracker.advance();
    if (!next) return this.close(lead);
    if (this.wrapUpRequested || this.timeIsUp(WRAP_UP_MARGIN_MS)) return this.wrapUp(lead);
    this.tracker.markAsked(this.index);
    return this.ask(kind, [...lead, next.text], next.id);
  }

  private ask(kind: ReplyKind, sentences: string[], questionId: string, reason: FollowUpReason | null = null): InterviewerReply {
    // What "repeat that" repeats: the question itself, without the acknowledgement before it.
    const question = sentences[sentences.length - 1]!;
    this.lastPrompt = [question];
    return this.prompt(kind, sentences, questionId, reason);
  }

  /** A reply that ends with the open prompt: it is pending until a turn shows it was heard. */
  private prompt(kind: ReplyKind, sentences: string[], questionId: string, reason: FollowUpReason | null = null): InterviewerReply {
    this.pendingPrompt = sentences[sentences.length - 1] ?? null;
    return this.reply(kind, sentences, questionId, null, reason);
  }

  /** The plan is done: the candidate may ask their own questions before the goodbye. */
  private close(lead: string[]): InterviewerReply {
    this.invitedQuestions = true;
    this.lastPrompt = ['Do you have any questions for me?'];
    return this.reply('invite_questions', [...lead, 'That was my last question.', 'Do you have any questions for me?'], null);
  }

  /** One brief answer to the candidate's closing question, then the goodbye. */
  private answerClosingQuestion(text: string): InterviewerReply {
    if (text.length === 0) return this.reply('none', [], null);
    if (isRepeatRequest(text)) return this.reply('repeat', ['Sure.', ...this.lastPrompt], null);
    if (isThinking(text)) return this.reply('thinking', ['Of course, take your time.'], null);
    if (!this.invitedGoAhead && /^(yes|yeah|yep|sure|i do|actually yes|yes i do|one question)[.!]?$/i.test(text)) {
      // "Yes." announces a question without asking it: once, the recruiter waits for it.
      this.invitedGoAhead = true;
      return this.reply('invite_questions', ['Go ahead.'], null);
    }
    let lead: string[];
    if (isNoMoreQuestions(text)) lead = ['Alright.'];
    else if (isCandidateQuestion(text) || text.endsWith('?')) lead = this.answerFinalQuestion(text);
    else lead = ['Thank you.'];
    return this.farewell('closing', 'completed', lead, 'Thank you for your time');
  }

  private answerFinalQuestion(text: string): string[] {
    switch (classifyCandidateQuestion(text)) {
      case 'next_steps':
        return ['Your feedback report will be ready a few minutes after we finish, with a score for each part of the rubric and quotes from your answers.'];
      case 'feedback':
        return ["You'll get a full assessment in the report, question by question, with what went well and what to practise."];
      case 'are_you_ai':
        return ["I'm an AI recruiter, and this was a practice interview."];
      case 'company_role':
        return [`We were practising for the ${this.opts.role} role at ${this.opts.company}.`];
      default:
        return ["That's a good one to ask in the real interview. As a practice recruiter, I can't speak for the company."];
    }
  }

  private wrapUp(lead: string[] = []): InterviewerReply {
    const current = this.index;
    const p = current < this.plan.questions.length ? this.tracker.progressOf(current) : null;
    if (p && p.asked && !p.status) {
      const q = this.plan.questions[current]!;
      this.settle(current, p.answerText ? (this.followUpReason(q, p.answerText) ? 'insufficient' : 'answered') : 'interrupted');
    }
    return this.farewell('wrap_up', 'time_box', [...lead, "We're out of time, so let's wrap up here."], 'Thank you');
  }

  /** Ends the interview with the candidate thanked by name and told what comes next. */
  private farewell(kind: ReplyKind, end: EndReason, lead: string[], thanks: string): InterviewerReply {
    this.tracker.end(end);
    const name = toSpokenName(this.opts.candidateName);
    return this.reply(kind, [...lead, `${thanks}, ${name}. Your feedback report will be ready shortly. Goodbye.`], null, end);
  }

  private settle(i: number, status: QuestionStatus): void {
    this.tracker.settle(i, status);
  }

  private timeIsUp(marginMs: number): boolean {
    return this.elapsedMs >= this.opts.timeBoxMs - marginMs;
  }

  /** A long turn that ends with a question mark is still an answer. */
  private looksLikeAnswer(text: string): boolean {
    return toWords(text).length >= SHORT_ANSWER_WORDS && (hasConcreteExample(text) || hasOutcome(text));
  }

  private followUpReason(q: PlanQuestion, answer: string): FollowUpReason | null {
    return this.followUpReasons(q, answer)[0] ?? null;
  }

  /** What the answer still lacks, most important first (empty: a complete answer). */
  private followUpReasons(q: PlanQuestion, answer: string): FollowUpReason[] {
    const reasons: FollowUpReason[] = [];
    if (toWords(answer).length < SHORT_ANSWER_WORDS) reasons.push('short');
    if (skillsWithoutDepth(answer, this.planSkills(q)).length > 0) reasons.push('skill_depth');
    // A demanding interviewer wants an example even for a technical question.
    if ((q.kind !== 'technical' || this.style === 'challenging') && !hasConcreteExample(answer)) reasons.push('no_example');
    if (q.kind === 'behavioural' && !hasOutcome(answer)) reasons.push('no_outcome');
    return reasons;
  }

  private planSkills(q: PlanQuestion): string[] {
    return [...new Set([...(q.skill ? [q.skill] : []), ...this.plan.requiredSkills])];
  }

  /** The next follow-up for this reason not yet said in the interview, or null when none is left. */
  private followUpText(q: PlanQuestion, reason: FollowUpReason): string[] | null {
    const pool = reason === 'short' ? [...q.followUps, ...FOLLOW_UPS.short] : FOLLOW_UPS[reason];
    const text = pool.find((t) => !this.usedFollowUps.has(normalised(t)));
    if (!text) return null;
    this.usedFollowUps.add(normalised(text));
    if (reason === 'skill_depth') {
      const answer = this.tracker.progressOf(this.index).answerText;
      const skill = skillsWithoutDepth(answer, this.planSkills(q)).find((s) => !this.probedSkills.has(s));
      if (skill) {
        this.probedSkills.add(skill);
        return [`You mentioned ${skill}.`, text];
      }
    }
    return [text];
  }

  /**
   * An acknowledgement that varies and refers to the answer: a plan keyword or skill the candidate
   * said, or a percentage they gave. A thin or evasive answer gets a neutral one, never praise.
   */
  private acknowledge(q: PlanQuestion, answer: string, strong: boolean): string {
    if (!strong) return this.pickAck(WEAK_ACKS);
    const percent = /\b(\d{1,3}(?:\.\d)?) ?(?:%|percent)/i.exec(answer)?.[1];
    const topic = this.answerTopic(q, answer) ?? (percent ? `the ${percent} percent` : null);
    const withTopic = topic ? STRONG_ACKS_WITH_TOPIC[this.style].filter((t) => !this.usedAcks.has(t)) : [];
    if (topic && withTopic.length > 0) {
      const template = withTopic[0]!;
      this.usedAcks.add(template);
      this.lastAck = template;
      return template.replace('{topic}', topic);
    }
    return this.pickAck(STRONG_ACKS[this.style]);
  }

  /** The acknowledgement pickAck would choose from this pool now, without choosing it. */
  private peekAck(pool: string[]): string {
    return pool.find((t) => !this.usedAcks.has(t)) ?? pool.find((t) => t !== this.lastAck) ?? pool[0]!;
  }

  /** The first acknowledgement of a pool not said yet; once all were said, a new round that does not start with the last one. */
  private pickAck(pool: string[]): string {
    let chosen = pool.find((t) => !this.usedAcks.has(t));
    if (!chosen) {
      for (const t of pool) this.usedAcks.delete(t);
      chosen = pool.find((t) => t !== this.lastAck) ?? pool[0]!;
    }
    this.usedAcks.add(chosen);
    this.lastAck = chosen;
    return chosen;
  }

  /** A specific plan keyword or skill the answer contains, in the candidate's own word. */
  private answerTopic(q: PlanQuestion, answer: string): string | null {
    const said = ` ${toWords(answer).join(' ')} `;
    const skills = new Set([...(q.skill ? [q.skill] : []), ...this.plan.requiredSkills]);
    const candidates = [...(q.skill ? [q.skill] : []), ...q.keywords, ...this.plan.requiredSkills];
    for (const c of candidates) {
      const words = toWords(c);
      if (words.length === 0 || GENERIC_TOPICS.has(words.join(' ')) || words.join('').length < 3) continue;
      // A skill is said the way the plan's questions say it ("TypeScript", "Node JS").
      if (said.includes(` ${words.join(' ')} `)) return skills.has(c) ? spokenSkill(c) : words.join(' ');
    }
    return null;
  }

  private answerCandidateQuestion(text: string): string[] {
    switch (classifyCandidateQuestion(text)) {
      case 'time_left': {
        const left = Math.max(0, this.opts.timeBoxMs - this.elapsedMs);
        return [`We have ${minutesText(left)} left.`];
      }
      case 'question_count': {
        const left = this.plan.questions.length - this.index;
        return [`This is question ${this.index + 1} of ${this.plan.questions.length}, so ${left} to go including this one.`];
      }
      case 'are_you_ai':
        return ["I'm an AI recruiter, and this is a practice interview."];
      case 'company_role':
        return [`We're practising for the ${this.opts.role} role at ${this.opts.company}.`];
      case 'clarify': {
        const q = this.plan.questions[this.index]!;
        const signal = q.strongAnswer[0];
        return signal
          ? [`I'm looking for a specific example, and a strong answer shows ${signal.replace(/[.]+$/, '')}.`]
          : ["I'm looking for a specific example from your own experience, what you did, and how it turned out."];
      }
      case 'notes':
        return ['Yes, of course.'];
      case 'hearing':
        return ['Yes, I can hear you.'];
      case 'next_steps':
      case 'feedback':
        return ["I'll come to that at the end. For now, let's stay with the question."];
      default:
        // "Good question" only for a turn that was a question; this default is reached for both.
        return [text.trim().endsWith('?') ? "Good question, and there's time for your questions at the end." : "Let's keep to the interview for now; there's time for your questions at the end."];
    }
  }

  private reply(
    kind: ReplyKind,
    sentences: string[],
    questionId: string | null,
    end: EndReason | null = null,
    followUpReason: FollowUpReason | null = null,
  ): InterviewerReply {
    return { kind, sentences, questionId, followUpReason, end };
  }
}

function normalised(text: string): string {
  return toWords(text).join(' ');
}

/** Share of the prompt's words the candidate heard: the longest start of it found in what was spoken. */
export function heardShare(prompt: string, spoken: string): number {
  const words = toWords(prompt);
  if (words.length === 0) return 1;
  const said = ` ${toWords(spoken).join(' ')} `;
  for (let k = words.length; k > 0; k--) {
    if (said.includes(` ${words.slice(0, k).join(' ')} `)) return k / words.length;
  }
  return 0;
}
