/**
 * Pure classifiers for what a candidate said. The rule-based interviewer decides on these alone;
 * nothing here ever turns candidate text into recruiter speech, so the candidate's words stay data.
 */

/** Fewer words than this is a "short" answer that earns a follow-up. */
export const SHORT_ANSWER_WORDS = 15;
/** More words than this is a rambling answer: the recruiter cuts in politely. */
export const RAMBLE_WORDS = 260;
/** A "let me think" turn is short; a long turn that starts with it is an answer. */
const MAX_THINKING_WORDS = 10;
/** A brief candidate question is short; a long turn ending in "?" is still an answer. */
const MAX_QUESTION_WORDS = 18;

export function toWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9%'\s-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

function normalise(text: string): string {
  return ` ${toWords(text).join(' ')} `;
}

function matchesAny(text: string, patterns: RegExp[]): boolean {
  const n = normalise(text);
  return patterns.some((p) => p.test(n));
}

const REPEAT = [
  /\b(can|could|would) you (please )?(repeat|say that again|say it again|rephrase)/,
  /\brepeat (that|the question|it|please)\b/,
  /\b(say|ask) (that|it|the question) again\b/,
  /\bcome again\b/,
  /^ (pardon|sorry|what) (me )?$/,
  /\bi (didn't|did not|couldn't|could not) (hear|catch|get|understand) (that|the question|you|it)\b/,
  /\bwhat was the question\b/,
  /^ (sorry )?(once )?more time please $/,
];

export function isRepeatRequest(text: string): boolean {
  return toWords(text).length <= 14 && matchesAny(text, REPEAT);
}

const THINKING = [
  /\blet me think\b/,
  /\b(give|allow) me a (second|sec|moment|minute)\b/,
  /\b(one|just a) (second|sec|moment|minute)\b/,
  /\bi need (a moment|to think|a second)\b/,
  /^ (hmm+|um+|uh+|well|so)( (hmm+|um+|uh+|well|so|let me see))* $/,
  /\blet me see\b/,
  /\bthinking\b/,
];

export function isThinking(text: string): boolean {
  return toWords(text).length <= MAX_THINKING_WORDS && matchesAny(text, THINKING);
}

