import { describe, expect, it } from 'vitest';
import { MAX_ENDPOINTING_MS, MIN_ENDPOINTING_MS, turnHandlingOptions } from './recruiter.js';

describe('turnHandlingOptions', () => {
  it('tuned: the local turn detector, patient endpointing and a ramble limit', () => {
    const { turnHandling } = turnHandlingOptions('tuned');
    expect(turnHandling?.turnDetection).toBeTruthy();
    expect(turnHandling?.endpointing).toEqual({ minDelay: MIN_ENDPOINTING_MS, maxDelay: MAX_ENDPOINTING_MS });
    expect(turnHandling?.userTurnLimit?.maxWords).toBeGreaterThan(0);
  });

  it('stock: no overrides at all, so the framework defaults apply', () => {
    expect(turnHandlingOptions('stock')).toEqual({});
  });
});
