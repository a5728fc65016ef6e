/**
 * Pure metric helpers for the evaluation: label normalisation and precision/recall/F1 counts.
 * Skill names on both sides go through core's canonical vocabulary (`canonicalSkill`), so a
 * label written "Postgres" and an output "postgresql" are the same skill; a name outside the
 * vocabulary is compared in its normalised form (lower case, "-" as space, edge punctuation off).
 *
 * Aligned naming (`alignNames`): a requirement the analysis names in the job's own words ("monitoring
 * cctv", "food hygiene certificate") is the labelled one ("cctv", "food hygiene") when, after dropping
 * filler words and stemming, one name's words are all in the other's and make at least half of it.
 * Each label takes at most one output name. The strict form (canonical name or identical text) is
 * reported beside it.
 */
import { wordKey } from '../../core/src/esco.js';
import { canonicalSkill, normaliseSkillTerm } from '../../core/src/skills.js';

export function toKey(name: string): string {
  return canonicalSkill(name) ?? normaliseSkillTerm(name);
}

export function toKeySet(names: readonly string[]): Set<string> {
  return new Set(names.map(toKey).filter(Boolean));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

/** Adds one case's predicted and expected sets to running counts; returns the case's own counts. */
export function addSets(into: Counts, predicted: Set<string>, expected: Set<string>): Counts {
  const c = emptyCounts();
  for (const p of predicted) if (expected.has(p)) c.tp++;
  else c.fp++;
  for (const e of expected) if (!predicted.has(e)) c.fn++;
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
  return c;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Micro precision/recall/F1. An empty prediction set has precision 1 (nothing claimed wrongly); nothing expected has recall 1. */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round3(precision), recall: round3(recall), f1: round3(f1), ...c };
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// Words that do not change which requirement a name means.
const NAME_FILLER = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'with', 'and', 'or', 'at', 'by', 'as', 'your', 'own',
  'experience', 'knowledge', 'skills', 'skill', 'ability', 'able', 'understanding', 'awareness', 'proven', 'good', 'strong',
  'excellent', 'working', 'basic', 'advanced', 'qualification', 'qualifications', 'qualified', 'certificate', 'certification',
  'certified', 'card', 'ticket', 'level', 'techniques', 'technique', 'valid', 'full', 'current', 'uk',
]);

/** The stemmed content words of a requirement name. */
export function nameStems(name: string): Set<string> {
  const words = name.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? [];
  return new Set(words.filter((w) => !NAME_FILLER.has(w) && !/^\d+$/.test(w)).map(wordKey));
}

/** How well two names denote one requirement: 1 for the same key, else the shared share of the longer name when one holds the other; 0 when neither. */
export function nameOverlap(a: string, b: string): number {
  if (toKey(a) === toKey(b)) return 1;
  const [x, y] = [nameStems(a), nameStems(b)];
  if (!x.size || !y.size) return 0;
  const shared = [...x].filter((w) => y.has(w)).length;
  if (shared < Math.min(x.size, y.size)) return 0;
  const r = shared / Math.max(x.size, y.size);
  return r >= 0.5 ? r : 0;
}

/**
 * Output names mapped onto label keys one to one, the closest pairs first: an output name that
 * denotes a labelled requirement is counted under the label's key; the rest keep their own key.
 */
export function alignNames(predicted: readonly string[], labels: readonly string[]): Map<string, string> {
  const pairs: { p: string; l: string; r: number }[] = [];
  for (const p of predicted) for (const l of labels) {
    const r = nameOverlap(p, l);
    if (r > 0) pairs.push({ p, l, r });
  }
  pairs.sort((u, v) => v.r - u.r);
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const { p, l } of pairs) {
    if (out.has(p) || taken.has(toKey(l))) continue;
    out.set(p, toKey(l));
    taken.add(toKey(l));
  }
  return out;
}
