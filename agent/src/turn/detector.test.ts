import { initializeLogger } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { OPEN_THRESHOLD_SCALE, thresholdFor, UNFINISHED_THRESHOLD, WordAwareTurnDetector } from './detector.js';

initializeLogger({ pretty: false, level: 'error' });

describe('thresholdFor', () => {
  it('a sentence stopped on a function word always gets the long wait, whatever the model says', () => {
    expect(thresholdFor(0.36, 'the reason I left was')).toBe(UNFINISHED_THRESHOLD);
    expect(UNFINISHED_THRESHOLD).toBeGreaterThan(1);
  });

  it('words that can end a sentence need less confidence from the model, but some', () => {
    const t = thresholdFor(0.36, 'we shipped it on time')!;
    expect(t).toBeCloseTo(0.36 * OPEN_THRESHOLD_SCALE);
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(0.36);
  });

  it('no words: the model alone decides', () => {
    expect(thresholdFor(0.36, '')).toBe(0.36);
  });

  it('a language the model does not cover stays uncovered', () => {
    expect(thresholdFor(undefined, 'we moved to the')).toBeUndefined();
  });
});

describe('WordAwareTurnDetector', () => {
  it('reads the latest non-empty final transcript into its threshold', async () => {
    const detector = new WordAwareTurnDetector({ version: 'v1-mini', executor: undefined });
    expect(detector.transcript).toBe('');
    detector.noteTranscript('my manager asked me to look at the');
    expect(await detector.unlikelyThreshold(undefined)).toBe(UNFINISHED_THRESHOLD);
    detector.noteTranscript('   ');
    expect(detector.transcript).toBe('my manager asked me to look at the');
    detector.noteTranscript('it took about three months');
    expect(await detector.unlikelyThreshold(undefined)).toBeCloseTo(0.36 * OPEN_THRESHOLD_SCALE);
  });

  it('its streams apply the same rule, read when the framework asks', async () => {
    const detector = new WordAwareTurnDetector({ version: 'v1-mini', executor: undefined });
    const stream = detector.stream();
    try {
      detector.noteTranscript('the service crashed because');
      expect(await stream.unlikelyThreshold(undefined)).toBe(UNFINISHED_THRESHOLD);
      detector.noteTranscript('we fixed it the same day');
      expect(await stream.unlikelyThreshold(undefined)).toBeCloseTo(0.36 * OPEN_THRESHOLD_SCALE);
    } finally {
      await stream.aclose();
    }
  });
});
