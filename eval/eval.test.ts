import { describe, expect, it } from 'vitest';
import { ANSWER_CASES, CV_JD_CASES, QUICK_ANSWER_IDS, QUICK_CV_JD_IDS } from './data/index.js';
import { addSets, emptyCounts, prf, toKey } from './src/metrics.js';
import { runEval } from './src/run-eval.js';
import { toMarkdown } from './src/report.js';

describe('evaluation set', () => {
  it('has the size and spread issue 13 asks for, with about a third held out', () => {
    expect(CV_JD_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CV_JD_CASES.map((c) => c.occupation)).size).toBeGreaterThanOrEqual(10);
    expect(ANSWER_CASES.length * 2).toBeGreaterThanOrEqual(80);
    for (const set of [CV_JD_CASES, ANSWER_CASES]) {
      const held = set.filter((c) => c.split === 'heldout').length / set.length;
      expect(held).toBeGreaterThan(0.28);
      expect(held).toBeLessThan(0.4);
    }
    expect(new Set([...CV_JD_CASES, ...ANSWER_CASES].map((c) => c.id)).size).toBe(CV_JD_CASES.length + ANSWER_CASES.length);
  });

  it('labels every gap as one of the case’s own requirements and every band inside 0–100', () => {
    for (const c of CV_JD_CASES) {
      const reqs = new Set([...c.labels.required, ...c.labels.niceToHave].map(toKey));
      for (const g of c.labels.gaps) expect(reqs, `${c.id}: ${g}`).toContain(toKey(g));
      const [lo, hi] = c.labels.fitBand;
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(100);
      expect(lo).toBeLessThan(hi);
    }
  });
});

describe('metrics', () => {
  it('normalises skill names through the canonical vocabulary', () => {
    expect(toKey('Postgres')).toBe('postgresql');
    expect(toKey(' PostgreSQL. ')).toBe('postgresql');
    expect(toKey('Golang')).toBe('go');
    expect(toKey('Not-A-Known Skill')).toBe('not a known skill');
  });

  it('counts micro precision and recall', () => {
    const c = emptyCounts();
    addSets(c, new Set(['a', 'b', 'x']), new Set(['a', 'b', 'c', 'd']));
    const r = prf(c);
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 2]);
    expect(r.precision).toBeCloseTo(2 / 3, 3);
    expect(r.recall).toBe(0.5);
  });
});

describe('pnpm eval --quick', () => {
  const run = runEval({ quick: true, command: 'test', now: new Date('2026-01-01T00:00:00Z') });
  const dev = run.splits[0]!;

  it('runs the fixed dev subset and computes every metric', () => {
    expect(run.splits.map((s) => s.split)).toEqual(['dev']);
    expect(dev.cvJdCases).toBe(QUICK_CV_JD_IDS.length);
    expect(dev.answerPairs).toBe(QUICK_ANSWER_IDS.length);
    for (const v of [dev.skills.precision, dev.skills.recall, dev.gaps.precision, dev.gaps.recall, dev.fitBandHitRate, dev.pairAccuracy, dev.pairAccuracyWithMargin, dev.star.f1]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(dev.skills.tp + dev.skills.fn).toBeGreaterThan(0);
    expect(dev.gaps.tp + dev.gaps.fn).toBeGreaterThan(0);
    expect(dev.star.tp + dev.star.fn).toBeGreaterThan(0);
    expect(dev.items?.cvJd).toHaveLength(QUICK_CV_JD_IDS.length);
    expect(toMarkdown(run)).toContain('## dev split');
  });

  // Regression guards on the dev subset the rules were tuned on (they meet these today); the
  // held-out goals are reported by the full run, not asserted here.
  it('keeps the tuned rules at their dev-subset level', () => {
    expect(dev.skills.precision).toBeGreaterThanOrEqual(0.85);
    expect(dev.skills.recall).toBeGreaterThanOrEqual(0.85);
    expect(dev.gaps.precision).toBeGreaterThanOrEqual(0.8);
    expect(dev.gaps.recall).toBeGreaterThanOrEqual(0.8);
    expect(dev.fitBandHitRate).toBeGreaterThanOrEqual(0.8);
    expect(dev.pairAccuracyWithMargin).toBe(1);
    expect(dev.star.f1).toBeGreaterThanOrEqual(0.85);
  });
});

describe('full evaluation run', () => {
  it('reports both splits and keeps per-item detail for dev only', () => {
    const full = runEval({ quick: false, command: 'test' });
    expect(full.splits.map((s) => [s.split, s.cvJdCases])).toEqual([
      ['dev', CV_JD_CASES.filter((c) => c.split === 'dev').length],
      ['heldout', CV_JD_CASES.filter((c) => c.split === 'heldout').length],
    ]);
    expect(full.splits[1]!.items).toBeUndefined();
    // Held-out again per writing batch, adding up to the whole split.
    const batches = full.heldoutBatches ?? [];
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.reduce((n, b) => n + b.cvJdCases, 0)).toBe(full.splits[1]!.cvJdCases);
    expect(batches.every((b) => b.items === undefined)).toBe(true);
  });
});
