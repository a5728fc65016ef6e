import { describe, expect, it } from 'vitest';
import { EnergyGate, dbfsToRms, rms, rmsToDbfs, speechBounds } from './energy.js';

const RATE = 48_000;
function tone(ms: number, amplitude: number): Int16Array {
  const n = Math.round((RATE * ms) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i += 1) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / RATE));
  return out;
}
function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
const silence = (ms: number) => new Int16Array(Math.round((RATE * ms) / 1000));

describe('rms and dBFS', () => {
  it('measures a full-scale sine at about -3 dBFS and silence at -Infinity', () => {
    expect(rmsToDbfs(rms(tone(100, 32767)))).toBeCloseTo(-3.01, 1);
    expect(rmsToDbfs(rms(silence(10)))).toBe(-Infinity);
    expect(rmsToDbfs(dbfsToRms(-40))).toBeCloseTo(-40);
  });
});

describe('speechBounds', () => {
  it('finds the first and last loud 10 ms window', () => {
    const pcm = concat(silence(200), tone(500, 8000), silence(300));
    const b = speechBounds(pcm, RATE);
    expect(b).not.toBeNull();
    expect(b!.startMs).toBeCloseTo(200, -1);
    expect(b!.endMs).toBeCloseTo(700, -1);
  });
  it('keeps a quiet gap inside speech and returns null for pure silence', () => {
    const pcm = concat(tone(300, 8000), silence(700), tone(300, 8000));
    expect(speechBounds(pcm, RATE)!.endMs).toBeCloseTo(1300, -1);
    expect(speechBounds(silence(500), RATE)).toBeNull();
  });
});

describe('EnergyGate', () => {
  const frames = (pcm: Int16Array) => {
    const out: Int16Array[] = [];
    for (let i = 0; i < pcm.length; i += 480) out.push(pcm.subarray(i, i + 480));
    return out;
  };
  function feed(gate: EnergyGate, pcm: Int16Array, t0: number): number {
    let t = t0;
    for (const f of frames(pcm)) {
      gate.push(f, t);
      t += 10;
    }
    return t;
  }

  it('opens at the first loud frame and closes after the hangover', () => {
    const gate = new EnergyGate({ thresholdDbfs: -40, hangoverMs: 200 });
    feed(gate, concat(silence(100), tone(500, 8000), silence(400)), 1000);
    expect(gate.segments).toEqual([{ start: 1100, end: 1600 }]);
    expect(gate.firstOnsetAfter(1050)).toBe(1100);
    expect(gate.firstOnsetAfter(1200)).toBeNull();
  });

  it('bridges gaps between words shorter than the hangover', () => {
    const gate = new EnergyGate({ thresholdDbfs: -40, hangoverMs: 200 });
    feed(gate, concat(tone(200, 8000), silence(100), tone(200, 8000), silence(300)), 0);
    expect(gate.segments).toHaveLength(1);
    expect(gate.segments[0]).toEqual({ start: 0, end: 500 });
  });

  it('ignores audio below the threshold', () => {
    const gate = new EnergyGate({ thresholdDbfs: -30, hangoverMs: 100 });
    feed(gate, tone(300, 300), 0);
    expect(gate.segments).toHaveLength(0);
  });

  it('closes an open segment when frames stop arriving', () => {
    const gate = new EnergyGate({ thresholdDbfs: -40, hangoverMs: 200 });
    const end = feed(gate, tone(100, 8000), 0);
    expect(gate.isLoud()).toBe(true);
    expect(gate.tick(end + 50)).toBe(false);
    expect(gate.tick(end + 250)).toBe(true);
    expect(gate.segments[0]!.end).toBe(90);
    expect(gate.onsetWithin(0, 10)).toBe(true);
  });
});
