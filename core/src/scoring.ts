/**
 * Offline post-call scorer. Every number it gives comes from rules a candidate can check against
 * their own words: answer length, STAR markers, concrete-example markers, numbers and outcome
 * verbs, the question's keywords and the role's required skills, and filler words. Evidence quotes
 * come only from candidate turns.
 */
import type { InterviewPlan, PlanQuestion, QuestionStatus } from './plan.js';
import { reportStatus, type DimensionScore, type Evidence, type Report, type SpeechMetrics } from './report.js';
import { RUBRIC_DIMENSIONS, RUBRIC_VERSION, toBand, type DimensionKey } from './rubric.js';
import { findSkills } from './skills.js';
import { computeSpeechMetrics, countFillers, countWords, orderTurns } from './speech-metrics.js';
import type { TurnRecord } from './wire.js';

export const SCORER_VERSION = `${RUBRIC_VERSION}/offline-1`;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const SEASONS = 'spring|summer|autumn|fall|winter';
// Situation: when and where the story happens, or the state of things it starts from.
const SITUATION = new RegExp(
  [
    `\\b(the )?(situation|context|background) was\\b`,
    `\\b(when|while) (i|we) (was|were|joined|started|took over|worked|had|volunteered|covered)\\b`,
    `\\b(in|during|by|before|after|over) (early |late |the )?(${SEASONS}|${MONTHS}|q[1-4])\\b`,
    `\\b(last|one|this|a|on a|on one) (${SEASONS}|${MONTHS}|${DAYS}|year|month|quarter|week|weekend|morning|evening|night|day|shift|time)\\b`,
    `\\bin (19|20)\\d\\d\\b`,
    `\\b(a few|two|three|several) (years|months|weeks) ago\\b`,
    `\\b(on|during) (my|the|our|a) ([a-z-]+ ){0,3}(project|placement|internship|shift|audit|ward|rotation|campaign|job|contract)\\b`,
    `\\bat (my|our) (last|previous|current|old)? ?(job|company|school|hospital|placement|store|restaurant|pharmacy|role)\\b`,
    `\\b(volunteering|working|interning) at\\b`,
    `\\bas an? [a-z ]{0,30}(in|at) \\w+`,
    `\\b(there was (a|an|one)|we had (a|an|one|two|three|\\d)|our [a-z -]{1,40} (was|were|had|kept|took|needed)|the (team|company|project|client|system|store|ward|class|kitchen) (was|were|had|needed))\\b`,
    `\\b(a|an|one|my) ([a-z-]+ ){0,3}(customer|patient|guest|client|parent|father|mother|woman|man|couple|school|graduate|prescription|colleague|supplier|manager|pupil|child) (came|arrived|called|rang|referred|joined|was|had|walked|complained)\\b`,
  ].join('|'),
  'i',
);
// "At Acme", "At Greenway": a named place; case-sensitive so "at all" does not count.
const SITUATION_NAMED = /\b(At|at) [A-Z][\w&'’-]+/;
// Task: what the speaker had to achieve, decide or fix.
const TASK =
  /\b(my (job|task|role|goal|aim|brief|responsibility|challenge) (was|became)|it was my (job|task|responsibility)|i was (asked|responsible|tasked|given|on call|in charge|brought in)|i (needed|had|was trying) to|i needed (another|more|a|an|to|him|her|them|us|everyone|everybody|the|our|my)\b|(it|this|that) was (on|up to) me to|i wanted ([a-z]+ )?(to|him|her|them|everyone|everybody|the|our|my)\b|i had (about |only |just )?([a-z]+|\d+) (minutes|hours|days|weeks|months) to|we (needed|had) to|the (goal|aim|task|problem|challenge|brief) was|i took on|i owned|i was given|i had to (decide|find|get|make|keep|stop|fix)|(so|and) i had to|needed to (find|get|make|decide|fix|stop|check|lift|bring))\b/i;
// Action: the speaker's own past-tense deeds, not what they usually do or would do.
const ACTION =
  /\b(i|and i|then i)\s+(also |then |first |quickly |immediately |personally |straight away |just )?(?!needed\b|wanted\b|was\b|had\b|liked\b|loved\b|hoped\b|felt\b|seemed\b|used\b|guess\b|think\b|believe\b|assumed\b|noticed that\b|knew\b)([a-z]+ed|built|wrote|ran|took|made|got|gave|set|put|went|led|sent|told|found|spoke|brought|chose|began|did|kept|held|met|drew|read|sat|saw|cut|showed|taught|rebuilt|split|broke|sketched|won|paid|rewrote|stood|shut|hit|sought|fought|dug|swapped|stopped)\b/i;
// Result: how it ended or what changed.
const RESULT =
  /\b(as a result|the result|resulted in|in the end|by the (end|morning|time|next)|which (meant|led to|cut|saved|freed|brought)|outcome|afterwards|since then|ever since|(went|came) (up|down|back)|(fell|dropped|rose|grew|increased|decreased|improved|reduced|cut|halved|doubled|went) (from|to|by)\b|within (a|an|\d+|one|two|three|four|five|six|the) ([a-z]+ )?(hour|day|week|month|quarter|minutes)s?|(was|were|got|has been|have been) (approved|resolved|fixed|signed|accepted|hired|promoted|adopted|back|stopped|reduced)|(signed|approved|chose|completed|passed|finished|closed|thanked|renewed|stopped|dropped|fell|rose|doubled|halved|cleared|sold|left a)\b|we (reduced|increased|cut|saved|improved|shipped|launched|delivered|grew|got|finished|hit|won|had no)|no (more|further|complaints|leaks|incidents|errors)|no ([a-z-]+ ){1,2}(complaints|errors|incidents|mistakes|problems|issues|leaks|falls)\b|(have|has) (had|been) no\b|after that|from then on|from that (day|point) on|since[.!]?\s*$|by (january|february|march|april|may|june|july|august|september|october|november|december|the end)|turned out|stepped down|(stayed|remained|was) (safe|at home)|(produced|achieved|delivered|passed|completed|finished) (a|all|every|the|their)\b|went (ahead|out|to print|live)|(is|was|are) still\b)/i;
/** Habitual or hypothetical sentences tell no story: their actions and results do not count. */
const HABITUAL = /\b(usually|normally|generally|always|typically|tend to|every (day|week|month|time)(?! since)|(i|we|you)('d| would)|often|sometimes|whenever)\b|(^|[,;]\s*)if\b/i;
const OUTCOME = /\b(reduced|increased|cut|saved|improved|grew|doubled|halved|tripled|dropped|rose|fell|launched|shipped|delivered|won|prevented|eliminated|sped up|faster|slower|fewer|more)\b/i;
// Any quantity except a bare year: "40%", "£400k", "eight seconds", "from 61% to 74%", "140 orders", "half".
const NUMBER =
  /([$£€]\s?\d[\d,.]*\s*(k|m|bn)?\b|\b(?!(19|20)\d\d\b)\d[\d,.]*\s*(%|percent|x\b|k\b|m\b|ms\b|[a-z]+)|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand)\s+(percent|[a-z]+s)\b|\b(twice|half|halved|double|doubled|triple|tripled|ten times|a third|a quarter)\b)/i;
const CONCRETE = /\b(for example|for instance|specifically|one time|in (19|20)\d\d|last (year|month|quarter|week)|at [A-Z][\w]+|we had|i remember|the (bug|incident|project|feature|service|customer|client) (was|where|that))\b/;
const VAGUE = /\b(usually|generally|normally|i would|i'd probably|it depends|i guess|i think|something like that|stuff like that|and so on|etc|not sure|i don't know|never really)\b/gi;
const FIRST_PERSON_ACTION = new RegExp(ACTION.source, 'gi');

interface Sentence {
  text: string;
  turn: TurnRecord;
}

interface AnswerFeatures {
  question: PlanQuestion;
  turns: TurnRecord[];
  sentences: Sentence[];
  words: number;
  fillerRate: number;
  meanSentenceWords: number;
  star: { situation: boolean; task: boolean; action: boolean; result: boolean };
  concrete: number;
  numbers: number;
  outcomes: number;
  actions: number;
  vague: number;
  keywordHits: string[];
  skillMentions: string[];
  scores: Record<DimensionKey, number>;
  composite: number;
}

function splitSentences(turn: TurnRecord): Sentence[] {
  return turn.text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => countWords(s) > 0)
    .map((text) => ({ text, turn }));
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}+#. ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

function keywordHits(text: string, keywords: string[]): string[] {
  const t = ` ${norm(text)} `;
  return keywords.filter((k) => {
    const nk = norm(k);
    if (!nk) return false;
    // Prefix match so "deploy" counts "deployed", "learn" counts "learned".
    // Stem too, so "pairing" counts "paired" and "mentored" counts "mentoring".
    const stemmed = nk.length > 5 ? nk.replace(/(ing|ed|es|s)$/, '') : nk;
    return t.includes(` ${nk}`) || (stemmed.length >= 4 && t.includes(` ${stemmed}`));
  });
}

function count(re: RegExp, text: string): number {
  return [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].length;
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

/** A question that asks for a story ("Tell me about a time…") needs more words than one asking for a view. */
const STORY_QUESTION = /\b(tell me about|describe a|walk me through|give me an example|talk me through|a time (when|you)|an example of|how did you)\b/i;

/** Expected answer length in words for a question: [enough, too long]. */
export function expectedWords(question: Pick<PlanQuestion, 'text'>): [number, number] {
  return STORY_QUESTION.test(question.text) ? [70, 320] : [35, 220];
}

function lengthScore(words: number, [enough, tooLong]: [number, number]): number {
  if (words < 15) return 0.05;
  if (words < enough) return 0.2 + ((words - 15) / Math.max(1, enough - 15)) * 0.6;
  if (words <= tooLong) return 1;
  if (words <= tooLong * 1.5) return 0.8;
  return 0.55;
}

export interface StarParts {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
}

/** Which STAR parts an answer gives, by the markers above. */
export function detectStar(text: string): StarParts {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((x) => x.trim());
  const story = sentences.filter((x) => !HABITUAL.test(x));
  return {
    situation: SITUATION.test(text) || SITUATION_NAMED.test(text),
    task: TASK.test(text),
    action: story.some((x) => ACTION.test(x)),
    result: story.some((x) => RESULT.test(x)),
  };
}

function featuresOf(question: PlanQuestion, turns: TurnRecord[], requiredSkills: string[]): AnswerFeatures {
  const text = turns.map((t) => t.text).join(' ');
  const sentences = turns.flatMap(splitSentences);
  const words = countWords(text);
  // Fillers are a speech measure: voice turns only, as in the report's speech metrics, so the two never disagree.
  const voice = turns.filter((t) => t.source === 'voice').map((t) => t.text).join(' ');
  const voiceWords = countWords(voice);
  const fillerCount = Object.values(countFillers(voice)).reduce((a, b) => a + b, 0);
  const fillerRate = voiceWords ? (fillerCount / voiceWords) * 100 : 0;
  const meanSentenceWords = sentences.length ? words / sentences.length : words;
  const star = detectStar(text);
  // A story with its own time and place is a specific example, whatever words set it up.
  const concrete = count(CONCRETE, text) + (star.situation ? 1 : 0);
  const numbers = count(NUMBER, text);
  const outcomes = count(OUTCOME, text);
  const actions = count(FIRST_PERSON_ACTION, text);
  const vague = count(VAGUE, text);
  const keywords = [...new Set([...(question.keywords ?? []), ...(question.skill ? [question.skill] : [])])];
  const hits = keywordHits(text, keywords);
  const mentioned = findSkills(text);
  const required = new Set(requiredSkills);
  const skillMentions = mentioned.filter((s) => required.has(s) || s === question.skill);

  const short = words < 15;
  const clarity = clamp01(lengthScore(words, expectedWords(question)) - Math.max(0, fillerRate - 3) * 0.06 - (meanSentenceWords > 45 ? 0.2 : 0) - Math.min(0.3, 0.08 * vague));
  const starCount = Object.values(star).filter(Boolean).length;
  const structure = short ? 0 : clamp01(starCount / 4);
  const relevance = clamp01(hits.length / Math.max(1, Math.min(4, keywords.length)) * (short ? 0.4 : 1));
  const depth = short ? 0 : clamp01(0.25 * Math.min(concrete, 2) + 0.15 * Math.min(actions, 3) + 0.05 * Math.min(mentioned.length, 3) + (words >= 60 ? 0.1 : 0) - 0.1 * vague);
  const impact = short ? 0 : clamp01(0.3 * Math.min(numbers, 2) + 0.15 * Math.min(outcomes, 2) + (star.result ? 0.1 : 0));
  const roleBase = question.skill ? (skillMentions.includes(question.skill) ? 0.4 : 0) : 0.2;
  const role = short ? 0 : clamp01(roleBase + 0.2 * Math.min(skillMentions.length, 2) + 0.1 * Math.min(actions, 2) + (words >= 60 ? 0.1 : 0) - 0.05 * vague);
  const scores = { clarity, structure, relevance, depth, impact, role };
  const composite = (clarity + structure + relevance + depth + impact + role) / 6;
  return { question, turns, sentences, words, fillerRate, meanSentenceWords, star, concrete, numbers, outcomes, actions, vague, keywordHits: hits, skillMentions, scores, composite };
}

function normText(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Which planned question each candidate turn answers: its own questionId, else the most recent
 * recruiter turn's questionId, else a recruiter turn whose text matches a planned question.
 */
export function attributeTurns(plan: InterviewPlan, turns: TurnRecord[]): Map<string, TurnRecord[]> {
  const byQuestion = new Map<string, TurnRecord[]>();
  const ids = new Set(plan.questions.map((q) => q.id));
  let current: string | null = null;
  for (const t of orderTurns(turns)) {
    if (t.speaker === 'recruiter') {
      if (t.questionId && ids.has(t.questionId)) current = t.questionId;
      else {
        const match = questionByText(plan, t.text);
        if (match) current = match;
      }
      continue;
    }
    const qid = t.questionId && ids.has(t.questionId) ? t.questionId : current;
    if (!qid) continue;
    const list = byQuestion.get(qid) ?? [];
    list.push(t);
    byQuestion.set(qid, list);
  }
  return byQuestion;
}

function askedQuestions(plan: InterviewPlan, turns: TurnRecord[]): Set<string> {
  const asked = new Set<string>();
  for (const t of turns) {
    if (t.speaker !== 'recruiter') continue;
    // A turn the agent tagged says which question it asked; its text may quote another question's
    // opening words (two planned questions can start alike), so text decides only untagged turns.
    if (t.questionId) asked.add(t.questionId);
    else {
      const match = questionByText(plan, t.text);
      if (match) asked.add(match);
    }
  }
  return asked;
}

/**
 * The planned question an untagged recruiter turn asks: the one whose whole text it contains, else
 * the one whose first 40 characters it contains when no other question starts the same way.
 */
function questionByText(plan: InterviewPlan, text: string): string | null {
  const nt = normText(text);
  const whole = plan.questions.find((q) => {
    const qt = normText(q.text);
    return qt.length > 0 && nt.includes(qt);
  });
  if (whole) return whole.id;
  const heads = plan.questions.map((q) => ({ id: q.id, head: normText(q.text).slice(0, 40) }));
  const hits = heads.filter((h) => h.head && nt.includes(h.head));
  const unique = hits.filter((h) => heads.filter((o) => o.head === h.head).length === 1);
  return unique.length === 1 ? unique[0]!.id : null;
}

function trimQuote(s: string, max = 280): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

const SENTENCE_SIGNAL: Record<DimensionKey, (s: string, f: AnswerFeatures) => number> = {
  clarity: (s) => -Math.abs(countWords(s) - 18),
  structure: (s) => (SITUATION.test(s) ? 1 : 0) + (TASK.test(s) ? 1 : 0) + (ACTION.test(s) ? 1 : 0) + (RESULT.test(s) ? 1.5 : 0),
  relevance: (s, f) => keywordHits(s, [...f.question.keywords, ...(f.question.skill ? [f.question.skill] : [])]).length,
  depth: (s) => count(CONCRETE, s) * 2 + count(FIRST_PERSON_ACTION, s) + findSkills(s).length * 0.5 - count(VAGUE, s),
  impact: (s) => count(NUMBER, s) * 2 + count(OUTCOME, s),
  role: (s, f) => findSkills(s).filter((k) => f.skillMentions.includes(k)).length * 2 + count(FIRST_PERSON_ACTION, s),
};

function bestSentence(f: AnswerFeatures, key: DimensionKey): Sentence | null {
  let best: Sentence | null = null;
  let bestScore = -Infinity;
  for (const s of f.sentences) {
    const v = SENTENCE_SIGNAL[key](s.text, f);
    if (v > bestScore) {
      bestScore = v;
      best = s;
    }
  }
  return best;
}

function reasonFor(key: DimensionKey, answers: AnswerFeatures[], speech: SpeechMetrics): string {
  const n = answers.length;
  const c = (pred: (f: AnswerFeatures) => boolean) => answers.filter(pred).length;
  switch (key) {
    case 'clarity': {
      const good = c((f) => {
        const [enough, tooLong] = expectedWords(f.question);
        return f.words >= enough && f.words <= tooLong;
      });
      const fillers = speech.fillerCount ? `; ${speech.fillerCount} filler words in speech, ${speech.fillerRate.toFixed(1)} per 100` : '';
      return `${good} of ${n} answers were a good length for their question${fillers}.`;
    }
    case 'structure':
      return `${c((f) => f.star.situation)} of ${n} answers set the scene, ${c((f) => f.star.action)} said what you did, ${c((f) => f.star.result)} ended with a result.`;
    case 'relevance':
      return `Answers touched ${answers.reduce((a, f) => a + f.keywordHits.length, 0)} of the points the questions were about, across ${n} answers.`;
    case 'depth':
      return `${c((f) => f.concrete > 0)} of ${n} answers used a specific example; ${c((f) => f.vague > 1)} leaned on general statements.`;
    case 'impact':
      return `${c((f) => f.numbers > 0)} of ${n} answers gave a number, and ${c((f) => f.outcomes > 0)} described an outcome.`;
    case 'role': {
      const skills = [...new Set(answers.flatMap((f) => f.skillMentions))];
      return skills.length ? `Required skills you discussed: ${skills.slice(0, 6).join(', ')}.` : 'None of the role’s required skills came up in your answers.';
    }
  }
}

/** How an improvement names its question: "On the question about cost control". */
function questionLabel(q: PlanQuestion): string {
  return `On the question about ${q.competency.replace(/^gap: /, '')}`;
}

function assessmentFor(f: AnswerFeatures | null, status: QuestionStatus): string {
  if (status === 'not_asked') return 'Not asked in this interview.';
  if (!f || f.words === 0) return status === 'skipped' ? 'Skipped; no answer was given.' : 'No answer was recorded.';
  const parts: string[] = [`${f.words} words`];
  if (f.concrete) parts.push('a specific example');
  if (f.numbers) parts.push('a measured result');
  else if (f.star.result) parts.push('an outcome');
  const kw = f.question.keywords.length;
  if (kw) parts.push(`${f.keywordHits.length} of ${kw} expected points`);
  const missing: string[] = [];
  if (!f.star.situation) missing.push('the situation');
  if (!f.star.action) missing.push('what you did yourself');
  if (!f.star.result) missing.push('the result');
  const lead = status === 'interrupted' ? 'Interrupted' : status === 'insufficient' ? (f.words < expectedWords(f.question)[0] ? 'Too short' : 'Answered without substance') : 'Answered';
  return `${lead}: ${parts.join(', ')}.${missing.length ? ` Missing ${missing.join(', ')}.` : ''}`.slice(0, 600);
}

function inferStatus(f: AnswerFeatures | null, asked: boolean): QuestionStatus {
  if (!f) return asked ? 'skipped' : 'not_asked';
  if (f.words < 25) return f.turns.at(-1)?.interrupted ? 'interrupted' : 'insufficient';
  return f.composite < 0.25 ? 'insufficient' : 'answered';
}

export function scoreInterview(input: {
  plan: InterviewPlan;
  turns: TurnRecord[];
  questionStatuses: { questionId: string; status: QuestionStatus }[];
  role: string;
  requiredSkills: string[];
}): Report {
  const { plan, turns } = input;
  const ordered = orderTurns(turns);
  const t0 = ordered.length ? Math.min(...ordered.map((t) => Date.parse(t.startedAt))) : 0;
  const atMs = (t: TurnRecord) => Math.max(0, Math.round(Date.parse(t.startedAt) - t0));
  const required = input.requiredSkills.length ? input.requiredSkills : plan.requiredSkills;

  const byQuestion = attributeTurns(plan, ordered);
  const asked = askedQuestions(plan, ordered);
  const given = new Map(input.questionStatuses.map((s) => [s.questionId, s.status]));
  const features = new Map<string, AnswerFeatures>();
  for (const q of plan.questions) {
    const qt = byQuestion.get(q.id);
    if (qt?.length) features.set(q.id, featuresOf(q, qt, required));
  }
  const answers = [...features.values()].filter((f) => f.words > 0);
  const speech = computeSpeechMetrics(ordered);

  const dimensions: DimensionScore[] = RUBRIC_DIMENSIONS.map(({ key, label }) => {
    if (!answers.length) return { key, label, score: 1, reason: 'No candidate answers were recorded.', evidence: [] };
    const mean = answers.reduce((a, f) => a + f.scores[key], 0) / answers.length;
    const score = toBand(mean);
    // Quote the best examples behind a good score, the weakest behind a poor one.
    const ranked = [...answers].sort((a, b) => (score >= 3 ? b.scores[key] - a.scores[key] : a.scores[key] - b.scores[key]));
    const evidence: Evidence[] = [];
    for (const f of ranked.slice(0, 3)) {
      const s = bestSentence(f, key);
      if (s) evidence.push({ turnId: s.turn.turnId, quote: trimQuote(s.text), atMs: atMs(s.turn) });
    }
    return { key, label, score, reason: reasonFor(key, answers, speech).slice(0, 400), evidence };
  });

  const questions = plan.questions.map((q) => {
    const f = features.get(q.id) ?? null;
    const status = given.get(q.id) ?? inferStatus(f, asked.has(q.id));
    return { questionId: q.id, text: q.text, status, assessment: assessmentFor(f, status) };
  });

  const strengths: Report['strengths'] = [];
  const improvements: Report['improvements'] = [];
  for (const f of [...answers].sort((a, b) => b.composite - a.composite)) {
    if (strengths.length >= 5 || f.composite < 0.5) break;
    const quote = bestSentence(f, f.numbers ? 'impact' : 'depth');
    const what = f.numbers ? 'backed the answer with a measured result' : f.concrete ? 'used a specific example' : 'gave a well-structured answer';
    strengths.push({ questionId: f.question.id, text: `You ${what}${quote ? `: “${trimQuote(quote.text, 160)}”` : ''}.`.slice(0, 600) });
  }
  for (const f of [...answers].sort((a, b) => a.composite - b.composite)) {
    if (improvements.length >= 5) break;
    let tip: string | null = null;
    if (f.words < 40) tip = 'Give a fuller answer: one specific situation, what you did, and how it ended, in about a minute.';
    else if (!f.star.result) tip = 'Finish with the result: what changed because of your work, with a number if you have one.';
    else if (!f.numbers) tip = 'Quantify the outcome: time saved, errors reduced, users reached.';
    else if (!f.concrete) tip = 'Anchor the answer in one real example (when, where, who) instead of describing what you usually do.';
    else if (f.keywordHits.length < Math.min(2, f.question.keywords.length)) tip = `Address the question more directly; it was about ${f.question.competency}.`;
    else if (f.fillerRate > 5) tip = 'Cut filler words; a short pause reads better than “um” or “you know”.';
    if (tip) improvements.push({ questionId: f.question.id, text: `${questionLabel(f.question)}: ${tip}`.slice(0, 600) });
  }
  for (const q of questions) {
    if (improvements.length >= 5) break;
    const planned = plan.questions.find((p) => p.id === q.questionId);
    // Named, so two skipped questions never read as one repeated line.
    const label = planned ? questionLabel(planned) : 'On one question';
    if (q.status === 'skipped') improvements.push({ questionId: q.questionId, text: `${label}: it was skipped; prepare a short example for it next time.`.slice(0, 600) });
  }

  const status = reportStatus(questions);
  let overall = 0;
  // An interview with fewer than two answers is not scored: one answer says too little, and a
  // zero would drag the progress chart down for a call that never really happened.
  if (answers.length && status === 'scored') {
    const avg = dimensions.reduce((a, d) => a + d.score, 0) / dimensions.length;
    const askedCount = questions.filter((q) => q.status !== 'not_asked').length || 1;
    const answeredShare = questions.filter((q) => q.status === 'answered').length / askedCount;
    // 80% from the rubric, 20% from answering what was asked.
    overall = Math.round(((avg - 1) / 4) * 80 + answeredShare * 20);
  }
  return {
    overall: Math.max(0, Math.min(100, overall)),
    status,
    dimensions,
    questions,
    strengths,
    improvements,
    speech,
    generator: 'offline',
    version: SCORER_VERSION,
  };
}

/** Per-answer composite (0–1) for one question, exposed for the ranking fixtures and tuning. */
export function scoreAnswer(question: PlanQuestion, text: string, requiredSkills: string[]): number {
  const turn: TurnRecord = {
    id: 'a',
    turnId: 'a',
    sequence: 0,
    speaker: 'candidate',
    text,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:01:00.000Z',
    createdAt: '2025-01-01T00:01:00.000Z',
    source: 'typed',
    interrupted: false,
    questionId: question.id,
  };
  return featuresOf(question, [turn], requiredSkills).composite;
}
