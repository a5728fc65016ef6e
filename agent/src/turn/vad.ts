/**
 * The voice-activity detector every interview uses. One place for its settings, so the worker's
 * prewarm and a job that starts without a prewarmed one build the same detector.
 */
import { inference } from '@livekit/agents';

export function createVad(): inference.VAD {
  return new inference.VAD({ model: 'silero' });
}
