/**
 * The rule-based interviewer as an Interviewer: the brain decides, and reaches the session as its
 * LLM (RuleInterviewerLLM), so the first question, the wrap-up and the cut-in are plain replies
 * the brain writes itself; the opening disclosure is said directly (open).
 */
import type { llm, voice } from '@livekit/agents';
import type { InterviewContext } from '@mockroom/core';
import { InterviewBrain } from './brain.js';
import type { Interviewer } from './interviewer.js';
import type { PlanTracker } from './plan-tracker.js';
import { RuleInterviewerLLM } from './rule-llm.js';

export class RuleInterviewer implements Interviewer {
  readonly instructions = 'Rule-based recruiter: replies come from the interview plan.';
  readonly tools = undefined;
  readonly brain: InterviewBrain;
  readonly llm: RuleInterviewerLLM;

  constructor(
    context: InterviewContext,
    readonly tracker: PlanTracker,
  ) {
    this.brain = new InterviewBrain({
      candidateName: context.candidateName,
      company: context.company,
      role: context.role,
      timeBoxMs: context.timeBoxSeconds * 1000,
      tracker,
    });
    this.brain.resumeFrom(context.turns);
    this.llm = new RuleInterviewerLLM(this.brain);
  }

  ownLlm(): llm.LLM {
    return this.llm;
  }

  /**
   * A new call opens with the disclosure spoken on its own and not interruptible (the session
   * drops the candidate's audio meanwhile), so it is always heard in full and stored as the first
   * turn; the first question follows as an ordinary, interruptible reply. A resumed call opens
   * with its welcome back.
   */
  open(session: voice.AgentSession): void {
    if (!this.tracker.started) session.say(this.brain.introduction().join(' '), { allowInterruptions: false });
    session.generateReply();
  }

  welcomeBack(session: voice.AgentSession): void {
    this.brain.candidateReturned();
    session.generateReply();
  }

  timeBoxOver(session: voice.AgentSession): void {
    this.brain.requestWrapUp();
    session.generateReply();
  }

  upcomingLines(): string[] {
    return this.brain.upcomingSentences();
  }

  userTurnExceeded(session: voice.AgentSession): void {
    this.brain.requestCutIn();
    session.commitUserTurn();
  }
}
