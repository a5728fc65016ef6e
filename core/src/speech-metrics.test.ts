import { describe, expect, it } from 'vitest';
import { makeTurns } from './fixtures/transcript.js';
import { SpeechMetrics } from './report.js';
import { computeSpeechMetrics, countFillers, LONG_PAUSE_MS } from './speech-metrics.js';

describe('computeSpeechMetrics', () => {
  const turns = makeTurns([
    { speaker: 'recruiter', text: 'Tell me about yourself.', start: 0, end: 4 },
    // 31 words in 12 s; starts 1 s after the question.
    { speaker: 'candidate', text: 'Um I have been a backend engineer for six years, you know, mostly Node and Postgres, and I like building reliable payment systems that small businesses can trust every single day.', start: 5, end: 17 },
    { speaker: 'recruiter', text: 'What did you build last?', start: 18, end: 20 },
    // 5 s of silence before answering: one long pause, latency 5000.
    { speaker: 'candidate', text: 'A ledger service, like, in TypeScript.', start: 25, end: 27 },
    { speaker: 'recruiter', text: 'Anything typed?', start: 28, end: 29 },
    { speaker: 'candidate', text: 'Typed answer um with filler that must not count toward speech rates.', start: 100, end: 101, source: 'typed' },
  ]);
  const m = computeSpeechMetrics(turns);

  it('returns a valid SpeechMetrics object', () => {
    expect(SpeechMetrics.parse(m)).toEqual(m);
  });

  it('computes rate, pauses, latency and talk ratio from voice turns only', () => {
    // 31 + 6 words over 14 s of candidate speech.
    expect(m.wordsPerMinute).toBeCloseTo((37 / 14) * 60, 0);
    expect(m.longPauses).toBe(1);
    expect(m.responseLatencyMsMedian).toBe(3000);
    expect(m.talkRatio).toBeCloseTo(14 / (14 + 4 + 2 + 1), 2);
    expect(LONG_PAUSE_MS).toBe(3000);
  });

  it('counts fillers by word, with "like" only when set off by commas', () => {
    expect(m.fillers).toEqual({ um: 1, 'you know': 1, like: 1 });
    expect(m.fillerCount).toBe(3);
    expect(m.fillerRate).toBeCloseTo((3 / 37) * 100, 1);
    expect(countFillers('I like Go and would like to, uh, learn Rust')).toEqual({ uh: 1 });
  });

  it('includes typed answers in answer lengths', () => {
    expect(m.answerWordsMax).toBe(31);
    expect(m.answerWordsMean).toBeCloseTo((31 + 6 + 12) / 3, 1);
  });

  it('returns nulls rather than inventing numbers for an empty transcript', () => {
    const e = computeSpeechMetrics([]);
    expect(e).toMatchObject({ wordsPerMinute: null, talkRatio: null, responseLatencyMsMedian: null, fillerCount: 0, answerWordsMax: 0 });
  });
});
