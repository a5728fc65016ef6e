/**
 * Synthesis ahead for the offline voices (docs/decisions/022-speech-ahead-and-short-greeting.md). The rule interviewer
 * usually knows its next line before the candidate finishes (the next planned question, an
 * acknowledgement): those sentences are rendered while the candidate is still speaking, so when
 * the turn ends their audio is ready and playback starts at once. A reply that turns out
 * different (a follow-up) is synthesised as usual.
 *
 * Bounded: at most MAX_SENTENCES sentences of at most MAX_SENTENCE_CHARS each (~20 s of audio,
 * under 1 MB at 24 kHz), and each want() drops what the interviewer no longer expects. Renders
 * run one at a time, so ahead-of-time work never takes more than one model slot from live speech.
 */

/** Starts rendering one sentence; one promise per consecutive part (Piper: first clause, rest). */
export type StartParts = (sentence: string) => Promise<Int16Array>[];

export const MAX_SENTENCES = 6;
export const MAX_SENTENCE_CHARS = 300;

interface Entry {
  /** null while queued behind another render. */
  parts: Promise<Int16Array>[] | null;
  cancelled: boolean;
}

export interface SpeechAheadStats {
  /** Sentences spoken from audio rendered ahead. */
  hits: number;
  /** Sentences rendered ahead that were dropped unspoken. */
  dropped: number;
}

/** Cache key: the sentence with its whitespace collapsed (the voice is the cache's owner's). */
function keyOf(sentence: string): string {
  return sentence.trim().replace(/\s+/g, ' ');
}

export class SpeechAhead {
  readonly #start: StartParts;
  readonly #entries = new Map<string, Entry>();
  #chain: Promise<unknown> = Promise.resolve();
  readonly stats: SpeechAheadStats = { hits: 0, dropped: 0 };

  constructor(start: StartParts) {
    this.#start = start;
  }

  /** Sentences held or being rendered, in the order they were wanted. */
  get sentences(): string[] {
    return [...this.#entries.keys()];
  }

  /**
   * The sentences expected next, most likely first. Anything held that is not among them is
   * dropped; the new ones are queued for rendering (up to the bounds).
   */
  want(sentences: readonly string[]): void {
    const wanted = [...new Set(sentences.map(keyOf).filter((s) => s.length > 0 && s.length <= MAX_SENTENCE_CHARS))].slice(0, MAX_SENTENCES);
    for (const [key, entry] of this.#entries) {
      if (wanted.includes(key)) continue;
      entry.cancelled = true;
      this.#entries.delete(key);
      this.stats.dropped += 1;
    }
    for (const key of wanted) {
      if (this.#entries.has(key)) continue;
      const entry: Entry = { parts: null, cancelled: false };
      this.#entries.set(key, entry);
      this.#chain = this.#chain.then(async () => {
        if (entry.cancelled) return;
        entry.parts = this.#start(key);
        // A failed render is the live path's to report (take() hands the rejection over); here it
        // only must not stop the chain or go unhandled.
        await Promise.allSettled(entry.parts);
      });
    }
  }

  /**
   * The rendered (or rendering) parts of a sentence, once: null when it was not wanted, or is
   * still queued behind another render (then rendering it now is faster than waiting).
   */
  take(sentence: string): Promise<Int16Array>[] | null {
    const key = keyOf(sentence);
    const entry = this.#entries.get(key);
    if (!entry) return null;
    this.#entries.delete(key);
    if (!entry.parts) {
      entry.cancelled = true;
      return null;
    }
    this.stats.hits += 1;
    return entry.parts;
  }

  /** Resolves when every render queued so far has finished (measurements and tests). */
  async idle(): Promise<void> {
    await this.#chain;
  }

  /** Drops everything (the voice is closing). */
  clear(): void {
    this.want([]);
  }
}
