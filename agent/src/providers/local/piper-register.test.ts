/** registerPiperRunner: what path the worker's inference process is told to import. */
import { InferenceRunner } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { registerPiperRunner } from './piper-register.js';
import { PIPER_INFERENCE_METHOD } from './piper-service.js';

describe('registerPiperRunner', () => {
  it('registers the runner source under its method once when the worker runs unbundled', async () => {
    await registerPiperRunner('/srv/agent/src/main.ts');
    await registerPiperRunner('/srv/agent/src/main.ts');
    expect(InferenceRunner.registeredRunners[PIPER_INFERENCE_METHOD]).toMatch(/^file:.*\/piper-runner\.ts$/);
  });
});
