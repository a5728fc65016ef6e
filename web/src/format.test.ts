import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, layoutProgress, scoreLabel } from './format.js';

describe('formatClock', () => {
  it('shows minutes and zero-padded seconds, and hours when needed', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(61_999)).toBe('1:01');
    expect(formatClock(15 * 60_000)).toBe('15:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00');
  });
});

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('scoreLabel', () => {
  it('names each rubric level', () => {
    expect([1, 2, 3, 4, 5].map(scoreLabel)).toEqual(['Weak', 'Developing', 'Adequate', 'Strong', 'Excellent']);
  });
});

describe('layoutProgress', () => {
  it('orders scored interviews oldest first and maps higher scores higher up', () => {
    const pts = layoutProgress(
      [
        { createdAt: '2026-03-02T10:00:00Z', overall: 80 },
        { createdAt: '2026-03-01T10:00:00Z', overall: 40 },
        { createdAt: '2026-03-03T10:00:00Z', overall: null },
      ],
      200,
      100,
      10,
    );
    expect(pts.map((p) => p.value)).toEqual([40, 80]);
    expect(pts[0]!.x).toBe(10);
    expect(pts[1]!.x).toBe(190);
    expect(pts[1]!.y).toBeLessThan(pts[0]!.y);
    expect(pts[0]!.y).toBeCloseTo(10 + 80 * 0.6);
  });
  it('centres a single point and clamps out-of-range scores', () => {
    const [p] = layoutProgress([{ createdAt: '2026-03-01T00:00:00Z', overall: 130 }], 200, 100, 10);
    expect(p).toMatchObject({ x: 100, y: 10, value: 100 });
  });
});
