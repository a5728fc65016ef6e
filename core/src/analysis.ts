/**
 * Offline CV/JD analysis: skills from the vocabulary (skills.ts), required vs. nice-to-have
 * from the JD's headings, bullets and inline markers, seniority/scope, and a fit score whose
 * every point is explained in `fitBasis`. Deterministic: same input, same output.
 */
import { z } from 'zod';
import { findSkills } from './skills.js';
import type { Seniority } from './wire.js';

export const AnalysisSchema = z.object({
  cvSkills: z.array(z.string().max(60)).max(200),
  jdSkills: z.array(z.string().max(60)).max(200),
  required: z.array(z.string().max(60)).max(60),
  niceToHave: z.array(z.string().max(60)).max(60),
  seniority: z.string().max(40),
  fitScore: z.number().int().min(0).max(100),
  fitBasis: z.array(z.string().max(300)).max(20),
  gaps: z.array(z.string().max(60)).max(60),
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
}

export function extractRequirements(jobDescription: string, role: string): JdRequirements {
  const sections = parseJobDescription(jobDescription);
  const jdSkills = findSkills(`${role}\n${jobDescription}`);
  const required: string[] = [];
  const nice: string[] = [];
  const responsibilities: string[] = [];
  const hasRequiredSection = sections.some((s) => s.kind === 'required');
  for (const section of sections) {
    // Inline markers apply per sentence: "Jest helps. Tailwind would be nice to have." has one of each.
    for (const line of section.lines.flatMap((l) => l.split(/(?<=[.;!?])\s+/))) {
      const skills = findSkills(line);
      if (!skills.length) continue;
      if (INLINE_NICE.test(line)) nice.push(...skills);
      else if (section.kind === 'nice') nice.push(...skills);
      else if (section.kind === 'required' || INLINE_REQUIRED.test(line)) required.push(...skills);
      else if (section.kind === 'responsibilities') responsibilities.push(...skills);
      else if (!hasRequiredSection && section.kind === 'other') responsibilities.push(...skills);
    }
  }
  // Skills named in the role title ("Senior Go Engineer") are required whatever the JD layout.
  required.unshift(...findSkills(role));
  // Without an explicit requirements list, what the job says you will do is what it requires.
  if (!hasRequiredSection || required.length === 0) required.push(...responsibilities);
  const req = uniq(required);
  const reqSet = new Set(req);
  return { jdSkills, required: req.slice(0, 60), niceToHave: uniq(nice).filter((s) => !reqSet.has(s)).slice(0, 60) };
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 100);
}

export function analyzeApplication(input: {
  cvText: string | null;
  jobDescription: string;
  role: string;
  seniority: Seniority;
  /** Year that "present" in the CV's dates means; defaults to the current year. Tests pin it. */
  asOfYear?: number;
}): Analysis {
  const { jdSkills, required, niceToHave } = extractRequirements(input.jobDescription, input.role);
  const jdLevel = detectSeniority(input.role, input.jobDescription);
  const seniority = jdLevel ?? input.seniority;
  const basis: string[] = [];
  if (jdLevel && jdLevel !== input.seniority) basis.push(`The job description reads as ${jdLevel} level; you selected ${input.seniority}.`);
  const cv = input.cvText?.trim() ? input.cvText : null;
  if (!cv) {
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
    };
  }
  const cvSkills = findSkills(cv);
  const cvSet = new Set(cvSkills);
  const reqHit = required.filter((s) => cvSet.has(s));
  const niceHit = niceToHave.filter((s) => cvSet.has(s));
  const reqMissing = required.filter((s) => !cvSet.has(s));
  const niceMissing = niceToHave.filter((s) => !cvSet.has(s));

  // Weights: required skills dominate (70), nice-to-haves add (20), scope/experience (10).
  let reqPoints: number;
  if (required.length) {
    reqPoints = (70 * reqHit.length) / required.length;
    basis.push(`Required skills: ${reqHit.length} of ${required.length} found in your CV (${pct(reqHit.length, required.length)}%), worth ${Math.round(reqPoints)} of 70 points.`);
  } else {
    const overlap = jdSkills.filter((s) => cvSet.has(s)).length;
    reqPoints = jdSkills.length ? (70 * overlap) / jdSkills.length : 35;
    basis.push(
      jdSkills.length
        ? `The job description lists no explicit requirements; ${overlap} of ${jdSkills.length} skills it mentions are in your CV, worth ${Math.round(reqPoints)} of 70 points.`
        : 'No recognised skills in the job description; skills count for a neutral 35 of 70 points.',
    );
  }
  let nicePoints: number;
  if (niceToHave.length) {
    nicePoints = (20 * niceHit.length) / niceToHave.length;
    basis.push(`Nice-to-have skills: ${niceHit.length} of ${niceToHave.length} found, worth ${Math.round(nicePoints)} of 20 points.`);
  } else {
    nicePoints = (reqPoints / 70) * 20;
    basis.push(`No nice-to-have list; those 20 points follow the required-skill coverage (${Math.round(nicePoints)}).`);
  }
  const cvYears = estimateCvYears(cv, input.asOfYear ?? new Date().getUTCFullYear());
  const wantYears = requiredYears(input.jobDescription) ?? LEVEL_YEARS[jdLevel ?? input.seniority];
  let scopePoints: number;
  if (cvYears === null) {
    scopePoints = 5;
    basis.push('Years of experience could not be read from your CV; scope counts for a neutral 5 of 10 points.');
  } else if (cvYears >= wantYears) {
    scopePoints = 10;
    basis.push(`About ${cvYears} years of experience in your CV meets the ${wantYears}+ years this role expects (10 of 10 points).`);
  } else {
    scopePoints = wantYears === 0 ? 10 : Math.max(0, Math.round((10 * cvYears) / wantYears));
    basis.push(`About ${cvYears} years of experience in your CV against ${wantYears}+ expected (${scopePoints} of 10 points).`);
  }
  if (reqMissing.length) basis.push(`Not found in your CV: ${reqMissing.slice(0, 8).join(', ')}${reqMissing.length > 8 ? ', …' : ''}.`);
  const fitScore = Math.max(0, Math.min(100, Math.round(reqPoints + nicePoints + scopePoints)));
  return {
    cvSkills: cvSkills.slice(0, 200),
    jdSkills: jdSkills.slice(0, 200),
    required,
    niceToHave,
    seniority,
    fitScore,
    fitBasis: basis.map((b) => b.slice(0, 300)),
    gaps: [...reqMissing, ...niceMissing].slice(0, 60),
  };
}
