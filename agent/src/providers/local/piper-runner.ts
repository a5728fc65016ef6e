/**
 * The framework inference runner that hosts Piper in the worker's inference process (see
 * piper-service.ts). The framework imports this file by path in that process and calls
 * initialize() once at worker start, so the voice is loaded before the first job is accepted.
 * registerPiperRunner (piper-register.ts) registers it, as inference/register.ts does Moonshine.
 */
import { InferenceRunner } from '@livekit/agents';
import { sharedPiperModel } from './piper-model.js';
import { handlePiperRequest, type PiperRequest, type PiperResponse } from './piper-service.js';
import { DEFAULT_PIPER_VOICE } from './piper-voice.js';

export default class PiperRunner extends InferenceRunner<PiperRequest, PiperResponse> {
  async initialize(): Promise<void> {
    // Load and render once now, so the first greeting does not pay onnxruntime's first-run allocations.
    // Other voices (an interview's TTS_VOICE) load on their first request.
    const model = await sharedPiperModel(DEFAULT_PIPER_VOICE);
    await model.synthesize('Hello.');
  }

  run(data: PiperRequest): Promise<PiperResponse> {
    return handlePiperRequest(data);
  }

  async close(): Promise<void> {
    const model = await sharedPiperModel(DEFAULT_PIPER_VOICE).catch(() => null);
    await model?.close();
  }
}
