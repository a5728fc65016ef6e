/**
 * Requirements the hand vocabulary cannot name, read from the job description's own words, and the
 * CV evidence for them. A line of a JD's requirement list such as "Valid SIA licence" or "Knowledge
 * of anti-money laundering checks" names a requirement whether or not any vocabulary knows it: the
 * phrase left after the lead-in ("knowledge of", "2+ years' experience in") and the trailing
 * qualifiers ("such as …", "(…)", "or equivalent") is its name. Such a requirement is met when one
 * CV line holds its words (stemmed, in any order); it is a gap when none does, so skills and gaps
 * are judged by one matcher. A CV line that says a credential is still pending ("applied for",
 * "in progress", "not yet") is no evidence. Pure and deterministic.
 */
import { wordKey } from './esco.js';

/** The name of a requirement and the alternatives the line accepts in its place ("conveyancing or property law"). */
export interface RequirementPhrase {
  name: string;
  alternatives: string[];
  /**
   * "cv" when the line asks for years in a field of work ("5+ years building backend services"): a
   * career shows that across its roles, so the words may sit anywhere in the CV; else one CV line.
   */
  scope: 'line' | 'cv';
  /** The qualification level the line asks for ("AAT Level 3"): a CV line naming a lower level does not meet it. */
  level?: number;
}

const YEARS = /\b\d{1,2}\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs)\b/i;

