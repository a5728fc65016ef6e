/**
 * Inter-rater agreement for the review workspace: Cohen's weighted kappa with quadratic weights
 * (two raters, ordinal scores) and the intraclass correlations of Shrout & Fleiss (1979).
 * Pure functions, no I/O. The formulas are written out in docs/reviewing.md.
 *
 * Weighted kappa (Cohen 1968), categories 1..k, observed proportions p_ij, marginals p_i., p_.j:
 *   w_ij = (i - j)^2 / (k - 1)^2          (quadratic disagreement weights)
 *   kappa_w = 1 - sum(w_ij p_ij) / sum(w_ij p_i. p_.j)
 * Undefined (null here) when the expected disagreement is zero, e.g. both raters gave one value.
 *
 * ICC (Shrout & Fleiss 1979, "Intraclass correlations: uses in assessing rater reliability",
 * Psychological Bulletin 86(2) 420–428), n targets each rated by the same k judges, from the
 * two-way ANOVA mean squares BMS (targets), JMS (judges), EMS (residual), WMS (within targets):
 *   ICC(1,1) = (BMS - WMS) / (BMS + (k-1) WMS)                           one-way random
 *   ICC(2,1) = (BMS - EMS) / (BMS + (k-1) EMS + k (JMS - EMS) / n)       two-way random, absolute agreement
 *   ICC(3,1) = (BMS - EMS) / (BMS + (k-1) EMS)                           two-way mixed, consistency
 * The product reports ICC(2,1): reviewers are a sample of possible reviewers, and a reviewer who
 * scores everything one point higher should count as disagreeing (absolute agreement).
 */

/** Quadratic-weighted kappa of two raters' scores on the same items, on the ordinal scale min..max. */
export function quadraticWeightedKappa(a: readonly number[], b: readonly number[], min: number, max: number): number | null {
  if (a.length !== b.length) throw new RangeError('both raters must score the same items');
  const n = a.length;
  const k = max - min + 1;
  if (n === 0 || k < 2) return null;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  for (let t = 0; t < n; t++) {
    const i = a[t]! - min;
    const j = b[t]! - min;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= k || j >= k) {
      throw new RangeError('scores must be whole numbers on the scale');
    }
    observed[i]![j]! += 1;
    rowTotals[i]! += 1;
    colTotals[j]! += 1;
  }
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      observedDisagreement += (w * observed[i]![j]!) / n;
      expectedDisagreement += (w * rowTotals[i]! * colTotals[j]!) / (n * n);
    }
  }
  if (expectedDisagreement === 0) return null;
  return 1 - observedDisagreement / expectedDisagreement;
}

export interface IntraclassCorrelations {
  /** ICC(1,1): one-way random effects, single rater. */
  icc11: number;
  /** ICC(2,1): two-way random effects, absolute agreement, single rater (the product's figure). */
  icc21: number;
  /** ICC(3,1): two-way mixed effects, consistency, single rater. */
  icc31: number;
  targets: number;
  raters: number;
}

/**
 * Shrout & Fleiss intraclass correlations of a complete targets × raters matrix (every rater
 * scored every target). Null when there are fewer than two targets or raters, or when the
 * denominator vanishes (no variance at all).
 */
export function intraclassCorrelations(ratings: readonly (readonly number[])[]): IntraclassCorrelations | null {
  const n = ratings.length;
  if (n < 2) return null;
  const k = ratings[0]!.length;
  if (k < 2) return null;
  if (ratings.some((row) => row.length !== k)) throw new RangeError('every target needs a score from every rater');
  let grand = 0;
  for (const row of ratings) for (const x of row) grand += x;
  grand /= n * k;
  const targetMeans = ratings.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const raterMeans = Array.from({ length: k }, (_, j) => ratings.reduce((s, row) => s + row[j]!, 0) / n);
  let total = 0;
  for (const row of ratings) for (const x of row) total += (x - grand) ** 2;
  const betweenTargets = k * targetMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const betweenRaters = n * raterMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const residual = total - betweenTargets - betweenRaters;
  const bms = betweenTargets / (n - 1);
  const jms = betweenRaters / (k - 1);
  const ems = residual / ((n - 1) * (k - 1));
  const wms = (total - betweenTargets) / (n * (k - 1));
  const d11 = bms + (k - 1) * wms;
  const d21 = bms + (k - 1) * ems + (k * (jms - ems)) / n;
  const d31 = bms + (k - 1) * ems;
  if (d11 === 0 || d21 === 0 || d31 === 0) return null;
  return { icc11: (bms - wms) / d11, icc21: (bms - ems) / d21, icc31: (bms - ems) / d31, targets: n, raters: k };
}

/** Mean absolute difference of paired scores; null for no pairs. */
export function meanAbsoluteDifference(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError('both raters must score the same items');
  if (a.length === 0) return null;
  return a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / a.length;
}
