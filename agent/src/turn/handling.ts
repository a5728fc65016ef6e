/**
 * Turn-taking settings of the recruiter: endpointing, the turn detector, barge-in and the limit on
 * rambling answers, for the tuned configuration and the framework's stock one (the benchmark's L2).
 */
import type { voice } from '@livekit/agents';
import { RAMBLE_WORDS } from '../interviewer/rules.js';
import { WordAwareTurnDetector } from './detector.js';

/**
 * Speech over the recruiter (ms) before it stops talking: the framework's 500 ms made barge-in
 * take ~700 ms end to end. A backchannel that trips it is undone by the framework's false
 * interruption handling (the recruiter resumes when no words follow).
 */
export const MIN_INTERRUPTION_MS = 250;
/** Longest single answer before the recruiter cuts in (ms). */
export const MAX_ANSWER_MS = 150_000;
/**
 * Endpointing waits (ms), counted from the end of speech. The turn detector decides which one
 * applies: the short one when it hears a finished turn, the long one when it hears the candidate
 * stopping mid-thought. Patience comes from that prediction, not from a blanket delay: measured on
 * Flite answers the local v1-mini model mostly scored ends of answers 0.39–0.62 and 700 ms
 * mid-sentence pauses 0.18–0.28 (threshold 0.36); its misses (a finished answer at 0.26–0.35, a
 * pause at 0.47–0.6) happened with the old 700 ms minimum too, so that minimum only delayed every
 * finished answer. The framework counts the wait from the VAD's estimate of the end of speech and
 * cannot end a turn before the VAD declares that end (250 ms of silence, the least the turn detector
 * accepts), so a short wait of 250 ms ends the turn as soon as the VAD and the model (asked at
 * 200 ms of silence) are done; the transcript's last word then decides between the waits together
 * with the model (turn/detector.ts).
 */
export const MIN_ENDPOINTING_MS = 250;
export const MAX_ENDPOINTING_MS = 3_000;
/**
 * End-of-turn settings. `tuned` is the patient interviewer: the local turn-detector model that
 * ships with the framework (never the cloud one) chooses between a short and a long endpointing
 * wait, and a limit on rambling answers. `stock` passes nothing, so the framework's defaults apply,
 * for the benchmark's stock-vs-tuned comparison.
 *
 * Preemptive generation is off with the rule-based interviewer: it answers in ~15 ms, so starting
 * early saves nothing, and every preemptive reply is a decision of the brain (a partial answer
 * judged, a question advanced) that a later, longer transcript would decide again.
 */
export function turnHandlingOptions(
  tuning: 'tuned' | 'stock',
  opts: { llmProvider?: string } = {},
): { turnHandling?: voice.AgentSessionOptions['turnHandling'] } {
  if (tuning === 'stock') return {};
  const ruleBased = (opts.llmProvider ?? 'local') === 'local';
  return {
    turnHandling: {
      turnDetection: new WordAwareTurnDetector({ version: 'v1-mini' }),
      endpointing: { minDelay: MIN_ENDPOINTING_MS, maxDelay: MAX_ENDPOINTING_MS },
      userTurnLimit: { maxWords: RAMBLE_WORDS, maxDuration: MAX_ANSWER_MS },
      interruption: { minDuration: MIN_INTERRUPTION_MS },
      ...(ruleBased ? { preemptiveGeneration: { enabled: false } } : {}),
    },
  };
}


/**
 * Wires what the turn-taking settings need from the running session: the final transcripts that
 * the word-aware turn detector reads. Does nothing for the stock settings.
 */
export function attachTurnHandling(
  session: voice.AgentSession,
  options: { turnHandling?: voice.AgentSessionOptions['turnHandling'] },
): void {
  const detector = options.turnHandling?.turnDetection;
  if (detector instanceof WordAwareTurnDetector) detector.listen(session);
}
