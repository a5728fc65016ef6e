import { describe, expect, it } from 'vitest';
import { findLoop, guardTranscript, isStockPhrase, maxTokensFor, MIN_TOKEN_CAP } from './transcript-guard.js';

const words = (ids: readonly number[]) => ids.map((id) => `w${id}`).join(' ');

describe('maxTokensFor', () => {
  it('allows about 6.5 tokens per second of audio, with a floor for one-word answers', () => {
    expect(maxTokensFor(16_000 * 10, 16_000)).toBe(65);
    expect(maxTokensFor(1_600, 16_000)).toBe(MIN_TOKEN_CAP);
  });
});

describe('findLoop', () => {
  it('finds a token repeated four times back to back', () => {
    expect(findLoop([5, 6, 7, 7, 7, 7])).toBe(3);
  });

  it('finds a phrase repeated three times back to back', () => {
    expect(findLoop([1, 2, 3, 4, 2, 3, 4, 2, 3, 4])).toBe(4);
  });

  it('leaves ordinary speech, including a word said twice, alone', () => {
    expect(findLoop([1, 2, 3, 3, 4, 5, 1, 2, 6])).toBe(-1);
    expect(findLoop([9, 9, 9])).toBe(-1);
  });
});

describe('guardTranscript', () => {
  it('cuts a looping decode back to one copy of the loop', () => {
    const v = guardTranscript({ text: '', tokens: [1, 2, 3, 4, 3, 4, 3, 4, 3, 4], hitCap: true, voicedSeconds: 2 }, words);
    expect(v).toEqual({ keep: true, tokens: [1, 2, 3, 4], trimmed: true });
  });

  it('drops a decode that is nothing but a loop', () => {
    expect(guardTranscript({ text: '', tokens: [7, 7, 7, 7, 7, 7], hitCap: true, voicedSeconds: 2 }, words)).toEqual({ keep: false, reason: 'loop' });
  });

  it('drops empty output', () => {
    expect(guardTranscript({ text: '', tokens: [], hitCap: false, voicedSeconds: 1 }, words)).toEqual({ keep: false, reason: 'empty' });
  });

  it('drops a stock phrase decoded from a short burst of sound, keeps it when clearly spoken', () => {
    const decode = () => 'Thank you.';
    expect(guardTranscript({ text: '', tokens: [1, 2], hitCap: false, voicedSeconds: 0.2 }, decode)).toEqual({ keep: false, reason: 'stock-phrase' });
    expect(guardTranscript({ text: '', tokens: [1, 2], hitCap: false, voicedSeconds: 0.6 }, decode).keep).toBe(true);
  });

  it('treats stock phrases by their words, not their punctuation', () => {
    expect(isStockPhrase('  Thanks for watching!  ')).toBe(true);
    expect(isStockPhrase('Thank you for the question, I led the migration.')).toBe(false);
  });
});
