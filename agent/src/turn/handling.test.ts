import { voice } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import type { WordAwareTurnDetector } from './detector.js';
import {
  attachTurnHandling,
  MAX_ENDPOINTING_MS,
  MIN_ENDPOINTING_MS,
  MIN_INTERRUPTION_MS,
  turnHandlingOptions,
} from './handling.js';

describe('turnHandlingOptions', () => {
  it('tuned: the local turn detector, predicted endpointing and a ramble limit', () => {
    const { turnHandling } = turnHandlingOptions('tuned');
    expect(turnHandling?.turnDetection).toBeTruthy();
    expect(turnHandling?.endpointing).toEqual({ minDelay: MIN_ENDPOINTING_MS, maxDelay: MAX_ENDPOINTING_MS });
    expect(turnHandling?.userTurnLimit?.maxWords).toBeGreaterThan(0);
    expect(turnHandling?.interruption).toEqual({ minDuration: MIN_INTERRUPTION_MS });
    // Faster barge-in than the framework's 500 ms, but not on a click or a breath.
    expect(MIN_INTERRUPTION_MS).toBeLessThan(500);
    expect(MIN_INTERRUPTION_MS).toBeGreaterThanOrEqual(200);
  });

  it('tuned: the short wait outlasts the VAD end-of-speech silence, the long one a thinking pause', () => {
    // The framework VAD ends speech after 250 ms; the bench's thinking pause is 700 ms.
    expect(MIN_ENDPOINTING_MS).toBeGreaterThanOrEqual(250);
    expect(MIN_ENDPOINTING_MS).toBeLessThan(MAX_ENDPOINTING_MS);
    expect(MAX_ENDPOINTING_MS).toBeGreaterThan(700);
  });

  it('tuned with the rule-based interviewer: no preemptive generation (each reply is a brain decision)', () => {
    expect(turnHandlingOptions('tuned').turnHandling?.preemptiveGeneration).toEqual({ enabled: false });
    expect(turnHandlingOptions('tuned', { llmProvider: 'local' }).turnHandling?.preemptiveGeneration).toEqual({ enabled: false });
  });

  it('tuned with a hosted LLM: the framework keeps preemptive generation', () => {
    expect(turnHandlingOptions('tuned', { llmProvider: 'openai' }).turnHandling?.preemptiveGeneration).toBeUndefined();
  });

  it('stock: no overrides at all, so the framework defaults apply', () => {
    expect(turnHandlingOptions('stock')).toEqual({});
    expect(turnHandlingOptions('stock', { llmProvider: 'openai' })).toEqual({});
  });
});

describe('attachTurnHandling', () => {
  type Listener = (ev: { transcript: string; isFinal: boolean }) => void;
  const fakeSession = () => {
    const listeners = new Map<string, Listener>();
    const session = { on: (event: string, fn: Listener) => listeners.set(event, fn) };
    return { session: session as unknown as voice.AgentSession, listeners };
  };

  it('tuned: the turn detector hears the final transcripts, not the interim ones', () => {
    const options = turnHandlingOptions('tuned');
    const { session, listeners } = fakeSession();
    attachTurnHandling(session, options);
    const detector = options.turnHandling?.turnDetection as WordAwareTurnDetector;
    const onTranscript = listeners.get(voice.AgentSessionEventTypes.UserInputTranscribed)!;
    onTranscript({ transcript: 'we moved it to the', isFinal: false });
    expect(detector.transcript).toBe('');
    onTranscript({ transcript: 'we moved it to the', isFinal: true });
    expect(detector.transcript).toBe('we moved it to the');
  });

  it('stock: nothing to wire', () => {
    const { session, listeners } = fakeSession();
    attachTurnHandling(session, turnHandlingOptions('stock'));
    expect(listeners.size).toBe(0);
  });
});
