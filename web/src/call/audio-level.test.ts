import { describe, expect, it } from 'vitest';
import { meterValue, rms } from './audio-level.js';

describe('rms', () => {
  it('is zero for silence and the amplitude over root two for a sine', () => {
    expect(rms(new Float32Array(256))).toBe(0);
    const sine = Float32Array.from({ length: 4800 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48_000));
    expect(rms(sine)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });
});

describe('meterValue', () => {
  it('maps -60 dBFS and below to 0, full scale to 1, and grows with level', () => {
    expect(meterValue(0)).toBe(0);
    expect(meterValue(0.0005)).toBe(0);
    expect(meterValue(1)).toBe(1);
    expect(meterValue(0.01)).toBeCloseTo(1 / 3, 5);
    expect(meterValue(0.1)).toBeGreaterThan(meterValue(0.01));
  });
});
