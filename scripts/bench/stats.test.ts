import { describe, expect, it } from 'vitest';
import { percentile, summarize, round } from './stats.js';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([5], 99)).toBe(5);
  });
  it('ignores order and non-finite values', () => {
    expect(percentile([400, 100, NaN, 300, 200, Infinity], 50)).toBe(250);
  });
  it('returns null for an empty sample instead of zero', () => {
    expect(percentile([], 50)).toBeNull();
    expect(summarize([]).p95).toBeNull();
  });
  it('rejects a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports count, percentiles, mean and extremes', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    const s = summarize(xs);
    expect(s.n).toBe(100);
    expect(s.p50).toBeCloseTo(50.5);
    expect(s.p95).toBeCloseTo(95.05);
    expect(s.mean).toBeCloseTo(50.5);
    expect([s.min, s.max]).toEqual([1, 100]);
  });
  it('rounds for the report and keeps null', () => {
    expect(round(12.345, 1)).toBe(12.3);
    expect(round(null)).toBeNull();
  });
});
