/**
 * The hallucination guard for Moonshine output. An encoder-decoder recogniser always writes
 * something: on noise or silence it invents short stock phrases, and on hard audio its greedy
 * decoder can loop on one token or phrase until the length cap. None of that may reach a stored
 * answer, so each decoded segment passes through here before it is emitted as a final transcript.
 */

/**
 * Decoder steps allowed per second of audio. Moonshine's own reference code caps generation at
 * about 6.5 tokens per second (fast English speech is ~3 words/s, ~1.3 tokens per word); a
 * decode that runs into the cap has almost always looped.
 */
export const MAX_TOKENS_PER_SECOND = 6.5;
/** Floor for the cap, so a one-word answer under half a second ("yes.") still fits. */
export const MIN_TOKEN_CAP = 6;

export function maxTokensFor(samples: number, sampleRate: number): number {
  return Math.max(MIN_TOKEN_CAP, Math.ceil((samples / sampleRate) * MAX_TOKENS_PER_SECOND));
}

/**
 * Where a loop starts: the index of the second copy of an n-gram (1..8 tokens) that repeats back
 * to back, at least 4 times for single tokens and 3 times for longer n-grams. -1 when none.
 * People do repeat themselves ("no, no, no") but not four identical tokens in a row, and
 * a phrase said three times over within a segment is what a looping decoder writes.
 */
export function findLoop(tokens: readonly number[]): number {
  for (let start = 0; start < tokens.length; start++) {
    for (let n = 1; n <= 8; n++) {
      const needed = n === 1 ? 4 : 3;
      if (start + n * needed > tokens.length) break;
      let copies = 1;
      while (start + n * (copies + 1) <= tokens.length && sameRun(tokens, start, start + n * copies, n)) copies += 1;
      if (copies >= needed) return start + n;
    }
  }
  return -1;
}

function sameRun(tokens: readonly number[], a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (tokens[a + k] !== tokens[b + k]) return false;
  return true;
}

/**
 * Whole-segment texts that a recogniser writes on breath, clicks, noise and silence (Moonshine
 * and Whisper-family models share them, having learnt them from subtitles). Compared after
 * dropping case and punctuation. Only a segment that is nothing but one of these is dropped, so a
 * candidate who says "thank you" inside a longer answer keeps it.
 */
const STOCK_PHRASES = new Set([
  '',
  'you',
  'thank you',
  'thank you very much',
  'thanks',
  'thanks for watching',
  'thank you for watching',
  'bye',
  'okay',
  'oh',
  'uh',
  'um',
  'hmm',
  'mm',
  'ah',
  'so',
  'the',
  'i',
  'a',
  'and',
  'music',
  'applause',
  'laughter',
  'silence',
  'no',
  'yeah',
  'please subscribe',
]);

/** Stock phrases a short, weak segment is most likely invented from; see isStockPhrase. */
export function normalizeWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isStockPhrase(text: string): boolean {
  return STOCK_PHRASES.has(normalizeWords(text));
}

export interface GuardInput {
  text: string;
  tokens: readonly number[];
  /** The decoder stopped at the length cap instead of writing end-of-text. */
  hitCap: boolean;
  /** Seconds of audio in the segment judged to be speech by energy. */
  voicedSeconds: number;
}

/**
 * Seconds of voiced audio under which a segment that decodes to only a stock phrase is taken
 * for noise. A spoken "thank you" or "okay" is longer than this with its vowels; a click, a
 * breath or a burst of background noise is not.
 */
export const STOCK_PHRASE_MAX_VOICED_S = 0.35;

export type GuardVerdict = { keep: true; tokens: readonly number[]; trimmed: boolean } | { keep: false; reason: 'empty' | 'loop' | 'stock-phrase' };

/**
 * Decides what of a decoded segment may be emitted. A loop is cut back to the text before it
 * (dropped entirely when nothing is left); a stock phrase on a segment with little voiced audio is
 * dropped; empty output is dropped.
 */
export function guardTranscript(input: GuardInput, decode: (tokens: readonly number[]) => string): GuardVerdict {
  let tokens = input.tokens;
  let trimmed = false;
  const loop = findLoop(tokens);
  if (loop >= 0) {
    // Keep one copy of the repeated n-gram and nothing after it.
    tokens = tokens.slice(0, loop);
    trimmed = true;
    if (normalizeWords(decode(tokens)).split(' ').filter(Boolean).length < 2) return { keep: false, reason: 'loop' };
  }
  const text = decode(tokens);
  if (normalizeWords(text) === '') return { keep: false, reason: 'empty' };
  if (isStockPhrase(text) && (input.voicedSeconds < STOCK_PHRASE_MAX_VOICED_S || input.hitCap)) {
    return { keep: false, reason: 'stock-phrase' };
  }
  return { keep: true, tokens, trimmed };
}