// Words that open a requirement line without saying what is required.
const LEAD = new Set([
  'a', 'an', 'the', 'some', 'any', 'experience', 'experienced', 'of', 'in', 'with', 'at', 'on', 'knowledge', 'understanding', 'awareness',
  'ability', 'able', 'to', 'proven', 'good', 'strong', 'excellent', 'solid', 'working', 'demonstrable', 'demonstrated', 'sound', 'relevant',
  'valid', 'full', 'current', 'hold', 'holds', 'holding', 'have', 'has', 'must', 'be', 'being', 'you', 'will', 'should', 'need', 'needs',
  'years', 'year', 'yrs', 'post', 'qualification', 'previous', 'prior', 'extensive', 'practical', 'hands', 'familiarity', 'comfortable',
  'confident', 'skilled', 'competent', 'competence', 'keen', 'eye', 'for', 'background', 'track', 'record', 'minimum', 'at', 'least', 'plus',
  'is', 'are', 'would', 'ideally', 'preferably', 'desirable', 'essential', 'required', 'including', 'both', 'uk', 'own',
  'advanced', 'basic', 'thorough', 'expert', 'detailed', 'broad', 'wide', 'in-depth', 'loyal', 'established', 'effective', 'accurate',
]);
// Trailing words that only say where or how, not what ("… team", "… role", "… skills").
const TAIL = new Set(['techniques', 'technique', 'methods', 'certificate', 'certification', 'qualification', 'qualifications', 'ticket', 'card', 'team', 'teams', 'role', 'roles', 'environment', 'setting', 'settings', 'skills', 'skill', 'experience', 'knowledge', 'abilities', 'ability', 'background', 'work', 'purposes', 'it']);
// Where the requirement's name ends and examples, conditions or a verdict on it begin.
const CUT = /\s*(?:\(|\bsuch as\b|\be\.g\b|\bfor example\b|\bincluding\b|\bideally\b|\bpreferably\b|\bor equivalent\b|\bor similar\b|\bor working towards\b|\bor willing\b|\bwould be\b|\bis desirable\b|\bis essential\b|\bis a plus\b|\bis preferred\b|\bpreferred\b|\bis required\b|\bdesirable\b|\ba plus\b|\bwhere\b|\bwhen\b|\bwhich\b|\bwho\b|\bthat\b|\bto (?:a|an|the)\b|[:;.!?–—])/i;
// A requirement named in more words than this is a sentence, not a name: too loose to judge by its words.
const MAX_CONTENT_WORDS = 3;

/** Words that are not the content of a requirement when the CV is searched for it. */
const FILLER = new Set([
  ...LEAD, 'and', 'or', 'by', 'as', 'from', 'into', 'our', 'your', 'their', 'different', 'various', 'other', 'new', 'all', 'high',
  'certificate', 'certification', 'certified', 'qualified', 'qualifications', 'ticket', 'card', 'level', 'techniques', 'technique',
  'skills', 'skill', 'team', 'role', 'environment', 'setting', 'daily', 'use', 'using', 'well', 'clear', 'clearly',
]);

function words(text: string): string[] {
  // A hyphenated compound ("anti-money", "self-motivated") is one word.
  return text.toLowerCase().match(/[\p{L}\p{N}+#&]+(?:[-.'’][\p{L}\p{N}]+)*/gu) ?? [];
}

// Degree titles a CV writes for "degree" ("MEng Mechanical Engineering" is a degree in mechanical engineering).
const DEGREE = new Set(['degree', 'bsc', 'ba', 'ma', 'msc', 'meng', 'beng', 'llb', 'llm', 'phd', 'mba', 'bed', 'mphil', 'bachelor', 'bachelors', 'master', 'masters', 'hons']);

function stemOf(w: string): string {
  const bare = w.replace(/['’]s$/, '');
  return DEGREE.has(bare) ? 'degree' : wordKey(bare);
}

/** Content words of a requirement name, stemmed as ESCO's matcher stems them. */
export function contentStems(name: string): string[] {
  // Short numbers ("level 3") say how much; long ones name a standard ("ISO 17025") and stay.
  return [...new Set(words(name).filter((w) => !FILLER.has(w) && !/^\d{1,2}\+?$/.test(w) && w.length >= 2).map(stemOf))];
}

/** The words of a stretch of a line with the lead-in and trailing qualifiers taken off. */
function trimmed(text: string): string[] {
  // Numbers and the unit after them ("25 metres", "2+ years", "Level 3") say how much, not what.
  const ws = words(text.replace(/\b(?:level\s+)?\d{1,2}(?![\d\p{L}])\+?\s*(?:(?:years?|yrs|months?|weeks?|days?|hours?|hrs|metres?|meters?|m|km|miles?|words?)\b['’]?)?/giu, ' '));
  let i = 0;
  while (i < ws.length && (LEAD.has(ws[i]!) || /['’]$/.test(ws[i]!))) i++;
  let j = ws.length;
  while (j > i && (TAIL.has(ws[j - 1]!) || LEAD.has(ws[j - 1]!) || ws[j - 1] === 'and' || ws[j - 1] === 'or')) j--;
  return ws.slice(i, j).map((w) => w.replace(/['’]s$/, ''));
}

const fits = (name: string) => {
  const n = contentStems(name).length;
  return n > 0 && n <= MAX_CONTENT_WORDS;
};

/** "legal or technical translation": a one-word option shares the last option's head noun. */
function withSharedHead(options: string[]): string[] {
  const last = options.at(-1)!.split(' ');
  if (options.length < 2 || last.length < 2) return options;
  const head = last.at(-1)!;
  // Only an adjective ("legal", "technical", "clinical") borrows the head; a noun ("conveyancing or property law") stands alone.
  const adjective = /(?:al|ic|ive|ary|ous|ful|ent|ant|ed|ern|ish)$/;
  return options.map((o, k) => (k < options.length - 1 && !o.includes(' ') && adjective.test(o) ? `${o} ${head}` : o));
}

/**
 * The requirements a JD line names in its own words: none when the line is a sentence rather than a
 * name (more than three content words) or has no content words. "2+ years' experience in a conveyancing
 * or property law team" → conveyancing (alternative: property law); "Able to swim 25 metres" → swim;
 * "Experience patrolling premises and monitoring CCTV" → patrolling premises, monitoring cctv (two
 * requirements of two words or more each side of "and"); "3D CAD (SolidWorks or Creo)" → 3d cad, met
 * by SolidWorks or Creo too (the examples a line gives are accepted in its place).
 */
export function requirementsFromLine(line: string): RequirementPhrase[] {
  const head = line.split(CUT)[0] ?? '';
  const examples = /\(([^()]*)\)|\b(?:such as|e\.g\.?|for example|including)\s+([^;.()]*)/i.exec(line);
  const exampleNames = (examples ? (examples[1] ?? examples[2] ?? '') : '')
    .split(/\s*(?:,|\bor\b|\band\b|\/)\s*/)
    .map((e) => trimmed(e).join(' '))
    .filter(fits);
  // Two requirements joined by "and" or a comma when each side is a phrase of its own ("patrolling premises and monitoring CCTV").
  const whole = trimmed(head).join(' ');
  if (!whole) return [];
  const parts = head.split(/\s*,\s*|\s+and\s+/).map((p) => trimmed(p).join(' ')).filter(Boolean);
  const groups = parts.length > 1 && parts.every((p) => contentStems(p).length >= 2) ? parts : [whole];
  const out: RequirementPhrase[] = [];
  for (const g of groups) {
    // "X or Y": X is the requirement, Y a way of meeting it.
    const options = withSharedHead(g.split(/\s+or\s+|\s*\/\s*/).map((o) => o.trim()).filter(Boolean));
    const first = options[0]!;
    if (!fits(first)) continue;
    // "grant applications to trusts", "programme design for clients": the head before a trailing
    // prepositional phrase names the requirement when it has two content words or more.
    const cut = /^(.+?)\s+(?:to|for|in|of|with|on|at|across|within|from)\s/.exec(first)?.[1];
    const name = cut && contentStems(cut).length >= 2 ? cut : first;
    const level = /\blevel\s+(\d)\b/i.exec(line);
    out.push({
      name,
      alternatives: [...options.slice(1).filter(fits), ...(groups.length === 1 ? exampleNames : [])],
      scope: YEARS.test(line) ? 'cv' : 'line',
      ...(level ? { level: Number(level[1]) } : {}),
    });
  }
  return out;
}

/** The first requirement a line names in its own words (see requirementsFromLine), or null. */
export function requirementFromLine(line: string): RequirementPhrase | null {
  return requirementsFromLine(line)[0] ?? null;
}

// A credential or course not yet held: the words show the intention, not the requirement.
const PENDING = /\b(applied for|application (?:pending|submitted)|in progress|working towards|not yet|do not (?:yet )?hold|don't (?:yet )?hold|expected (?:in |by )?(?:\w+ )?\d{4}|pending|currently studying|studying for|due to (?:complete|start)|will (?:start|complete))\b/i;

/**
 * The CV without what it says is not yet held: a bracket or sentence with "applied for", "in
 * progress", "working towards", "not yet"… ("HCPC registration applied for", "Level 3 in progress").
 * The analysis reads skills and evidence from this text, so a pending credential is neither a match
 * nor hidden: it stays a gap to probe.
 */
export function withoutPending(cv: string): string {
  return cv
    .replace(/\([^()]*\)/g, (m) => (PENDING.test(m) ? ' ' : m))
    .split(/\r?\n/)
    .map((line) => line.split(/(?<=[.;])\s+/).filter((sentence) => !PENDING.test(sentence)).join(' '))
    .join('\n');
}

/**
 * A CV line that evidences the requirement `name` (with scope "cv": words anywhere in the CV): one that holds every content word of it in any
 * inflection and order, or at least half of them including the rarest (by `skillsUsing`, how many ESCO
 * skills use a word) — "Watched CCTV" for monitoring CCTV, "prepare the VAT figures" for VAT returns.
 * Without ESCO's counts all words must be there. Null when no line does.
 */
export function phraseEvidence(
  name: string,
  cv: string,
  skillsUsing: ((stem: string) => number) | null = null,
  scope: RequirementPhrase['scope'] = 'line',
  level?: number,
): string | null {
  const need = contentStems(name);
  if (!need.length) return null;
  // "AAT Level 2" is not the Level 3 the job asks for; a line with no level, or the same or higher, may be.
  const belowLevel = (line: string) => level !== undefined && [...line.matchAll(/\blevel\s+(\d)\b/gi)].some((m) => Number(m[1]) < level) && ![...line.matchAll(/\blevel\s+(\d)\b/gi)].some((m) => Number(m[1]) >= level);
  // The rarest word names the requirement ("vat" in VAT returns); ties keep the JD's word order.
  const rarest = skillsUsing ? need.reduce((a, b) => (skillsUsing(b) < skillsUsing(a) ? b : a)) : null;
  const lines = withoutPending(cv).split(/\r?\n|(?<=[.;!?])\s+/).map((l) => l.trim()).filter((l) => l && !belowLevel(l));
  if (scope === 'cv') {
    // Every word somewhere in the CV; the line shown is the one with the most of them.
    const stemsOf = (l: string) => new Set(words(l).map(stemOf));
    const all = new Set(lines.flatMap((l) => [...stemsOf(l)]));
    if (!need.every((s) => all.has(s))) return null;
    return lines.reduce((best, l) => (need.filter((s) => stemsOf(l).has(s)).length > need.filter((s) => stemsOf(best).has(s)).length ? l : best));
  }
  for (const line of lines) {
    const have = new Set(words(line).map(stemOf));
    const found = need.filter((s) => have.has(s));
    if (found.length === need.length) return line;
    if (rarest && need.length >= 2 && found.length * 2 >= need.length && have.has(rarest)) return line;
  }
  return null;
}
