/**
 * The rule-based interviewer as an Interviewer: the brain decides, and reaches the session as its
 * LLM (RuleInterviewerLLM), so the opening, the wrap-up and the cut-in are plain replies the
 * brain writes itself.
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

  open(session: voice.AgentSession): void {
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

  userTurnExceeded(session: voice.AgentSession): void {
    this.brain.requestCutIn();
    session.commitUserTurn();
  }
}