const SKIP = [
  /\b(skip|pass on) (this|that|the) (one|question)\b/,
  /\bcan we (skip|move on)\b/,
  /\bnext question\b/,
  /^ (skip|pass)( please)? $/,
  /^ (i )?(don't|do not) know( sorry)? $/,
  /\bi (have no|don't have an?|do not have an?) (idea|answer|example)\b/,
];

export function isSkipRequest(text: string): boolean {
  return toWords(text).length <= 14 && matchesAny(text, SKIP);
}

/** Attempts to steer the recruiter itself. Detected only to answer them; they never take effect. */
const INJECTION = [
  /\bignore (all |any |the |your )?(previous |prior |above |earlier )?(instructions|rules|prompts?)\b/,
  /\b(system|developer) (prompt|message|instructions)\b/,
  /\byou are now\b/,
  /\b(act|behave|pretend|roleplay) (as|like|to be)\b/,
  /\bnew (instructions|rules|persona)\b/,
  /\b(give|score|rate|mark) me (a |the )?(perfect|full|maximum|top|10|ten|100)\b/,
  /\bperfect score\b/,
  /\b(reveal|print|show|tell me) (your|the) (instructions|prompt|rules|plan)\b/,
  /\bend (the|this) interview (now|immediately)\b.*\b(and|then) (give|mark|score)\b/,
  /\bdisregard\b/,
];

export function isInjectionAttempt(text: string): boolean {
  return matchesAny(text, INJECTION);
}

/**
 * A question without its question mark (speech-to-text writes none): an auxiliary verb then a
 * subject ("can you…", "is there…"), or a question word then a verb ("what is…", "how long…").
 * "What I did was…" or "How I handled it…" are the start of an answer, not a question.
 */
const QUESTION_START = [
  /^ (is|are|am|was|were|do|does|did|can|could|will|would|should|may|have|has) (you|we|i|there|it|this|that|the|my|our|they|he|she) /,
  /^ (what|who|when|where|why|which|how)( (is|are|was|were|do|does|did|can|could|will|would|should|kind|sort|type|long|much|many|often|about|happens|else)\b| s\b|'s\b)/,
];

export function isCandidateQuestion(text: string): boolean {
  const words = toWords(text);
  if (words.length === 0 || words.length > MAX_QUESTION_WORDS) return false;
  if (text.trim().endsWith('?')) return true;
  const n = normalise(text);
  return QUESTION_START.some((p) => p.test(n));
}

const NO_MORE_QUESTIONS = [
  /^ (no|nope|nah|none|nothing)( (thanks|thank you|i'm good|i am good|not really|that's all|that's it|all good))*( for now)? $/,
  /^ (no|nope)\b.{0,40}\b(thanks|thank you|good|fine|all|covered|clear)\b/,
  /\b(i don't|i do not|i have no|i've got no|no more) (have )?(any )?(more )?questions\b/,
  /^ (not really|i'm good|i am good|all good|that's all|that's it|i think that's it|i'm fine|i am fine)( thanks| thank you)? $/,
];

/** The candidate has no questions for the recruiter ("No, thank you", "I'm good"). */
export function isNoMoreQuestions(text: string): boolean {
  return toWords(text).length <= 16 && matchesAny(text, NO_MORE_QUESTIONS);
}

export type CandidateQuestionTopic =
  | 'time_left'
  | 'question_count'
  | 'are_you_ai'
  | 'company_role'
  | 'clarify'
  | 'notes'
  | 'hearing'
  | 'next_steps'
  | 'feedback'
  | 'other';

export function classifyCandidateQuestion(text: string): CandidateQuestionTopic {
  const n = normalise(text);
  if (/\b(how (much|long)|time (left|remaining)|minutes)\b/.test(n)) return 'time_left';
  if (/\bhow many (more )?questions\b|\bquestions (left|remaining)\b/.test(n)) return 'question_count';
  if (/\b(are you|is this) (an? )?(ai|bot|robot|human|real|person|machine|computer)\b/.test(n)) return 'are_you_ai';
  if (/\b(which|what) (company|role|position|job)\b/.test(n)) return 'company_role';
  if (/\b(what do you mean|clarify|what are you looking for|what kind of (answer|example)|meaning)\b/.test(n)) {
    return 'clarify';
  }
  if (/\b(notes|take notes|write)\b/.test(n)) return 'notes';
  if (/\b(can|could|do) you hear me\b|\bam i (audible|coming through)\b/.test(n)) return 'hearing';
  if (/\b(next steps?|what happens (next|now|after)|when (will|do) i (hear|get)|the report|my report)\b/.test(n)) return 'next_steps';
  if (/\b(how did i do|feedback|how was i|did i do (ok|okay|well|alright))\b/.test(n)) return 'feedback';
  return 'other';
}

const EXAMPLE_MARKERS = [
  /\bfor (example|instance)\b/,
  /\b(once|one time)\b/,
  /\bwhen i (was|worked|joined|led|had|built)\b/,
  /\b(at|in) my (last|previous|current|first) (job|role|company|team|position|internship)\b/,
  /\blast (year|month|quarter|week|sprint)\b/,
  /\bin (19|20)\d\d\b/,
  /\b(we|i) (had|built|shipped|migrated|launched|designed|implemented|led|wrote|fixed|rewrote|introduced|created|ran|owned|noticed|found)\b/,
  /\b(there was|there were) (a|an|this)\b/,
  /\bsituation\b/,
  /\bproject\b/,
];

export function hasConcreteExample(text: string): boolean {
  return matchesAny(text, EXAMPLE_MARKERS);
}

const OUTCOME_MARKERS = [
  /\b\d+ ?(%|percent|x|times|ms|seconds|minutes|hours|days|weeks|users|customers)\b/,
  /\b(result|results|resulted|outcome|impact)\b/,
  /\b(reduced|increased|improved|cut|saved|grew|doubled|halved|lowered|raised|boosted|sped)\b/,
  /\b(as a result|in the end|eventually|which meant|led to|so that)\b/,
  /\b(shipped|delivered|launched|succeeded|completed|fixed|resolved) (it|on time|the)\b/,
  /\b(learned|learnt|lesson)\b/,
];

export function hasOutcome(text: string): boolean {
  return matchesAny(text, OUTCOME_MARKERS);
}

const DEPTH_MARKERS = [
  /\bbecause\b/,
  /\b(trade ?-?offs?|instead of|rather than|compared to|versus|vs)\b/,
  /\b(configured|implemented|designed|architected|tuned|profiled|optimi[sz]ed|debugged|benchmarked|refactored|indexed|cached|tested)\b/,
  /\b(by using|we used|i used|the way|how it works|under the hood)\b/,
];

/**
 * Skills (canonical lower-case names from the plan) the answer names without saying how they
 * were used. Only skill names from the plan are returned, never candidate text.
 */
export function skillsWithoutDepth(text: string, skills: readonly string[]): string[] {
  const n = normalise(text);
  const mentioned = skills.filter((s) => {
    const words = toWords(s);
    if (words.length === 0) return false;
    return n.includes(` ${words.join(' ')} `);
  });
  if (mentioned.length === 0) return [];
  return matchesAny(text, DEPTH_MARKERS) ? [] : mentioned;
}

export function isRambling(text: string): boolean {
  return toWords(text).length > RAMBLE_WORDS;
}
