import { describe, expect, it } from 'vitest';
import { detectTimeZone, layoutDated, streakText } from './habits-format.js';

describe('habits display helpers', () => {
  it('says the streak in words', () => {
    expect(streakText(1)).toBe('1-day streak');
    expect(streakText(12)).toBe('12-day streak');
    expect(streakText(0)).toBe('No streak yet');
  });

  it('reads the browser time zone from Intl and gives up quietly when it cannot', () => {
    const fake = (zone: unknown) => ({ DateTimeFormat: function () { return { resolvedOptions: () => ({ timeZone: zone }) }; } }) as unknown as typeof Intl;
    expect(detectTimeZone(fake('Europe/Paris'))).toBe('Europe/Paris');
    expect(detectTimeZone(fake(undefined))).toBeNull();
    expect(typeof detectTimeZone()).toBe('string');
  });

  it('spaces points by date, so a gap of a week looks wider than a gap of a day', () => {
    const pts = layoutDated(
      [
        { completedAt: '2026-01-01T10:00:00Z', score: 1 },
        { completedAt: '2026-01-02T10:00:00Z', score: 5 },
        { completedAt: '2026-01-09T10:00:00Z', score: 3 },
      ],
      { width: 100 + 56, height: 100 + 56, min: 1, max: 5 },
    );
    expect(pts.map((p) => Math.round(p.x))).toEqual([28, 41, 128]);
    expect(pts.map((p) => Math.round(p.y))).toEqual([128, 28, 78]);
  });
});
