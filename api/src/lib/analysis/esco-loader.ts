/**
 * Loads the ESCO skill knowledge (core/src/esco.ts) from models/esco/skills.csv, which
 * scripts/fetch-models.sh installs from a pinned wheel. Server-side only: the browser never
 * downloads the 6 MB file; the API sends per-requirement evidence instead. Built once per process
 * (about a second) and shared; absent files mean the analysis runs on the hand vocabulary alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEscoKnowledge, type SkillKnowledge } from '@mockroom/core/esco';

export const ESCO_SKILLS_FILE = join('esco', 'skills.csv');

/** `<repo>/models`, found by walking up to the workspace root from this file. */
export function defaultModelsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'models');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'models');
    dir = parent;
  }
}

const cache = new Map<string, SkillKnowledge | null>();

/** The ESCO knowledge from `<modelsDir>/esco/skills.csv`, or null when the set-up has not installed it. */
export function loadSkillKnowledge(modelsDir = defaultModelsDir()): SkillKnowledge | null {
  const file = join(modelsDir, ESCO_SKILLS_FILE);
  if (cache.has(file)) return cache.get(file)!;
  const knowledge = existsSync(file) ? buildEscoKnowledge(readFileSync(file, 'utf8')) : null;
  cache.set(file, knowledge);
  return knowledge;
}
