import { describe, expect, it } from 'vitest';
import { intraclassCorrelations, quadraticWeightedKappa } from '@mockroom/core/agreement';
import { aiScores, buildAgreement, calibrationCurve, toScores } from './review-agreement.js';

const KEYS = ['clarity', 'structure', 'relevance', 'depth', 'impact', 'role'];
const scores = (...values: number[]) => Object.fromEntries(KEYS.map((k, i) => [k, values[i]!]));

describe('buildAgreement', () => {
  it('puts the reviewer beside the AI, the lead and the others, with kappa and ICC(2,1) over the dimensions', () => {
    const mine = scores(4, 3, 4, 2, 2, 3);
    const ai = scores(4, 2, 4, 3, 2, 3);
    const lead = scores(5, 3, 4, 2, 1, 3);
    const other = scores(3, 3, 4, 2, 2, 2);
    const a = buildAgreement({ mine, ai, lead, others: [lead, other], history: [{ mine, ai, lead }] });
    expect(a.dimensions.map((d) => [d.key, d.mine, d.ai, d.lead, d.others])).toEqual(KEYS.map((k) => [k, mine[k], ai[k], lead[k], [lead[k], other[k]]]));
    expect(a.kappaVsAi).toBeCloseTo(quadraticWeightedKappa(KEYS.map((k) => mine[k]!), KEYS.map((k) => ai[k]!), 1, 5)!, 12);
    expect(a.kappaVsLead).toBeCloseTo(quadraticWeightedKappa(KEYS.map((k) => mine[k]!), KEYS.map((k) => lead[k]!), 1, 5)!, 12);
    expect(a.cohortIcc).toBeCloseTo(intraclassCorrelations(KEYS.map((k) => [mine[k]!, lead[k]!, other[k]!]))!.icc21, 12);
    expect(a.raters).toBe(3);
  });

  it('computes per-dimension kappa over the reviewer’s history and leaves out what is missing', () => {
    const history = [
      { mine: scores(1, 1, 1, 1, 1, 1), ai: scores(1, 1, 1, 1, 1, 1), lead: null },
      { mine: scores(3, 3, 3, 3, 3, 3), ai: scores(4, 3, 3, 3, 3, 3), lead: null },
      { mine: scores(5, 5, 5, 5, 5, 5), ai: null, lead: null },
    ];
    const a = buildAgreement({ mine: history[1]!.mine, ai: history[1]!.ai, lead: null, others: [], history });
    const clarity = a.dimensions.find((d) => d.key === 'clarity')!;
    expect(clarity.pairsVsAi).toBe(2);
    expect(clarity.kappaVsAi).toBeCloseTo(quadraticWeightedKappa([1, 3], [1, 4], 1, 5)!, 12);
    expect(clarity.kappaVsLead).toBeNull();
    expect(clarity.pairsVsLead).toBe(0);
    // A lone reviewer has no ICC, and no lead means no kappa against one.
    expect(a.cohortIcc).toBeNull();
    expect(a.kappaVsLead).toBeNull();
  });
});

describe('calibrationCurve', () => {
  it('orders submissions in time and pools the kappa as it goes', () => {
    const gold = scores(4, 4, 3, 2, 2, 3);
    const later = { itemId: 'b', title: 'B', submittedAt: new Date('2026-11-02'), mine: gold, gold };
    const first = { itemId: 'a', title: 'A', submittedAt: new Date('2026-11-01'), mine: scores(2, 2, 2, 2, 2, 2), gold };
    const points = calibrationCurve([later, first]);
    expect(points.map((p) => p.itemId)).toEqual(['a', 'b']);
    expect(points[0]!.kappa).toBeCloseTo(quadraticWeightedKappa([2, 2, 2, 2, 2, 2], [4, 4, 3, 2, 2, 3], 1, 5)!, 12);
    expect(points[0]!.meanAbsoluteDifference).toBeCloseTo((2 + 2 + 1 + 0 + 0 + 1) / 6, 12);
    expect(points[1]!.kappa).toBeCloseTo(1, 12);
    expect(points[1]!.cumulativeKappa!).toBeGreaterThan(points[0]!.cumulativeKappa ?? -1);
  });
});

describe('stored scores', () => {
  it('keeps only whole 1–5 scores of rubric dimensions, and reads the AI report’s dimensions', () => {
    expect(toScores({ clarity: 3, depth: 7, impact: 2.5, nonsense: 4 })).toEqual({ clarity: 3 });
    expect(aiScores([{ key: 'clarity', score: 4 }, { key: 'depth' }])).toEqual({ clarity: 4 });
    expect(aiScores(null)).toEqual({});
  });
});
