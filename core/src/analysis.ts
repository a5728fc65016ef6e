/**
 * Offline CV/JD analysis: skills from the vocabulary (skills.ts), required vs. nice-to-have
 * from the JD's headings, bullets and inline markers, seniority/scope, and a fit score whose
 * every point is explained in `fitBasis`. Deterministic: same input, same output.
 */
import { z } from 'zod';
import { canonicalSkill, CREDENTIALS, findSkillEvidence, findSkillMentions, findSkills, findSkillsDescribed, getSkill, inferSkills, isSoftSkill } from './skills.js';
import { phraseEvidence, requirementsFromLine, withoutPending } from './analysis-phrases.js';
import type { SkillKnowledge } from './esco.js';
import type { Seniority } from './wire.js';

/** One job requirement as the analysis read it, with the CV line that evidences a match. */
export const RequirementEvidenceSchema = z.object({
  skill: z.string().max(60),
  importance: z.enum(['required', 'nice']),
  status: z.enum(['matched', 'gap']),
  /** The CV line that names or describes the skill (clipped to 120 characters); null for a gap. */
  evidence: z.string().max(120).nullable(),
  /**
   * How the match was read: named in the CV, inferred by a recruiter's rule, described in the
   * words of an ESCO skill, or met by a skill the job accepts in its place. Null for a gap.
   */
  source: z.enum(['named', 'inferred', 'described', 'esco', 'alternative']).nullable(),
});
export type RequirementEvidence = z.infer<typeof RequirementEvidenceSchema>;

export const AnalysisSchema = z.object({
  cvSkills: z.array(z.string().max(60)).max(200),
  jdSkills: z.array(z.string().max(60)).max(200),
  required: z.array(z.string().max(60)).max(60),
  niceToHave: z.array(z.string().max(60)).max(60),
  seniority: z.string().max(40),
  fitScore: z.number().int().min(0).max(100),
  fitBasis: z.array(z.string().max(300)).max(20),
  gaps: z.array(z.string().max(60)).max(60),
  /** Per requirement, from the offline analysis; absent in analyses stored before it existed and from the LLM path. */
  requirements: z.array(RequirementEvidenceSchema).max(120).optional(),
  /** What produced it: "offline" (the rules) or the LLM's model name; set by the API's analysis service. */
  generator: z.string().max(100).optional(),
});

export interface Analysis {
  cvSkills: string[];
  jdSkills: string[];
  required: string[];
  niceToHave: string[];
  seniority: string;
  fitScore: number;
  fitBasis: string[];
  gaps: string[];
  requirements?: RequirementEvidence[];
}

export type JdSectionKind = 'required' | 'nice' | 'responsibilities' | 'other';

export interface JdSection {
  kind: JdSectionKind;
  heading: string | null;
  lines: string[];
}

const NICE_HEADING = /\b(nice[\s-]to[\s-]haves?|preferred|bonus|pluses|a plus|desirable|desired|good[\s-]to[\s-]haves?|extra credit|would be great|ideally|optional)\b/i;
const REQUIRED_HEADING =
  /\b(requirements?|required|must[\s-]haves?|qualifications?|what you('ll| will)? (need|bring|have)|who you are|you have|you bring|about you|we('re| are) looking for|what we look for|skills|experience|essential|minimum)\b/i;
const RESPONSIBILITY_HEADING = /\b(responsibilities|what you('ll| will) do|the role|your role|day[\s-]to[\s-]day|you will|duties|in this role)\b/i;
const OTHER_HEADING = /\b(about (us|the company|the team)|benefits|perks|what we offer|compensation|salary|how to apply|our values|equal opportunity|location)\b/i;

const BULLET = /^\s*(?:[-*•·▪◦‣–—]|\d{1,2}[.)]|[a-z][.)])\s+/;
const INLINE_NICE = /\b(nice to have|a plus|is a bonus|bonus points?|preferred|ideally|desirable|would be great|not required|optional|familiarity with)\b/i;
const INLINE_REQUIRED = /\b(must|required|requires|essential|mandatory|strong (experience|knowledge|background)|proficien(t|cy) (in|with)|\d+\+? years)\b/i;

function headingKind(text: string): JdSectionKind | null {
  if (NICE_HEADING.test(text)) return 'nice';
  if (OTHER_HEADING.test(text)) return 'other';
  if (RESPONSIBILITY_HEADING.test(text)) return 'responsibilities';
  if (REQUIRED_HEADING.test(text)) return 'required';
  return null;
}

