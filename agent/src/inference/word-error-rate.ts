/**
 * Word error rate of a transcript against the words actually spoken: (substitutions + deletions +
 * insertions) / reference words, on lower-cased words without punctuation. Used by the speech
 * recognition tests to hold Moonshine to an accuracy bound.
 */

export function toWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Word-level edit distance between two word lists. */
export function wordEdits(reference: readonly string[], hypothesis: readonly string[]): number {
  let prev = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const row = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const sub = prev[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      row.push(Math.min(sub, prev[j]! + 1, row[j - 1]! + 1));
    }
    prev = row;
  }
  return prev[hypothesis.length]!;
}

export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = toWords(reference);
  return ref.length === 0 ? (toWords(hypothesis).length > 0 ? 1 : 0) : wordEdits(ref, toWords(hypothesis)) / ref.length;
}

/** Corpus WER: total edits over total reference words (not the mean of per-sentence rates). */
export function corpusWordErrorRate(pairs: readonly { reference: string; hypothesis: string }[]): number {
  let edits = 0;
  let words = 0;
  for (const { reference, hypothesis } of pairs) {
    const ref = toWords(reference);
    edits += wordEdits(ref, toWords(hypothesis));
    words += ref.length;
  }
  return words === 0 ? 0 : edits / words;
}
