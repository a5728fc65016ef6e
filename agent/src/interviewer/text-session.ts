/**
 * A text-only AgentSession around the rule-based interviewer: no room, no audio. Used by the
 * conduct tests and by anyone who wants to try the interviewer from a script. It builds the
 * interviewer and the agent the way the job does, with the rule interviewer as the session's LLM.
 */
import { voice } from '@livekit/agents';
import type { InterviewContext } from '@mockroom/core';
import type { InterviewBrain, InterviewerReply } from './brain.js';
import { createRecruiterAgent } from './recruiter-agent.js';
import { RuleInterviewer } from './rule-interviewer.js';
import { PlanTracker } from './plan-tracker.js';
import type { RuleInterviewerLLM } from './rule-llm.js';

export interface TextSession {
  session: voice.AgentSession;
  llm: RuleInterviewerLLM;
  brain: InterviewBrain;
  /** Starts the interview: the recruiter's opening (greeting or resume). */
  open(): Promise<{ text: string; reply: InterviewerReply }>;
  /** One candidate turn; resolves with the recruiter's spoken reply and its decision. */
  answer(text: string): Promise<{ text: string; reply: InterviewerReply; run: voice.testing.RunResult }>;
  /** The recruiter speaks on its own (silence, time box). */
  proactive(): Promise<{ text: string; reply: InterviewerReply }>;
  close(): Promise<void>;
}

export async function startTextSession(context: InterviewContext, now?: () => number): Promise<TextSession> {
  const interviewer = new RuleInterviewer(context, new PlanTracker(context.plan, now));
  const { llm, brain } = interviewer;
  const session = new voice.AgentSession({ llm });
  await session.start({ agent: createRecruiterAgent(interviewer) });

  const lastAssistantText = (): string => {
    const items = session.chatCtx.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      if (it.type === 'message' && it.role === 'assistant') return (it.textContent ?? '').trim();
    }
    return '';
  };
  const speakProactively = async () => {
    await session.generateReply().waitForPlayout();
    return { text: lastAssistantText(), reply: llm.lastDecision! };
  };
  return {
    session,
    llm,
    brain,
    open: speakProactively,
    proactive: speakProactively,
    async answer(text) {
      const run = await session.run({ userInput: text }).wait();
      return { text: lastAssistantText(), reply: llm.lastDecision!, run };
    },
    close: () => session.close(),
  };
}
