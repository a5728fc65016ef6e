import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intraclassCorrelations, meanAbsoluteDifference, quadraticWeightedKappa } from './agreement.js';

/** Expands a contingency table (rows: rater A's category, columns: rater B's) into paired scores. */
function pairsFromTable(table: number[][], min = 1): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let c = 0; c < count; c++) {
      a.push(i + min);
      b.push(j + min);
    }
  }));
  return { a, b };
}

describe('quadraticWeightedKappa', () => {
  it('reproduces the worked example of Wikipedia "Cohen\'s kappa" (50 proposals, 20/5/10/15 → κ = 0.4)', () => {
    // With two categories the quadratic weights are 0 and 1, so weighted and unweighted kappa coincide.
    const { a, b } = pairsFromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(quadraticWeightedKappa(a, b, 1, 2)).toBeCloseTo(0.4, 10);
  });

  it('matches a three-category table worked by hand', () => {
    // Table [[10,5,0],[2,8,3],[0,2,10]], n = 40, weights (i-j)²/4 → 0, 0.25, 1.
    // Observed: (5+2+3+2)·0.25 / 40 = 0.075. Marginals A 15,13,12; B 12,15,13.
    // Expected: Σ w·rA·rB / 1600 = 0.25·(15·15+13·12+13·13+12·15)/1600 + 1·(15·13+12·12)/1600
    //         = 0.25·730/1600 + 339/1600 = 0.1140625 + 0.211875 = 0.3259375 → κw = 1 − 0.075/0.3259375.
    const { a, b } = pairsFromTable([
      [10, 5, 0],
      [2, 8, 3],
      [0, 2, 10],
    ]);
    expect(quadraticWeightedKappa(a, b, 1, 3)).toBeCloseTo(1 - 0.075 / 0.3259375, 10);
  });

  it('equals 2·cov / (var_a + var_b + (mean_a − mean_b)²) with 1/n moments (Fleiss & Cohen 1973)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 40 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const n = a.length;
        const ma = a.reduce((s, x) => s + x, 0) / n;
        const mb = b.reduce((s, x) => s + x, 0) / n;
        const va = a.reduce((s, x) => s + (x - ma) ** 2, 0) / n;
        const vb = b.reduce((s, x) => s + (x - mb) ** 2, 0) / n;
        const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0) / n;
        const denominator = va + vb + (ma - mb) ** 2;
        const kappa = quadraticWeightedKappa(a, b, 1, 5);
        if (denominator === 0) expect(kappa).toBeNull();
        else expect(kappa).toBeCloseTo((2 * cov) / denominator, 9);
      }),
    );
  });

  it('is 1 for perfect agreement and penalises a two-point miss more than a one-point miss', () => {
    expect(quadraticWeightedKappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 1, 5)).toBeCloseTo(1, 12);
    const near = quadraticWeightedKappa([1, 2, 3, 4, 5], [2, 2, 3, 4, 5], 1, 5)!;
    const far = quadraticWeightedKappa([1, 2, 3, 4, 5], [3, 2, 3, 4, 5], 1, 5)!;
    expect(near).toBeLessThan(1);
    expect(far).toBeLessThan(near);
  });

  it('is undefined when neither rater varies, and refuses scores off the scale', () => {
    expect(quadraticWeightedKappa([3, 3, 3], [3, 3, 3], 1, 5)).toBeNull();
    expect(quadraticWeightedKappa([], [], 1, 5)).toBeNull();
    expect(() => quadraticWeightedKappa([6], [1], 1, 5)).toThrow(RangeError);
    expect(() => quadraticWeightedKappa([1, 2], [1], 1, 5)).toThrow(RangeError);
  });
});

describe('intraclassCorrelations', () => {
  // Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2: six targets rated by four judges;
  // Table 4 gives ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71.
  const SHROUT_FLEISS_TABLE_2 = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
  ];

  it('reproduces Shrout & Fleiss (1979) Table 4 for their Table 2 data', () => {
    const icc = intraclassCorrelations(SHROUT_FLEISS_TABLE_2)!;
    expect(icc.icc11).toBeCloseTo(0.17, 2);
    expect(icc.icc21).toBeCloseTo(0.29, 2);
    expect(icc.icc31).toBeCloseTo(0.71, 2);
    expect({ targets: icc.targets, raters: icc.raters }).toEqual({ targets: 6, raters: 4 });
  });

  it('counts a constant offset between raters against ICC(2,1) but not ICC(3,1)', () => {
    const icc = intraclassCorrelations([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ])!;
    expect(icc.icc31).toBeCloseTo(1, 10);
    expect(icc.icc21).toBeLessThan(0.9);
  });

  it('needs two targets and two raters, each target scored by every rater', () => {
    expect(intraclassCorrelations([[1, 2]])).toBeNull();
    expect(intraclassCorrelations([[1], [2]])).toBeNull();
    expect(() => intraclassCorrelations([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe('meanAbsoluteDifference', () => {
  it('averages the distance between paired scores', () => {
    expect(meanAbsoluteDifference([1, 3, 5], [2, 3, 3])).toBeCloseTo(1, 12);
    expect(meanAbsoluteDifference([], [])).toBeNull();
  });
});
