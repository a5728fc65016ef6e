/** One evaluation run over the whole set or the quick subset, both splits. */
import { ANSWER_CASES, CV_JD_CASES, QUICK_ANSWER_IDS, QUICK_CV_JD_IDS } from '../data/index.js';
import type { Split } from '../data/types.js';
import type { SkillKnowledge } from '../../core/src/esco.js';
import { loadSkillKnowledge } from '../../api/src/lib/analysis/esco-loader.js';
import { evaluateSplit } from './evaluate.js';
import type { EvalRun } from './report.js';

export function runEval(opts: { quick: boolean; command: string; now?: Date; knowledge?: SkillKnowledge | null }): EvalRun {
  // ESCO from models/esco when the set-up installed it, as the API loads it.
  const knowledge = opts.knowledge === undefined ? loadSkillKnowledge() : opts.knowledge;
  const cvJd = opts.quick ? CV_JD_CASES.filter((c) => QUICK_CV_JD_IDS.includes(c.id)) : CV_JD_CASES;
  const answers = opts.quick ? ANSWER_CASES.filter((c) => QUICK_ANSWER_IDS.includes(c.id)) : ANSWER_CASES;
  // --quick covers dev only (see QUICK_CV_JD_IDS); the held-out split is reported by full runs alone.
  const splits = (opts.quick ? (['dev'] as Split[]) : (['dev', 'heldout'] as Split[])).map((split) =>
    evaluateSplit(
      split,
      cvJd.filter((c) => c.split === split),
      answers.filter((c) => c.split === split),
      { knowledge },
    ),
  );
  // Held-out also by writing batch: the first set, and each later batch no rule was tuned on.
  const heldout = cvJd.filter((c) => c.split === 'heldout');
  const batches = [...new Set(heldout.map((c) => c.batch ?? null))];
  const heldoutBatches =
    opts.quick || batches.length < 2
      ? undefined
      : batches.map((b) => ({
          batch: b ?? 'first held-out set',
          ...evaluateSplit('heldout', heldout.filter((c) => (c.batch ?? null) === b), b === null ? answers.filter((c) => c.split === 'heldout') : [], { knowledge }),
        }));
  return {
    generatedAt: (opts.now ?? new Date()).toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    command: opts.command,
    engine: 'offline',
    knowledge: knowledge ? `hand vocabulary + ESCO (${knowledge.size} skills)` : 'hand vocabulary only (models/esco not installed)',
    splits,
    ...(heldoutBatches ? { heldoutBatches } : {}),
  };
}
