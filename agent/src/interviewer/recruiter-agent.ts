/**
 * The recruiter agent for one interview: the framework's voice.Agent carrying the interviewer's
 * instructions and tools, and handing it the agent hooks it reacts to (a rambling answer, and the
 * recruiter falling silent, when its likely next lines are rendered ahead). Tests build it
 * without a worker (see text-session.ts).
 */
import { voice } from '@livekit/agents';
import type { Interviewer } from './interviewer.js';

/** A voice that can render sentences before they are said (the offline voices, LocalTTS). */
export interface SpeaksAhead {
  prefetch(texts: readonly string[]): void;
}

export function canSpeakAhead(tts: unknown): tts is SpeaksAhead {
  return typeof (tts as Partial<SpeaksAhead> | undefined)?.prefetch === 'function';
}

export function createRecruiterAgent(interviewer: Interviewer): voice.Agent {
  class Recruiter extends voice.Agent {
    #stopAhead: (() => void) | null = null;

    override async onUserTurnExceeded(): Promise<void> {
      interviewer.userTurnExceeded(this.session);
    }

    /**
     * Synthesis ahead (docs/decisions/022-speech-ahead-and-short-greeting.md): at the start the opening, and each time
     * the recruiter stops speaking what it expects to say after the candidate's answer, rendered
     * while the candidate talks.
     */
    override async onEnter(): Promise<void> {
      const session = this.session;
      const tts = session.tts;
      const upcoming = interviewer.upcomingLines?.bind(interviewer);
      if (!upcoming || !canSpeakAhead(tts)) return;
      tts.prefetch(upcoming());
      const onState = (ev: voice.AgentStateChangedEvent): void => {
        if (ev.newState === 'listening') tts.prefetch(upcoming());
      };
      session.on(voice.AgentSessionEventTypes.AgentStateChanged, onState);
      this.#stopAhead = () => session.off(voice.AgentSessionEventTypes.AgentStateChanged, onState);
    }

    override async onExit(): Promise<void> {
      this.#stopAhead?.();
      this.#stopAhead = null;
    }
  }
  return new Recruiter({ instructions: interviewer.instructions, tools: interviewer.tools });
}
