/**
 * The interviewer: who decides what the recruiter says next. Two implementations behind one
 * interface, chosen once per interview: the rule-based interviewer (offline, it is the session's
 * LLM) and an LLM interviewer (a hosted or local model, prompted with the plan). Both drive one
 * PlanTracker, which the job reads for turn tags, the end of the call and question statuses.
 */
import type { llm, voice } from '@livekit/agents';
import type { InterviewContext } from '@mockroom/core';
import { PlanTracker } from './plan-tracker.js';
import { RuleInterviewer } from './rule-interviewer.js';
import { LlmInterviewer } from './llm-interviewer.js';

export interface Interviewer {
  readonly tracker: PlanTracker;
  /** The agent's instructions and tools. */
  readonly instructions: string;
  readonly tools: llm.ToolContextLike | undefined;
  /**
   * The session's LLM when the interviewer is one (the rule-based interviewer). The LLM
   * interviewer throws: its model comes from the provider registry.
   */
  ownLlm(): llm.LLM;
  /** The opening: greeting, or welcome back on a resumed call. */
  open(session: voice.AgentSession): void;
  /** The candidate came back after leaving the room: welcome back and repeat the open question. */
  welcomeBack(session: voice.AgentSession): void;
  /** The time box is over: wrap up and say goodbye. */
  timeBoxOver(session: voice.AgentSession): void;
  /** The candidate has talked past the framework's user-turn limit: move on politely. */
  userTurnExceeded(session: voice.AgentSession): void;
  /** What it will most likely say next, for synthesis ahead (an interviewer that cannot tell leaves it out). */
  upcomingLines?(): string[];
}

export interface InterviewerOptions {
  /** The configured LLM provider: `local` is the rule-based interviewer. */
  llmProvider: string;
  /** Milliseconds clock (Date.now in production, a fake in tests). */
  now?: () => number;
}

/** Picks the interviewer for this interview and resumes its tracker from stored turns. */
export function createInterviewer(context: InterviewContext, opts: InterviewerOptions): Interviewer {
  const tracker = new PlanTracker(context.plan, opts.now);
  return opts.llmProvider === 'local' ? new RuleInterviewer(context, tracker) : new LlmInterviewer(context, tracker);
}
