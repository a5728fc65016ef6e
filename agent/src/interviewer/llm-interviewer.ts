/**
 * An LLM as the Interviewer: the model is prompted with the persona, the plan and the rules, and
 * reports its progress through two tools, `next_question` and `end_interview`, which drive the
 * same PlanTracker the rule brain drives. Candidate data in the prompt is fenced off as data
 * (see recruiter-prompt.ts).
 */
import { llm, type voice } from '@livekit/agents';
import type { InterviewContext } from '@mockroom/core';
import { z } from 'zod';
import { renderRecruiterPrompt } from '../recruiter-prompt.js';
import type { Interviewer } from './interviewer.js';
import type { PlanTracker } from './plan-tracker.js';
import { toSpokenName } from './brain.js';

const GREETING_INSTRUCTIONS = 'You have just greeted the candidate and said you are an AI recruiter for practice. Now ask the first question, without greeting again.';
const RESUME_INSTRUCTIONS = 'The call was interrupted: welcome the candidate back and ask again the planned question they were on.';
const TIME_BOX_INSTRUCTIONS = 'The time box is over: thank the candidate, say goodbye and call end_interview.';
const RAMBLING_INSTRUCTIONS = 'The candidate has been talking for a long time. Thank them, and politely move on.';

/** The tools through which the model moves the tracker; exported for tests. */
export function createPlanTools(tracker: PlanTracker) {
  return {
    next_question: llm.tool({
      description:
        'Record the status of the current planned question and get the next one. Call before asking the next planned question.',
      parameters: z.object({
        status: z.enum(['answered', 'insufficient', 'skipped']).describe('How the current question went'),
      }),
      execute: async ({ status }) => {
        tracker.settle(tracker.index, status);
        const next = tracker.advance();
        if (!next) return { done: true, instruction: 'Thank the candidate and end the interview.' };
        tracker.markAsked(tracker.index);
        return { nextQuestionId: next.id, text: next.text };
      },
    }),
    end_interview: llm.tool({
      description: 'End the interview after saying goodbye: when the plan is done or the time box is over.',
      parameters: z.object({ reason: z.enum(['completed', 'time_box']) }),
      execute: async ({ reason }) => {
        tracker.end(reason);
        return { ok: true };
      },
    }),
  };
}

export class LlmInterviewer implements Interviewer {
  readonly instructions: string;
  readonly tools: llm.ToolContextLike;
  private readonly disclosure: string;

  constructor(
    context: InterviewContext,
    readonly tracker: PlanTracker,
  ) {
    tracker.resumeFrom(context.turns);
    const clean = (s: string) => s.replace(/[<>{}]/g, '').slice(0, 120);
    this.disclosure = `Hi ${toSpokenName(context.candidateName)}, I'm an AI recruiter, and this is a practice interview for the ${clean(context.role)} role at ${clean(context.company)}.`;
    this.instructions = renderRecruiterPrompt(context);
    this.tools = createPlanTools(tracker);
  }

  ownLlm(): llm.LLM {
    throw new Error('the LLM interviewer uses the configured LLM provider');
  }

  open(session: voice.AgentSession): void {
    this.tracker.start();
    if (this.tracker.resumed) {
      session.generateReply({ instructions: RESUME_INSTRUCTIONS });
      return;
    }
    // The disclosure is a fixed sentence said before the model speaks, not interruptible, so early
    // speech from the candidate can neither cut it off nor keep it out of the transcript.
    session.say(this.disclosure, { allowInterruptions: false });
    session.generateReply({ instructions: GREETING_INSTRUCTIONS });
  }

  welcomeBack(session: voice.AgentSession): void {
    if (!this.tracker.started) return this.open(session);
    session.generateReply({ instructions: RESUME_INSTRUCTIONS });
  }

  timeBoxOver(session: voice.AgentSession): void {
    session.generateReply({ instructions: TIME_BOX_INSTRUCTIONS });
  }

  userTurnExceeded(session: voice.AgentSession): void {
    session.generateReply({ instructions: RAMBLING_INSTRUCTIONS });
  }
}
