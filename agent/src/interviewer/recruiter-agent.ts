/**
 * The recruiter agent for one interview: the framework's voice.Agent carrying the interviewer's
 * instructions and tools, and handing it the one agent hook it reacts to (a rambling answer).
 * Tests build it without a worker (see text-session.ts).
 */
import { voice } from '@livekit/agents';
import type { Interviewer } from './interviewer.js';

export function createRecruiterAgent(interviewer: Interviewer): voice.Agent {
  class Recruiter extends voice.Agent {
    override async onUserTurnExceeded(): Promise<void> {
      interviewer.userTurnExceeded(this.session);
    }
  }
  return new Recruiter({ instructions: interviewer.instructions, tools: interviewer.tools });
}
