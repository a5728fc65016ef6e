/** Rubric dimensions the report scores (1–5 each) and the version the scorer stamps on reports. */

export const RUBRIC_VERSION = 'rubric-1';

export const RUBRIC_DIMENSIONS = [
  { key: 'clarity', label: 'Clarity', description: 'Answers are easy to follow: a sensible length, few fillers, not rambling.' },
  { key: 'structure', label: 'Structure (STAR)', description: 'Answers set the situation and task, say what you did, and end with the result.' },
  { key: 'relevance', label: 'Relevance to the question', description: 'Answers address what was asked and touch the points the question is about.' },
  { key: 'depth', label: 'Depth and evidence', description: 'Specific, first-hand examples with details rather than general claims.' },
  { key: 'impact', label: 'Impact and results', description: 'Outcomes stated, ideally measured with numbers.' },
  { key: 'role', label: 'Role-specific competence', description: 'The skills the role requires come up with real depth.' },
] as const;

export type DimensionKey = (typeof RUBRIC_DIMENSIONS)[number]['key'];

/** 1–5 from a 0–1 measure; the band edges are what the reasons in the report describe. */
export function toBand(value: number): 1 | 2 | 3 | 4 | 5 {
  const v = Math.max(0, Math.min(1, value));
  if (v >= 0.8) return 5;
  if (v >= 0.6) return 4;
  if (v >= 0.4) return 3;
  if (v >= 0.2) return 2;
  return 1;
}
