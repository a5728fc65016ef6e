/**
 * The framework's local turn detector (v1-mini) with a check on the words. The model listens to
 * the audio only (the last seconds of PCM before the pause), never the transcript, so it cannot
 * hear that "the main reason we chose Postgres was" stops mid-sentence, and it scores some
 * finished answers just under its threshold. This detector keeps the model and moves its
 * threshold by the transcript's last word: a sentence that stops on a function word always gets
 * the long endpointing wait, one that stops on a word that can end a sentence needs less
 * confidence from the model. The framework's maxDelay still bounds every wait.
 */
import { inference, voice } from '@livekit/agents';
import { transcriptEnding } from './last-word.js';

/** Above any probability: the framework then takes the long endpointing wait. */
export const UNFINISHED_THRESHOLD = 1.01;
/**
 * Share of the model's threshold required when the words could end a sentence. Measured misses
 * on finished Flite answers scored 0.26–0.35 against 0.36; mid-sentence pauses that ended on a
 * content word scored lower still, so the model keeps the last word there.
 */
export const OPEN_THRESHOLD_SCALE = 0.6;

/** The threshold the framework compares the model's probability with, given the words so far. */
export function thresholdFor(base: number | undefined, transcript: string): number | undefined {
  if (base === undefined) return undefined;
  switch (transcriptEnding(transcript)) {
    case 'unfinished':
      return UNFINISHED_THRESHOLD;
    case 'open':
      return base * OPEN_THRESHOLD_SCALE;
    case 'none':
      return base;
  }
}

type Stream = ReturnType<inference.TurnDetector['stream']>;

export class WordAwareTurnDetector extends inference.TurnDetector {
  #transcript = '';

  /** The latest final transcript of the user's turn (its last words are what count). */
  noteTranscript(transcript: string): void {
    if (transcript.trim().length > 0) this.#transcript = transcript;
  }

  get transcript(): string {
    return this.#transcript;
  }

  /** Feeds the session's final transcripts to the detector. */
  listen(session: voice.AgentSession): void {
    session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
      if (ev.isFinal) this.noteTranscript(ev.transcript);
    });
  }

  override async unlikelyThreshold(language: Parameters<inference.TurnDetector['unlikelyThreshold']>[0]) {
    return thresholdFor(await super.unlikelyThreshold(language), this.#transcript);
  }

  /**
   * The framework asks the stream for the threshold after the model's prediction is in, on every
   * end-of-turn check (the VAD's end of speech and each final transcript), so the words are read
   * as late as possible.
   */
  override stream(opts?: Parameters<inference.TurnDetector['stream']>[0]): Stream {
    const stream = super.stream(opts);
    const modelThreshold = stream.unlikelyThreshold.bind(stream);
    stream.unlikelyThreshold = async (language) => thresholdFor(await modelThreshold(language), this.#transcript);
    return stream;
  }
}
