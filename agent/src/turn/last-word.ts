/**
 * What the last word of a transcript says about the turn, for English. A sentence cannot end on a
 * word that announces more to come: an article, a preposition, a conjunction, an auxiliary or modal
 * verb, a possessive, a subject pronoun or a filler ("the main reason was", "I worked on", "and
 * um"). A sentence that ends on anything else (a noun, a verb, an adjective, a number) may be
 * finished; only the audio model can say more. An auxiliary or modal is unfinished after a noun
 * ("the reason was") and finished after a pronoun ("as fast as we could").
 *
 * Words that often end a finished sentence are left out on purpose even where they can also be a
 * function word: "so" (I think so), "do"/"did"/"have" (that's what I did), "that"/"it"/"you"/"her"
 * (I built that), "up"/"out"/"about"/"with"/"for" (stranded prepositions: who I worked with). A
 * word missing from these lists costs at most a cut-off the audio model did not prevent; a word
 * wrongly on them costs the long endpointing wait on a finished answer.
 */

const ARTICLES_AND_DETERMINERS = ['a', 'an', 'the', 'every', 'each', 'another'];
const PREPOSITIONS = [
  'of', 'in', 'on', 'at', 'to', 'into', 'onto', 'from', 'by', 'between', 'through', 'during',
  'without', 'within', 'towards', 'toward', 'than', 'via', 'across', 'against', 'among', 'upon', 'per',
];
const CONJUNCTIONS = [
  'and', 'but', 'or', 'nor', 'because', 'since', 'although', 'though', 'while', 'whereas', 'unless',
  'until', 'if', 'when', 'whenever', 'whether', 'which', 'whose', 'as',
];
/** Auxiliaries and modals: unfinished after a noun ("the reason was"), not after a pronoun. */
const AUXILIARIES = [
  'am', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'will', 'would', 'shall', 'should', 'can',
  'could', 'may', 'might', 'must',
];
/** Contracted subject + auxiliary: never the end of a sentence ("yes I am", not "yes I'm"). */
const CONTRACTIONS = ["i'm", "we're", "they're", "you're", "it's", "that's", "there's", "i've", "we've", "they've", "i'd", "we'd", "i'll", "we'll"];
/**
 * Before a final auxiliary these make it an ellipsis that ends a sentence: "as fast as we could",
 * "yes it was", "I think I should".
 */
const ELLIPSIS_SUBJECTS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'that', 'there', 'this', 'who', 'not', 'so']);
const POSSESSIVES = ['my', 'our', 'your', 'their', 'his', 'its'];
const SUBJECT_PRONOUNS = ['i', 'we', 'they', 'he', 'she'];
const FILLERS = ['um', 'uh', 'er', 'erm', 'uhm', 'hmm', 'mm'];
/** Degree words that need a head word after them. */
const MODIFIERS = ['very', 'quite', 'rather'];

const UNFINISHED = new Set([
  ...ARTICLES_AND_DETERMINERS,
  ...PREPOSITIONS,
  ...CONJUNCTIONS,
  ...CONTRACTIONS,
  ...POSSESSIVES,
  ...SUBJECT_PRONOUNS,
  ...FILLERS,
  ...MODIFIERS,
]);

export type Ending = 'unfinished' | 'open' | 'none';

const AUXILIARY = new Set(AUXILIARIES);

/** The words of the transcript, lower case, apostrophes kept, other punctuation dropped. */
export function words(transcript: string): string[] {
  const found = transcript.toLowerCase().replace(/[’]/g, "'").match(/[a-z0-9']+/g) ?? [];
  return found.map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w.length > 0);
}

/**
 * `unfinished`: the transcript ends on a word a sentence cannot end on. `open`: it ends on a word
 * that can end a sentence. `none`: no words (nothing to judge).
 */
export function transcriptEnding(transcript: string): Ending {
  const all = words(transcript);
  const last = all.at(-1);
  if (last === undefined) return 'none';
  if (UNFINISHED.has(last)) return 'unfinished';
  if (AUXILIARY.has(last)) {
    const before = all.at(-2);
    return before !== undefined && ELLIPSIS_SUBJECTS.has(before) ? 'open' : 'unfinished';
  }
  return 'open';
}
