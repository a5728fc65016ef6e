/** Words whose trailing period does not end a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co']);

/** Sentence end: terminal punctuation, optional closing quotes or brackets, then whitespace. */
const BOUNDARY = /[.!?]+["'\u201d\u2019)\]]*\s+|\n+/g;

/**
 * Incremental sentence splitter for streamed LLM text. A sentence is released as soon as the
 * whitespace after its final punctuation arrives, so synthesis of the first sentence starts while
 * the rest is still being generated (the framework's basic tokenizer waits for the next sentence).
 */
export class SentenceSplitter {
  #buffer = '';

  /** Adds text; returns the sentences it completed. */
  push(text: string): string[] {
    this.#buffer += text;
    const sentences: string[] = [];
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let match = BOUNDARY.exec(this.#buffer); match; match = BOUNDARY.exec(this.#buffer)) {
      const end = match.index + match[0].length;
      const candidate = this.#buffer.slice(start, end).trim();
      if (!match[0].startsWith('\n') && isAbbreviation(this.#buffer.slice(start, match.index + 1))) continue;
      if (candidate) sentences.push(candidate);
      start = end;
    }
    this.#buffer = this.#buffer.slice(start);
    return sentences;
  }

  /** Returns whatever is left as a last sentence. */
  flush(): string[] {
    const rest = this.#buffer.trim();
    this.#buffer = '';
    return rest ? [rest] : [];
  }
}

function isAbbreviation(textUpToPeriod: string): boolean {
  if (!textUpToPeriod.endsWith('.')) return false;
  const word = /(\S+)\.$/.exec(textUpToPeriod)?.[1]?.toLowerCase() ?? '';
  return word.length === 1 || ABBREVIATIONS.has(word);
}

/** Splits a complete text into sentences. */
export function splitSentences(text: string): string[] {
  const splitter = new SentenceSplitter();
  return [...splitter.push(text), ...splitter.flush()];
}