/** A line reads as a heading when it is short, not a bullet, and ends with ":" or is marked up as one. */
function asHeading(line: string): string | null {
  const t = line.trim();
  if (!t || BULLET.test(t) || t.length > 70) return null;
  const md = /^#{1,6}\s+(.+)$/.exec(t);
  if (md) return md[1]!.replace(/[*_:]+/g, '').trim();
  const bold = /^\*\*(.+?)\*\*:?$/.exec(t);
  if (bold) return bold[1]!.replace(/:$/, '').trim();
  if (t.endsWith(':')) return t.slice(0, -1).trim();
  const words = t.split(/\s+/);
  if (words.length <= 6 && !/[.!?,;]$/.test(t) && headingKind(t)) return t;
  return null;
}

export function parseJobDescription(text: string): JdSection[] {
  const sections: JdSection[] = [{ kind: 'other', heading: null, lines: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const heading = asHeading(line);
    if (heading !== null) {
      sections.push({ kind: headingKind(heading) ?? 'other', heading, lines: [] });
      continue;
    }
    sections.at(-1)!.lines.push(line.replace(BULLET, ''));
  }
  return sections.filter((s) => s.lines.length > 0);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

const LEVELS: { level: Seniority; re: RegExp }[] = [
  { level: 'intern', re: /\b(intern(ship)?|placement student)\b/i },
  { level: 'junior', re: /\b(junior|jr\.?|entry[\s-]level|graduate|new grad)\b/i },
  { level: 'staff', re: /\b(staff|principal|distinguished)\b/i },
  { level: 'senior', re: /\b(senior|sr\.?)\b/i },
  { level: 'lead', re: /\b(lead|head of|engineering manager|director)\b/i },
  { level: 'mid', re: /\b(mid[\s-]level|intermediate)\b/i },
];

/** Years of experience a level usually implies (lower bound), for the scope comparison. */
const LEVEL_YEARS: Record<Seniority, number> = { intern: 0, junior: 0, mid: 2, senior: 5, staff: 8, lead: 6 };

function levelIn(text: string): Seniority | null {
  for (const { level, re } of LEVELS) if (re.test(text)) return level;
  return null;
}

/** Level from the role title, else the JD's first line (body text says "lead" and "senior" too loosely). */
export function detectSeniority(role: string, jobDescription: string): Seniority | null {
  const firstLine = jobDescription.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return levelIn(role) ?? levelIn(firstLine.slice(0, 120));
}

function requiredYears(jd: string): number | null {
  let best: number | null = null;
  for (const m of jd.matchAll(/\b(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?years?\b/gi)) {
    const n = Number(m[1]);
    if (n > 0 && n <= 30) best = best === null ? n : Math.max(best, n);
  }
  return best;
}

/** Years of experience in a CV: stated ("7 years of experience") or spanned by dated roles. */
export function estimateCvYears(cv: string, asOfYear: number): number | null {
  let stated: number | null = null;
  for (const m of cv.matchAll(/\b(\d{1,2})\s*\+?\s*years?(?:\s+of)?\s+(?:professional\s+|industry\s+|commercial\s+)?experience\b/gi)) {
    const n = Number(m[1]);
    if (n <= 45) stated = Math.max(stated ?? 0, n);
  }
  let start: number | null = null;
  let end: number | null = null;
  for (const m of cv.matchAll(/\b(19[7-9]\d|20[0-4]\d)\s*(?:[-–—]|to|until)\s*(19[7-9]\d|20[0-4]\d|present|current|now|today)\b/gi)) {
    const a = Number(m[1]);
    const b = /^\d+$/.test(m[2]!) ? Number(m[2]) : asOfYear;
    if (b < a) continue;
    start = start === null ? a : Math.min(start, a);
    end = end === null ? b : Math.max(end, b);
  }
  const spanned = start !== null && end !== null ? end - start : null;
  if (stated === null && spanned === null) return null;
  return Math.max(stated ?? 0, spanned ?? 0);
}

export interface JdRequirements {
  jdSkills: string[];
  required: string[];
  niceToHave: string[];
  /**
   * Skills that satisfy a requirement in its place: the examples in "Data warehousing
   * (Snowflake or BigQuery)" satisfy data warehousing, and "Go or Java" satisfy each other.
   */
  alternatives: Record<string, string[]>;
  /**
   * Lines of the JD's explicit requirement list in which no known skill was recognised
   * ("Putting anxious patients at ease"): requirements the analysis cannot judge either way.
   */
  unreadRequired: number;
  /**
   * Requirements named in ESCO's words rather than the vocabulary's (see SkillKnowledge.requirementPhrase):
   * a reading of the line, not a certain one, so the analysis keeps them only where the CV evidences them.
   */
  tentative: string[];
  /**
   * Requirements named in the JD's own words (analysis-phrases.ts) because no known skill was in the
   * line, each with the alternatives the line accepts; judged by their words in the CV, a gap when absent.
   */
  phrased: Record<string, { alternatives: string[]; scope: 'line' | 'cv'; level?: number | undefined }>;
}

// Where a line gives examples of the skill before it rather than new requirements.
const EXAMPLE_LEAD = /\b(such as|e\.g\.?|eg|for example|for instance|like)\s/gi;
const INLINE_LABEL = /^(responsibilities|what you('ll| will) do|you will|duties|the role)\s*:\s*/i;
const INLINE_NICE_LABEL = /^(desirable|nice to have|preferred|bonus|a plus|optional|ideally)\s*:\s*/i;
const INLINE_REQUIRED_LABEL = /^(essential|required|requirements|must have|must-have|key requirements)\s*:\s*/i;
/** Job-title words that name a technology make it required; words that name the job itself ("Customer Success Manager") do not. */
const TITLE_SKILL_CATEGORIES = new Set(['language', 'frontend', 'backend', 'mobile', 'data', 'ml', 'cloud', 'devops', 'database', 'testing']);

const GENERIC_QUALIFIERS = new Set(['compliance', 'strategy', 'architecture']);

/** A JD's opening line that repeats the job title ("Customer Success Manager (healthcare software)"): short, no sentence. */
function isTitleLine(line: string): boolean {
  return line.split(/\s+/).length <= 8 && !/[.!?:]\s*$/.test(line) && !/\b(you|we|our)\b/i.test(line);
}

interface Span {
  start: number;
  end: number;
}

function exampleSpans(line: string): { spans: Span[]; niceSpans: Span[] } {
  const spans: Span[] = [];
  const niceSpans: Span[] = [];
  for (const m of line.matchAll(/\(([^()]*)\)/g)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (INLINE_NICE.test(m[1]!)) niceSpans.push(span);
    // "(Snowflake or BigQuery)" offers choices; "(Spark, Kafka)" names the stack, which is required.
    else if (/\b(or|e\.g|eg|such as|for example|like|preferred)\b/i.test(m[1]!)) spans.push(span);
  }
  for (const m of line.matchAll(EXAMPLE_LEAD)) {
    const rest = line.slice(m.index);
    const stop = rest.search(/[;)]|,\s+(?!or\b)(?=[a-z]+\s)/i);
    spans.push({ start: m.index, end: m.index + (stop > 0 ? stop : rest.length) });
  }
  return { spans, niceSpans };
}

const inside = (i: number, spans: Span[]) => spans.some((s) => i >= s.start && i < s.end);

export function extractRequirements(jobDescription: string, role: string, knowledge: SkillKnowledge | null = null): JdRequirements {
  const sections = parseJobDescription(jobDescription);
  const jdSkills = findSkills(`${role}\n${jobDescription}`);
  const required: string[] = [];
  const nice: string[] = [];
  const responsibilities: string[] = [];
  const alternatives = new Map<string, Set<string>>();
  let unreadRequired = 0;
  const tentative: string[] = [];
  const phrased = new Map<string, { alternatives: string[]; scope: 'line' | 'cv'; level?: number | undefined }>();
  const alt = (a: string, b: string) => {
    if (a === b) return;
    const set = alternatives.get(a) ?? new Set<string>();
    set.add(b);
    alternatives.set(a, set);
  };
  for (const section of sections) {
    // Inline markers apply per sentence: "Jest helps. Tailwind would be nice to have." has one of each.
    for (const raw of section.lines.flatMap((l) => l.split(/(?<=[.;!?])\s+/))) {
      let kind: JdSectionKind = section.kind;
      let line = raw;
      for (const [re, k] of [[INLINE_LABEL, 'responsibilities'], [INLINE_NICE_LABEL, 'nice'], [INLINE_REQUIRED_LABEL, 'required']] as const) {
        const m = re.exec(line);
        if (m) {
          kind = k;
          line = line.slice(m[0].length);
        }
      }
      const mentions = findSkillMentions(line);
      if (!mentions.length) {
        // A requirement written in other words than the vocabulary's ("Experience negotiating with suppliers").
        const described = findSkillsDescribed(line);
        // Else, in a requirement list, the requirement as the line names it ("Valid SIA licence" → sia licence).
        const listed = kind === 'required' || kind === 'nice' || INLINE_NICE.test(line) || INLINE_REQUIRED.test(line);
        for (const phrase of described.length || !listed ? [] : requirementsFromLine(line)) {
          const known = canonicalSkill(phrase.name);
          const name = known ?? phrase.name;
          described.push(name);
          if (!known) phrased.set(name, { alternatives: phrase.alternatives, scope: phrase.scope, level: phrase.level });
          // An accepted alternative the vocabulary knows ("Xero" for cloud accounting software) is evidence through it too.
          for (const a of phrase.alternatives) {
            const k = canonicalSkill(a) ?? findSkills(a)[0];
            if (k) alt(known ?? phrase.name, k);
          }
        }
        // Else the skill as ESCO names it, in the line's own words ("Fault finding on three-phase equipment").
        const named = described.length ? null : knowledge?.requirementPhrase(line.replace(/\([^()]*\)/g, ' '));
        if (named) {
          described.push(named);
          tentative.push(named);
        }
        if (!described.length) {
          if (kind === 'required' && section.kind === 'required' && line.split(/\s+/).length >= 2) unreadRequired++;
          continue;
        }
        const outsideText = line.replace(/\([^()]*\)/g, ' ');
        if (kind === 'nice' || INLINE_NICE.test(outsideText)) nice.push(...described);
        else if (kind === 'required' || INLINE_REQUIRED.test(outsideText)) required.push(...described);
        else if (kind === 'responsibilities' || (kind === 'other' && section.heading === null && !isTitleLine(raw))) responsibilities.push(...described);
        continue;
      }
      const { spans, niceSpans } = exampleSpans(line);
      const outside = line.replace(/\([^()]*\)/g, ' ');
      const heads: { skill: string; index: number; end: number }[] = [];
      for (const m of mentions) {
        if (inside(m.index, niceSpans)) {
          nice.push(m.skill);
          continue;
        }
        if (inside(m.index, spans)) {
          // An example of the skill named before it on the line; alone, a requirement of its own.
          const head = heads.at(-1);
          if (head) {
            alt(head.skill, m.skill);
            continue;
          }
        }
        const prev = heads.at(-1);
        const between = prev ? line.slice(prev.end, m.index) : '';
        // "PCI DSS or similar compliance", "Airflow or another orchestrator": the second names the kind, not a new requirement.
        if (prev && /^\s*(,\s*)?or (a )?(similar|equivalent|another|other|comparable)\b/i.test(between)) {
          alt(prev.skill, m.skill);
          continue;
        }
        // "health and safety compliance": a generic word qualifying the skill just before it.
        if (prev && GENERIC_QUALIFIERS.has(m.skill) && /^\s*$/.test(between)) continue;
        // "our mobile app", "our fleet": the employer's own product or setting, not asked of the candidate.
        if (/\b(our|their)\s+$/i.test(line.slice(Math.max(0, m.index - 6), m.index)) && kind !== 'required' && kind !== 'nice') continue;
        if (prev && /^\s*(or|\/|,\s*or)\s*$/i.test(between)) {
          alt(prev.skill, m.skill);
          alt(m.skill, prev.skill);
        }
        heads.push(m);
      }
      const skills = heads.map((h) => h.skill);
      if (!skills.length) continue;
      if (kind === 'nice' || INLINE_NICE.test(outside)) nice.push(...skills);
      else if (kind === 'required' || INLINE_REQUIRED.test(outside)) required.push(...skills);
      else if (kind === 'responsibilities' || (kind === 'other' && section.heading === null && !isTitleLine(raw))) responsibilities.push(...skills);
    }
  }
  // Skills named in the role title ("Senior Go Engineer") are required whatever the JD layout.
  required.unshift(...findSkills(role).filter((s) => TITLE_SKILL_CATEGORIES.has(getSkill(s)?.category ?? '')));
  // What the job says you will do is what it requires, after the explicit list.
  required.push(...responsibilities);
  const req = uniq(required);
  const reqSet = new Set(req);
  const niceToHave = uniq(nice).filter((s) => !reqSet.has(s));
  const listed = new Set([...req, ...niceToHave]);
  const alts: Record<string, string[]> = {};
  for (const [k, v] of alternatives) if (listed.has(k)) alts[k] = [...v].filter((x) => x !== k);
  return {
    jdSkills,
    required: req.slice(0, 60),
    niceToHave: niceToHave.slice(0, 60),
    alternatives: alts,
    unreadRequired,
    tentative: tentative.filter((t) => listed.has(t)),
    phrased: Object.fromEntries([...phrased].filter(([name]) => listed.has(name))),
  };
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 100);
}

/** Fit score ceiling when a required licence or registration is missing (see CREDENTIALS). */
export const MISSING_CREDENTIAL_CAP = 60;

const TITLE_STOP = new Set(['senior', 'junior', 'lead', 'principal', 'staff', 'head', 'assistant', 'associate', 'trainee', 'graduate', 'intern', 'level', 'entry', 'full', 'time', 'part', 'with', 'and', 'for', 'the', 'of', 'in', 'mid', 'tier', 'manager', 'officer', 'executive', 'partner', 'specialist', 'representative']);

/** A content word of the role title that the CV also uses ("teacher", "nurse", "pharmacist"): the same line of work. */
function titleOverlap(role: string, cv: string): string | null {
  const words = role.toLowerCase().match(/[a-z][a-z&-]{2,}/g) ?? [];
  const text = cv.toLowerCase();
  for (const w of words) {
    if (TITLE_STOP.has(w)) continue;
    const stem = w.length > 6 ? w.slice(0, w.length - 2) : w;
    if (new RegExp(`\\b${stem.replace(/[-&]/g, '.')}`).test(text)) return w;
  }
  return null;
}

export function analyzeApplication(input: {
  cvText: string | null;
  jobDescription: string;
  role: string;
  seniority: Seniority;
  /** Year that "present" in the CV's dates means; defaults to the current year. Tests pin it. */
  asOfYear?: number;
  /** Skill knowledge beyond the hand vocabulary (ESCO, loaded on the server); without it only the vocabulary is used. */
  knowledge?: SkillKnowledge | null;
}): Analysis {
  const read = extractRequirements(input.jobDescription, input.role, input.knowledge ?? null);
  const { jdSkills, alternatives, tentative, phrased } = read;
  let { required, niceToHave, unreadRequired } = read;
  const jdLevel = detectSeniority(input.role, input.jobDescription);
  const seniority = jdLevel ?? input.seniority;
  const basis: string[] = [];
  if (jdLevel && jdLevel !== input.seniority) basis.push(`The job description reads as ${jdLevel} level; you selected ${input.seniority}.`);
  // What the CV says is not yet held ("registration applied for") is read as not held.
  const cv = input.cvText?.trim() ? withoutPending(input.cvText) : null;
  if (!cv) {
    required = required.filter((s) => !tentative.includes(s));
    niceToHave = niceToHave.filter((s) => !tentative.includes(s));
    basis.push('No CV provided, so the fit score could not be computed; every required skill is listed as a gap to probe.');
    return {
      cvSkills: [],
      jdSkills: jdSkills.slice(0, 200),
      required,
      niceToHave,
      seniority,
      fitScore: 0,
      fitBasis: basis,
      gaps: [...required, ...niceToHave].slice(0, 60),
      requirements: requirementRows(required, niceToHave, () => null),
    };
  }
  const named = findSkills(cv);
  const inferred = inferSkills(cv, named);
  const cvSkills = [...named, ...inferred.map((i) => i.skill)];
  const cvSet = new Set(cvSkills);
  // Where each CV skill shows, for the per-requirement evidence.
  const shown = new Map<string, { line: string; source: NonNullable<RequirementEvidence['source']> }>();
  const cvLines = cv.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const line of cvLines) for (const m of findSkillMentions(line)) if (!shown.has(m.skill)) shown.set(m.skill, { line, source: 'named' });
  for (const i of inferred) {
    // A rule rests on a few words ("event pipeline") or on a named skill (TypeScript ⇒ JavaScript): quote the line they are on.
    const line = shown.get(i.evidence)?.line ?? cvLines.find((l) => l.toLowerCase().includes(i.evidence.toLowerCase())) ?? i.evidence;
    if (!shown.has(i.skill)) shown.set(i.skill, { line, source: 'inferred' });
  }
  // Requirements the CV describes without naming: every distinctive word of the skill in one line.
  for (const s of [...required, ...niceToHave]) {
    if (cvSet.has(s)) continue;
    if (s in phrased) {
      // Named in the JD's words: its words (or an accepted alternative's) in one CV line, ESCO's rare words weighing most.
      const k = input.knowledge;
      const { alternatives: others, scope, level } = phrased[s]!;
      const line = [s, ...others].map((n) => phraseEvidence(n, cv, k ? (stem) => k.wordSkills(stem) : null, scope, level)).find(Boolean);
      if (line) {
        cvSet.add(s);
        cvSkills.push(s);
        inferred.push({ skill: s, evidence: line });
        shown.set(s, { line, source: 'described' });
        continue;
      }
    }
    const line = findSkillEvidence(s, cv);
    if (line) {
      cvSet.add(s);
      cvSkills.push(s);
      inferred.push({ skill: s, evidence: line });
      shown.set(s, { line, source: 'described' });
      continue;
    }
    // ESCO: a CV line in the wording of an ESCO skill whose labels name the requirement.
    const def = getSkill(s);
    const terms = def ? [def.name, ...def.aliases.filter((a) => !a.startsWith('='))] : [s];
    const esco = input.knowledge?.evidence(terms, cv, (phrase) => {
      const other = canonicalSkill(phrase);
      return other !== null && other !== s;
    });
    if (esco) {
      cvSet.add(s);
      cvSkills.push(s);
      inferred.push({ skill: s, evidence: esco.line });
      shown.set(s, { line: esco.line, source: 'esco' });
    }
  }
  // A requirement read in ESCO's words and not evidenced stays unjudged (half met, like an unread line)
  // rather than a gap: the reading may not be the job's own name for it.
  const unconfirmed = new Set(tentative.filter((s) => !cvSet.has(s)));
  if (unconfirmed.size) {
    unreadRequired += required.filter((s) => unconfirmed.has(s)).length;
    required = required.filter((s) => !unconfirmed.has(s));
    niceToHave = niceToHave.filter((s) => !unconfirmed.has(s));
  }
  // A requirement is met by the skill itself or by one the JD accepts in its place.
  const met = (s: string) => cvSet.has(s) || (alternatives[s] ?? []).some((a) => cvSet.has(a));
  const reqHit = required.filter(met);
  const niceHit = niceToHave.filter(met);
  const reqMissing = required.filter((s) => !met(s));
  const niceMissing = niceToHave.filter((s) => !met(s));
  // Soft skills weigh half: a recruiter reads them from the whole CV and probes them in the interview.
  const weight = (s: string) => (isSoftSkill(s) ? 0.5 : 1);
  const share = (hit: string[], all: string[]) => all.reduce((a, s) => a + weight(s), 0) && hit.reduce((a, s) => a + weight(s), 0) / all.reduce((a, s) => a + weight(s), 0);

  let reqCoverage: number;
  if (required.length) {
    // Requirement lines no known skill was read from count as half met: neither evidence nor a gap.
    const unread = Math.min(unreadRequired, required.length);
    const all = required.reduce((a, s) => a + weight(s), 0);
    reqCoverage = (reqHit.reduce((a, s) => a + weight(s), 0) + 0.5 * unread) / (all + unread);
    basis.push(`Required skills: ${reqHit.length} of ${required.length} found in your CV (${pct(reqCoverage * 100, 100)}% by weight; soft skills count half).`);
    if (unread) basis.push(`${unread} requirement line${unread > 1 ? 's' : ''} of the job description could not be matched to a known skill and count${unread > 1 ? '' : 's'} as half met.`);
  } else {
    const overlap = jdSkills.filter((s) => cvSet.has(s));
    reqCoverage = jdSkills.length ? overlap.length / jdSkills.length : 0.5;
    basis.push(
      jdSkills.length
        ? `The job description lists no explicit requirements; ${overlap.length} of ${jdSkills.length} skills it mentions are in your CV.`
        : 'No recognised skills in the job description; skill coverage counts as neutral.',
    );
  }
  let niceCoverage: number;
  if (niceToHave.length) {
    niceCoverage = share(niceHit, niceToHave);
    basis.push(`Nice-to-have skills: ${niceHit.length} of ${niceToHave.length} found.`);
  } else niceCoverage = reqCoverage;
  const cvYears = estimateCvYears(cv, input.asOfYear ?? new Date().getUTCFullYear());
  const wantYears = requiredYears(input.jobDescription) ?? LEVEL_YEARS[jdLevel ?? input.seniority];
  let experience: number;
  if (cvYears === null) {
    experience = 0.5;
    basis.push('Years of experience could not be read from your CV; experience counts as neutral.');
  } else if (cvYears >= wantYears) {
    experience = 1;
    basis.push(`About ${cvYears} years of experience in your CV meets the ${wantYears}+ years this role expects.`);
  } else {
    experience = wantYears === 0 ? 1 : cvYears / wantYears;
    basis.push(`About ${cvYears} years of experience in your CV against ${wantYears}+ expected.`);
  }
  const related = titleOverlap(input.role, cv);
  if (related) basis.push(`Your CV already names the kind of work this role is (“${related}”).`);
  if (inferred.length) basis.push(`Read from what you describe: ${inferred.slice(0, 6).map((i) => `${i.skill} (“${i.evidence.slice(0, 40)}”)`).join(', ')}.`);
  if (reqMissing.length) basis.push(`Not found in your CV: ${reqMissing.slice(0, 8).join(', ')}${reqMissing.length > 8 ? ', …' : ''}.`);

  // Weights: required coverage dominates; nice-to-haves, experience and doing this kind of work
  // already add. The curve is concave because a recruiter sees half the requirements met as a
  // real candidate, not a 50/100 one; with nothing met it stays near zero.
  const raw = 0.65 * reqCoverage + 0.12 * niceCoverage + 0.1 * experience + 0.13 * (related ? 1 : 0);
  let fitScore = Math.max(0, Math.min(100, Math.round(100 * raw ** 0.8)));
  const missingCredential = reqMissing.find((s) => CREDENTIALS.has(s));
  if (missingCredential && fitScore > MISSING_CREDENTIAL_CAP) {
    fitScore = MISSING_CREDENTIAL_CAP;
    basis.push(`The role requires ${missingCredential}, which your CV does not show, so the score is capped at ${MISSING_CREDENTIAL_CAP}.`);
  }
  return {
    cvSkills: cvSkills.slice(0, 200),
    jdSkills: jdSkills.slice(0, 200),
    required,
    niceToHave,
    seniority,
    fitScore,
    fitBasis: basis.map((b) => b.slice(0, 300)),
    gaps: [...reqMissing, ...niceMissing].slice(0, 60),
    requirements: requirementRows(required, niceToHave, (skill) => {
      if (!met(skill)) return null;
      const own = shown.get(skill);
      if (own) return own;
      const alt = (alternatives[skill] ?? []).find((a) => cvSet.has(a));
      return { line: (alt && shown.get(alt)?.line) || alt || skill, source: 'alternative' };
    }),
  };
}

/** Long CV lines are clipped so one requirement stays one compact row. */
const EVIDENCE_MAX_CHARS = 120;

function clipEvidence(line: string): string {
  const t = line.trim().replace(/^[-*•·▪◦‣–—]\s+/, '');
  return t.length > EVIDENCE_MAX_CHARS ? `${t.slice(0, EVIDENCE_MAX_CHARS - 1)}…` : t;
}

/** Required first, then nice-to-have, each in the JD's order; `found` gives a match's line and how it was read, null for a gap. */
function requirementRows(
  required: readonly string[],
  niceToHave: readonly string[],
  found: (skill: string) => { line: string; source: NonNullable<RequirementEvidence['source']> } | null,
): RequirementEvidence[] {
  const rows = [...required.map((s) => [s, 'required'] as const), ...niceToHave.map((s) => [s, 'nice'] as const)].map(([skill, importance]) => {
    const f = found(skill);
    return { skill, importance, status: f ? 'matched' : 'gap', evidence: f ? clipEvidence(f.line) : null, source: f?.source ?? null } satisfies RequirementEvidence;
  });
  return rows.slice(0, 120);
}
