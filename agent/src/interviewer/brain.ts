/**
 * The rule-based interviewer's state machine: greeting, one planned question at a time,
 * follow-ups by rule (at most two per question), repeats, brief candidate questions, patience
 * for "let me think", a polite cut-in on rambling, the time box, and the close.
 *
 * Pure logic over a PlanTracker (which holds the clock), so conduct is unit-testable without a
 * session. Every sentence it speaks comes from the plan, the interview context or fixed templates:
 * candidate text is classified, never echoed, so it cannot change the recruiter's rules or persona.
 */
import type { EndReason, InterviewPlan, PlanQuestion, QuestionStatus, TurnRecord } from '@mockroom/core';
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

const DEFAULT_FOLLOW_UPS: Record<FollowUpReason, string> = {
  short: 'Could you tell me a bit more about that?',
  no_example: 'Can you give me a concrete example from your own experience?',
  no_outcome: 'What was the outcome, and how did you know it worked?',
  skill_depth: 'How exactly did you use that, and what trade-offs did you weigh?',
};

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

  /** The reply to one committed candidate turn. */
  respond(text: string): InterviewerReply {
    if (this.endReason) {
      return this.reply('none', [], null);
    }
    if (!this.started) return this.greet();
    this.nudges = 0;
    this.resumed = false;
    const q = this.plan.questions[this.index]!;
    const p = this.tracker.progressOf(this.index);
    const trimmed = text.trim();

    if (trimmed.length === 0) return this.reply('none', [], q.id);
    if (isRepeatRequest(trimmed)) return this.reply('repeat', ['Sure.', ...this.lastPrompt], q.id);
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
      return this.reply('answer_question', [...this.answerCandidateQuestion(trimmed), ...this.lastPrompt], q.id);
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
    const reason = this.followUpReason(q, p.answerText);
    if (reason && p.followUps < MAX_FOLLOW_UPS) {
      p.followUps += 1;
      const prompt = this.followUpText(q, reason, p.followUps);
      return this.ask('follow_up', prompt, q.id, reason);
    }
    this.settle(this.index, reason ? 'insufficient' : 'answered');
    return this.advance([reason ? 'Thank you.' : 'Thank you, that was a clear answer.']);
  }

  /** Status of every planned question, for the end-of-call record. */
  questionStatuses(): { questionId: string; status: QuestionStatus }[] {
    return this.tracker.questionStatuses();
  }

  private greet(): InterviewerReply {
    this.tracker.start();
    const name = toSpokenName(this.opts.candidateName);
    const count = this.plan.questions.length;
    const first = this.plan.questions[0]!;
    this.lastPrompt = [first.text];
    return this.reply(
      'greeting',
      [
        `Hi ${name}, I'm an AI recruiter, and this is a practice interview for the ${this.opts.role} role at ${this.opts.company}.`,
        `I'll ask you ${count} ${count === 1 ? 'question' : 'questions'} over ${minutesText(this.opts.timeBoxMs)}.`,
        'Take your time, and feel free to ask me to repeat a question.',
        "Let's start.",
        first.text,
      ],
      first.id,
    );
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
    return this.reply(kind, sentences, questionId, null, reason);
  }

  private close(lead: string[]): InterviewerReply {
    return this.farewell('closing', 'completed', [...lead, 'That was my last question.'], 'Thank you for your time');
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
    if (toWords(answer).length < SHORT_ANSWER_WORDS) return 'short';
    const skills = [...new Set([...(q.skill ? [q.skill] : []), ...this.plan.requiredSkills])];
    if (skillsWithoutDepth(answer, skills).length > 0) return 'skill_depth';
    if (q.kind !== 'technical' && !hasConcreteExample(answer)) return 'no_example';
    if (q.kind === 'behavioural' && !hasOutcome(answer)) return 'no_outcome';
    return null;
  }

  private followUpText(q: PlanQuestion, reason: FollowUpReason, nth: number): string[] {
    if (reason === 'short') {
      const planned = q.followUps[nth - 1];
      return [planned ?? DEFAULT_FOLLOW_UPS.short];
    }
    if (reason === 'skill_depth') {
      const answer = this.tracker.progressOf(this.index).answerText;
      const skills = [...new Set([...(q.skill ? [q.skill] : []), ...this.plan.requiredSkills])];
      const skill = skillsWithoutDepth(answer, skills)[0];
      return skill ? [`You mentioned ${skill}.`, DEFAULT_FOLLOW_UPS.skill_depth] : [DEFAULT_FOLLOW_UPS.skill_depth];
    }
    return [DEFAULT_FOLLOW_UPS[reason]];
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
      default:
        return ["Good question. This session is about you, so I'll keep us on the interview."];
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
