/**
 * Per-requirement rows for the fit analysis card: each job requirement with whether it is required
 * or nice-to-have, matched or a gap (from the API's analysis), and the line of the owner's CV that
 * evidences a match. The API's `fitBasis` is a list of sentences, not per requirement, so the line
 * is found here with core's own skill matchers, on the CV the owner's page has already loaded.
 */
import { findSkillEvidence, findSkillMentions, inferSkills } from '@mockroom/core/skills';

export interface RequirementRow {
  skill: string;
  kind: 'required' | 'nice';
  matched: boolean;
  /** The CV line that names or describes the skill; null for a gap, or when no single line shows it. */
  evidence: string | null;
}

/** Long CV lines are clipped so one requirement stays one compact row. */
export const EVIDENCE_MAX_CHARS = 120;

/** Required first, then nice-to-have, each in the API's order; a skill listed in both counts as required. */
export function requirementRows(
  analysis: {
    required: readonly string[];
    niceToHave: readonly string[];
    gaps: readonly string[];
    /** The API's own per-requirement evidence (offline analyses since ESCO); used as is when present. */
    requirements?: readonly { skill: string; importance: 'required' | 'nice'; status: 'matched' | 'gap'; evidence: string | null }[];
  },
  cvText: string | null,
): RequirementRow[] {
  if (analysis.requirements?.length) {
    return analysis.requirements.map((r) => ({ skill: r.skill, kind: r.importance, matched: r.status === 'matched', evidence: r.status === 'matched' ? r.evidence : null }));
  }
  const gaps = new Set(analysis.gaps);
  const seen = new Set<string>();
  const rows: RequirementRow[] = [];
  const add = (skill: string, kind: RequirementRow['kind']) => {
    if (seen.has(skill)) return;
    seen.add(skill);
    const matched = !gaps.has(skill);
    rows.push({ skill, kind, matched, evidence: matched ? cvEvidenceLine(skill, cvText) : null });
  };
  for (const s of analysis.required) add(s, 'required');
  for (const s of analysis.niceToHave) add(s, 'nice');
  return rows;
}

/** The first CV line naming the skill, else one describing it, else the line a recruiter infers it from. */
export function cvEvidenceLine(skill: string, cvText: string | null): string | null {
  const cv = cvText?.trim();
  if (!cv) return null;
  for (const line of cv.split(/\r?\n/)) {
    if (findSkillMentions(line).some((m) => m.skill === skill)) return clip(line);
  }
  const described = findSkillEvidence(skill, cv);
  if (described) return clip(described);
  // An inference rests on a few words ("event pipeline"); quote the whole line they are on.
  const words = inferSkills(cv).find((i) => i.skill === skill)?.evidence;
  if (!words) return null;
  const needle = words.toLowerCase();
  return clip(cv.split(/\r?\n/).find((l) => l.toLowerCase().includes(needle)) ?? words);
}

function clip(line: string): string {
  const t = line.trim().replace(/^[-*•·▪◦‣–—]\s+/, '');
  return t.length > EVIDENCE_MAX_CHARS ? `${t.slice(0, EVIDENCE_MAX_CHARS - 1)}…` : t;
}
