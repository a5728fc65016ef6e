import { describe, expect, it } from 'vitest';
import { activeSpeechPower, interviewEdits, pinkNoise, summariseW1, withPinkNoise, type W1Row } from './w1.js';
import type { Utterance } from './wav.js';

function tone(seconds: number, rate = 48_000): Utterance {
  const samples = new Int16Array(seconds * rate);
  // Half a second of silence, then a 440 Hz tone: only the tone is active speech.
  for (let i = rate / 2; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return { text: 'tone', sampleRate: rate, samples, durationMs: seconds * 1000 };
}

describe('W1 noise', () => {
  it('draws the same pink noise for the same seed and different noise for another', () => {
    expect(Array.from(pinkNoise(64, 7))).toEqual(Array.from(pinkNoise(64, 7)));
    expect(Array.from(pinkNoise(64, 8))).not.toEqual(Array.from(pinkNoise(64, 7)));
  });

  it('has more power at low frequencies than white noise would (1/f)', () => {
    const n = pinkNoise(48_000, 1);
    // Neighbouring samples of pink noise are strongly correlated; of white noise, not at all.
    let num = 0, den = 0;
    for (let i = 1; i < n.length; i++) { num += n[i]! * n[i - 1]!; den += n[i]! * n[i]!; }
    expect(num / den).toBeGreaterThan(0.5);
  });

  it('mixes noise 15 dB below the active speech level, ignoring silence', () => {
    const u = tone(2);
    const noisy = withPinkNoise(u, 15, 3);
    expect(noisy.samples.length).toBe(u.samples.length);
    let noisePower = 0;
    for (let i = 0; i < u.samples.length; i++) noisePower += (noisy.samples[i]! - u.samples[i]!) ** 2;
    noisePower /= u.samples.length;
    const snr = 10 * Math.log10(activeSpeechPower(u.samples, u.sampleRate) / noisePower);
    expect(snr).toBeGreaterThan(14.5);
    expect(snr).toBeLessThan(15.5);
  });
});

describe('W1 word errors', () => {
  it('counts words, not turn boundaries: an answer stored as two turns is no error', () => {
    expect(interviewEdits(['I led the migration.', 'We used Postgres.'], ['I led', 'the migration we used postgres'])).toEqual({ edits: 0, words: 7 });
  });

  it('counts substitutions, deletions and insertions', () => {
    expect(interviewEdits(['we used postgres with care'], ['we used post grass with care today'])).toEqual({ edits: 3, words: 5 });
    expect(interviewEdits(['one two three'], [])).toEqual({ edits: 3, words: 3 });
  });

  it('pools WER over voices by words, per condition', () => {
    const row = (noise: W1Row['noise'], edits: number, words: number): W1Row => ({ voice: 'v', noise, interviewId: 'i', answers: 1, storedTurns: 1, edits, words, wer: edits / words });
    const s = summariseW1([row('clean', 1, 10), row('clean', 3, 30), row('pink 15 dB', 5, 20)]);
    expect(s.clean).toBeCloseTo(0.1);
    expect(s.noisy).toBeCloseTo(0.25);
  });
});
