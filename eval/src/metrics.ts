/**
 * Pure metric helpers for the evaluation: label normalisation and precision/recall/F1 counts.
 * Skill names on both sides go through core's canonical vocabulary (`canonicalSkill`), so a
 * label written "Postgres" and an output "postgresql" are the same skill; a name outside the
 * vocabulary is compared in its normalised form (lower case, "-" as space, edge punctuation off).
 */
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
