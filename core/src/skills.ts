/**
 * Skills vocabulary for the offline CV/JD analysis: canonical lower-case names with aliases,
 * grouped by category. Matching is on word boundaries that treat "+", "#" and "." as part of
 * a token, so "C++", "C#", "Node.js" and ".NET" match as written and "Java" does not match
 * inside "JavaScript". Aliases starting with "=" match case-sensitively; they are the ones that
 * are also ordinary English words ("Go", "React", "Swift", "Excel", "R").
 */
import { z } from 'zod';
import vocabulary from './skills-vocabulary.json' with { type: 'json' };

export const SkillCategory = [
  'language',
  'frontend',
  'backend',
  'mobile',
  'data',
  'ml',
  'cloud',
  'devops',
  'database',
  'testing',
  'security',
  'architecture',
  'practice',
  'product',
  'design',
  'business',
  'healthcare',
  'education',
  'finance',
  'hospitality',
  'logistics',
  'retail',
  'people',
  'public',
  'construction',
  'marketing',
  'service',
  'soft',
] as const;
export type SkillCategory = (typeof SkillCategory)[number];

/**
 * The vocabulary itself is data: skills-vocabulary.json beside this file, one key per category
 * (every category present), each row the canonical name first, then its aliases. Checked on load.
 */
const Vocabulary = z.record(z.enum(SkillCategory), z.array(z.array(z.string().min(1)).min(1)));
const VOCABULARY: Record<SkillCategory, string[][]> = Vocabulary.parse(vocabulary);

export interface SkillDef {
  name: string;
  category: SkillCategory;
  aliases: string[];
}

export const SKILLS: readonly SkillDef[] = Object.entries(VOCABULARY).flatMap(([category, rows]) =>
  rows.map(([name, ...aliases]) => ({ name: name!, category: category as SkillCategory, aliases })),
);

const BY_NAME = new Map(SKILLS.map((s) => [s.name, s]));

export function getSkill(name: string): SkillDef | null {
  return BY_NAME.get(name.toLowerCase()) ?? null;
}

const BY_ALIAS = new Map<string, string>();
for (const s of SKILLS) {
  for (const term of [s.name, ...s.aliases]) {
    const key = normaliseSkillTerm(term.startsWith('=') ? term.slice(1) : term);
    if (!BY_ALIAS.has(key)) BY_ALIAS.set(key, s.name);
  }
}

