import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { speechBounds } from './energy.js';
import { BENCH_SAMPLE_RATE, WavFormatError, encodeWav, joinWithPause, parseWav, synthesize, toUtterance, trimSilence } from './wav.js';

describe('WAV encode/parse', () => {
  it('round-trips 16-bit mono PCM', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const back = parseWav(encodeWav({ sampleRate: 16_000, samples }));
    expect(back.sampleRate).toBe(16_000);
    expect(Array.from(back.samples)).toEqual(Array.from(samples));
  });
  it('rejects what is not a WAV', () => {
    expect(() => parseWav(Buffer.from('hello world, not audio'))).toThrow(WavFormatError);
  });
});

describe('trimSilence and joinWithPause', () => {
  const speech = (n: number) => Int16Array.from({ length: n }, (_, i) => (i % 2 ? 6000 : -6000));
  it('cuts leading and trailing silence so the buffer ends at the end of speech', () => {
    const samples = new Int16Array(4800 * 3);
    samples.set(speech(4800), 4800);
    const trimmed = trimSilence({ sampleRate: 48_000, samples });
    expect(trimmed.samples.length).toBe(4800);
  });
  it('places the pause where the first part ends', () => {
    const a = toUtterance('a', { sampleRate: 48_000, samples: speech(48_00) });
    const b = toUtterance('b', { sampleRate: 48_000, samples: speech(96_00) });
    const joined = joinWithPause(a, b, 700);
    expect(joined.pause).toEqual({ startMs: 100, endMs: 800 });
    expect(joined.durationMs).toBeCloseTo(1000);
  });
});

describe('synthesize (Flite + sox)', () => {
  it('renders 48 kHz speech whose last sample is the end of speech, and caches it', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bench-wav-'));
    const u = await synthesize('I wrote the query layer.', { cacheDir });
    expect(u.sampleRate).toBe(BENCH_SAMPLE_RATE);
    expect(u.durationMs).toBeGreaterThan(600);
    expect(u.durationMs).toBeLessThan(4000);
    const bounds = speechBounds(u.samples, u.sampleRate, -50)!;
    expect(u.durationMs - bounds.endMs).toBeLessThan(10);
    expect(bounds.startMs).toBeLessThan(10);
    const again = await synthesize('I wrote the query layer.', { cacheDir });
    expect(again.samples.length).toBe(u.samples.length);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wav') && !f.includes('.flite.'))).toHaveLength(1);
  });
});