/** Lower case, "-" and runs of spaces as one space, edge punctuation trimmed: the form labels and aliases are compared in. */
export function normaliseSkillTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .replace(/^[^\p{L}\p{N}.#+]+|[^\p{L}\p{N}#+]+$/gu, '')
    .trim();
}

/** The canonical name a term is written for, when the whole term is a name or alias in the vocabulary; else null. */
export function canonicalSkill(term: string): string | null {
  return BY_ALIAS.get(normaliseSkillTerm(term)) ?? null;
}

/**
 * Licences and registrations a job cannot be done without when it requires them: missing one
 * caps the fit score, whatever else matches.
 */
export const CREDENTIALS: ReadonlySet<string> = new Set(['nmc registration', 'gphc registration', 'gdc registration', 'qts', 'social work registration', 'chartered accountant', 'cscs', 'driving licence', 'forklift licence', 'transport manager cpc']);

export function isSoftSkill(name: string): boolean {
  return getSkill(name)?.category === 'soft';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spaces and hyphens inside a multi-word alias match any run of spaces or hyphens. */
function aliasPattern(alias: string): string {
  return alias
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s-]+');
}

// "+", "#" and "." count as word characters at the edges so "c" never matches inside "c++"
// and "js" never matches inside "node.js"; a trailing full stop is still allowed after a skill.
// ")" too, so the "R" closing "IR(ME)R" is not the R language.
const BEFORE = '(?<![A-Za-z0-9_+#.&)])';
const AFTER = '(?![A-Za-z0-9_+#&]|\\.[A-Za-z0-9])';

interface Matcher {
  regex: RegExp;
  lookup: Map<string, string>;
  caseSensitive: boolean;
}

function buildMatcher(caseSensitive: boolean): Matcher {
  const lookup = new Map<string, string>();
  for (const skill of SKILLS) {
    const terms = caseSensitive ? skill.aliases.filter((a) => a.startsWith('=')).map((a) => a.slice(1)) : [skill.name, ...skill.aliases.filter((a) => !a.startsWith('='))];
    for (const term of terms) {
      // Case-sensitive entries stand in for the canonical name when the name itself is an
      // English word, so drop that name from the case-insensitive set.
      if (!caseSensitive && skill.aliases.some((a) => a.startsWith('=') && a.slice(1).toLowerCase() === term)) continue;
      const key = caseSensitive ? term : term.toLowerCase();
      if (!lookup.has(key)) lookup.set(key, skill.name);
    }
  }
  const terms = [...lookup.keys()].sort((a, b) => b.length - a.length);
  const regex = new RegExp(`${BEFORE}(${terms.map(aliasPattern).join('|')})${AFTER}`, caseSensitive ? 'g' : 'gi');
  return { regex, lookup, caseSensitive };
}

let matchers: [Matcher, Matcher] | null = null;

function normaliseMatch(text: string): string {
  return text.replace(/[\s-]+/g, ' ');
}

function lookupKey(m: Matcher, matched: string): string | undefined {
  const raw = m.caseSensitive ? matched : matched.toLowerCase();
  const direct = m.lookup.get(raw);
  if (direct) return direct;
  const spaced = normaliseMatch(raw);
  for (const [key, name] of m.lookup) {
    if (normaliseMatch(key) === spaced) return name;
  }
  return undefined;
}

export interface SkillMention {
  skill: string;
  index: number;
  /** Index just past the matched words. */
  end: number;
}

/** All skill mentions in the text, in order of appearance (one per occurrence). */
export function findSkillMentions(text: string): SkillMention[] {
  matchers ??= [buildMatcher(false), buildMatcher(true)];
  const out: SkillMention[] = [];
  for (const m of matchers) {
    m.regex.lastIndex = 0;
    for (const match of text.matchAll(m.regex)) {
      const skill = lookupKey(m, match[1] ?? match[0]);
      if (skill) out.push({ skill, index: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Distinct canonical skills in the text, in order of first appearance. */
export function findSkills(text: string): string[] {
  return [...new Set(findSkillMentions(text).map((m) => m.skill))];
}

/**
 * What a recruiter reads between the lines of a CV: a skill implied by another one
 * ("TypeScript" ⇒ JavaScript, "RabbitMQ" ⇒ message queues and event-driven architecture,
 * never Kafka) or by what the person says they did ("Designed PostgreSQL schemas" ⇒ database
 * design). Each rule names the words that justify it, so the analysis can show its evidence.
 */
const IMPLIES: Record<string, string[]> = {
  typescript: ['javascript'],
  react: ['javascript'],
  vue: ['javascript'],
  angular: ['javascript'],
  'node.js': ['javascript'],
  'next.js': ['react', 'javascript'],
  nestjs: ['node.js', 'javascript'],
  'express.js': ['node.js', 'javascript'],
  django: ['python'],
  flask: ['python'],
  fastapi: ['python'],
  pandas: ['python'],
  pytorch: ['python'],
  spring: ['java'],
  postgresql: ['sql'],
  mysql: ['sql'],
  'sql server': ['sql'],
  sqlite: ['sql'],
  kubernetes: ['docker'],
  rabbitmq: ['message queues', 'event-driven architecture'],
  kafka: ['message queues', 'event-driven architecture'],
  'github actions': ['ci/cd', 'git'],
  'gitlab ci': ['ci/cd', 'git'],
  jenkins: ['ci/cd'],
  tableau: ['data visualization'],
  'power bi': ['data visualization'],
  looker: ['data visualization'],
  'usability testing': ['user research'],
  'user research': ['research'],
  'quota attainment': ['sales'],
  'pipeline management': ['crm'],
  'team supervision': ['team leadership'],
  'nmc registration': ['patient care', 'clinical background'],
  'patient education': ['communication'],
  'patient counselling': ['communication'],
  'gphc registration': ['clinical background'],
  'medicines reconciliation': ['clinical background'],
  'complaint handling': ['customer support'],
  'front office': ['customer support'],
  'chartered accountant': ['accounting'],
  'social work registration': ['safeguarding'],
  'month-end close': ['accounting'],
};

interface EvidenceRule {
  skill: string;
  re: RegExp;
}

// Phrases, not single words: each must read as first-hand evidence in a CV line.
const EVIDENCE_RULES: EvidenceRule[] = [
  { skill: 'database design', re: /\b(designed|designing|modell?ed|normali[sz]ed)\b[^.\n]{0,40}\b(schemas?|data ?models?|tables)\b/i },
  { skill: 'event-driven architecture', re: /\b(event[\s-]?(driven|based|pipeline|bus|sourcing)|events? (pipeline|stream)|pub\/?sub|message broker|sqs|sns|nats)\b/i },
  { skill: 'message queues', re: /\b(sqs|activemq|nats|message broker|queues?)\b/i },
  { skill: 'team leadership', re: /\b(led|lead|leading|managed|managing|supervised|ran|run|deputi[sz]ed)\b[^.\n]{0,50}\b(team|teams|staff|section|sections|shift|squad|crew|colleagues|restaurant|store|kitchen|\d+ (people|staff|employees|soldiers|pickers))\b/i },
  { skill: 'communication', re: /\b(presented|presenting|presentations?|patient education|explained|briefings?|wrote (reports|briefings|guides)|taught|teaching|delivered training|demos?|newsletter|public speaking|counsell?ed|reassured|advised|parents|customers|guests|families|patients|pupils|children|clients)\b/i },
  // Hands-on work with patients, not only the words "patient care".
  { skill: 'patient care', re: /\b(reassured|assessed|treated|examined|scanned|x-rayed|positioned|supported|looked after|nursed)\b[^.\n]{0,40}\bpatients?\b/i },
  { skill: 'stakeholder management', re: /\b((worked|working|coordinated|liaised|collaborated)( closely)? with\b[^.\n]{0,60}\b(teams?|departments?|heads|managers|doctors|clients|families|partners|agencies|police|schools|underwriters|stakeholders|suppliers)|department heads|hiring managers|with stakeholders)\b/i },
  { skill: 'relationship building', re: /\b(relationships?|rapport|families|account management|repeat customers|long-term clients)\b/i },
  { skill: 'teamwork', re: /\b((worked|working) (closely )?with|in a squad|in a team|team player|with my (year|team) partner|alongside|partnered with)\b/i },
  { skill: 'customer support', re: /\b(served|serving|helped|dealt with|handled) (customers|guests|clients|patients)|\bcustomers? at the counter\b|\bguest (feedback|reviews)\b|\bfront[\s-]of[\s-]house\b/i },
  { skill: 'training', re: /\b(trained|coached|onboarded|taught)\b[^.\n]{0,40}\b(staff|team|colleagues|advisors|new|juniors?|assistants|nurses|receptionists|starters)\b/i },
  { skill: 'lesson planning', re: /\b(designed|planned|prepared) and delivered\b[^.\n]{0,40}\b(training|sessions|lessons|courses|workshops|teaching)\b/i },
  { skill: 'clinical background', re: /\b(nurse|nursing|clinical|hospital|ward|pharmacist|paramedic|midwife|physiotherapist|doctor)\b/i },
  { skill: 'parent communication', re: /\b(parents?)\b[^.\n]{0,30}\b(relationships?|meetings?|evenings?|communicat\w*|phoned|calls?)\b|\b(relationships?|meetings?|phoned|calls?) with parents\b/i },
  { skill: 'data analysis', re: /\b(analy[sz]ed|analysis of|reports? on|insights?|dashboards?)\b/i },
  { skill: 'debugging', re: /\b(fixed|resolved|diagnosed|troubleshot)\b[^.\n]{0,30}\b(problems?|issues?|faults?|bugs?|errors?)\b/i },
  { skill: 'content marketing', re: /\b(wrote|writing|write)\b[^.\n]{0,30}\b(newsletter|copy|blog|posts|content|articles)\b/i },
  { skill: 'requirements gathering', re: /\b(gathered|gathering|captured|elicited) requirements\b|\buser stories\b/i },
  { skill: 'research', re: /\b(research(ed|er)?|surveys?|focus groups|interviews)\b/i },
];

export interface InferredSkill {
  skill: string;
  /** The words in the text, or the skill, the inference rests on. */
  evidence: string;
}

/** Skills implied by the text beyond those it names (see IMPLIES and EVIDENCE_RULES). */
export function inferSkills(text: string, named: readonly string[] = findSkills(text)): InferredSkill[] {
  const have = new Set(named);
  const out: InferredSkill[] = [];
  const add = (skill: string, evidence: string) => {
    if (have.has(skill) || !BY_NAME.has(skill)) return;
    have.add(skill);
    out.push({ skill, evidence });
  };
  for (const rule of EVIDENCE_RULES) {
    const m = rule.re.exec(text);
    if (m) add(rule.skill, m[0].trim());
  }
  // A CV written in fluent English shows the English a job asks for.
  if ((text.match(/\b(the|and|with|for|of|to|in|on)\b/gi)?.length ?? 0) >= 6) add('english', 'the CV is written in English');
  // Implications run to a fixed point so next.js ⇒ react ⇒ javascript.
  for (let changed = true; changed; ) {
    changed = false;
    for (const skill of [...have]) {
      for (const implied of IMPLIES[skill] ?? []) {
        if (!have.has(implied) && BY_NAME.has(implied)) {
          add(implied, skill);
          changed = true;
        }
      }
    }
  }
  return out;
}

// Words that say nothing about which skill is meant: "management" in "classroom management" is
// not what makes it classroom management.
const GENERIC_WORDS = new Set([
  'management', 'manage', 'managing', 'skills', 'skill', 'experience', 'knowledge', 'awareness', 'ability', 'understanding',
  'strong', 'good', 'excellent', 'working', 'work', 'basic', 'advanced', 'and', 'the', 'of', 'with', 'for', 'in', 'a', 'an',
  'to', 'on', 'or', 'at', 'by', 'as', 'using', 'use', 'general', 'general', 'effective',
]);

/** A crude suffix-stripping stem, enough to match "dispensed" with dispensing; short stems keep the word. */
export function stemWord(word: string): string {
  const w = word.toLowerCase();
  const s = w.replace(/(ations?|ings?|ments?|ions?|ers?|ed|es|s|ly|ive|al)$/, '');
  return s.length >= 4 ? s : w;
}

/**
 * A line of the text that names every distinctive word of the skill or one of its multi-word
 * aliases, in any inflection and order ("kept a calm, well-ordered classroom" for classroom
 * management; "supervised the night team" for team supervision). The fallback a careful reader
 * uses when the CV describes a skill instead of naming it. Null when no line does.
 */
export function findSkillEvidence(skill: string, text: string): string | null {
  const def = getSkill(skill);
  // A requirement outside the vocabulary (named in ESCO's words) is its own only term.
  const all = def ? [def.name, ...def.aliases.filter((a) => !a.startsWith('='))] : [skill];
  // Multi-word terms, and single words long enough that their stem is still specific ("dispensed" for dispensing).
  const terms = all.filter((t) => /\s/.test(t.trim()) || stemWord(t).length >= 6);
  const lines = text.split(/\r?\n|(?<=[.;!?])\s+/).map((l) => ({ raw: l, words: (l.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? []) }));
  for (const term of terms) {
    const stems = (term.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? []).filter((w) => !GENERIC_WORDS.has(w)).map(stemWord);
    // One- and two-letter words ("t level") match almost any line.
    if (!stems.length || stems.some((x) => x.length < 3)) continue;
    for (const line of lines) {
      if (stems.every((s) => line.words.some((w) => w.startsWith(s)))) return line.raw.trim().slice(0, 120);
    }
  }
  return null;
}

let describedTerms: { skill: string; stems: string[] }[] | null = null;

/**
 * Skills a line describes without naming them, as a job description writes its requirements
 * ("Experience negotiating with suppliers" → negotiation, supplier management): every distinctive
 * word of a multi-word term or alias in any inflection and order, or a single specific word
 * ("negotiating" for negotiation). A term that is only one specific word once its generic words
 * are dropped ("stock management") is skipped: one common word is too little to name a skill.
 */
export function findSkillsDescribed(line: string): string[] {
  describedTerms ??= SKILLS.flatMap((def) =>
    [def.name, ...def.aliases.filter((a) => !a.startsWith('='))].flatMap((term) => {
      const words = term.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? [];
      const content = words.filter((w) => !GENERIC_WORDS.has(w));
      if (!content.length || content.some((w) => w.length < 3)) return [];
      if (content.length === 1 && (words.length > 1 || stemWord(content[0]!).length < 6)) return [];
      return [{ skill: def.name, stems: content.map(stemWord) }];
    }),
  );
  const words = line.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? [];
  const out = new Set<string>();
  for (const t of describedTerms) if (t.stems.every((s) => words.some((w) => w.startsWith(s)))) out.add(t.skill);
  return [...out];
}
