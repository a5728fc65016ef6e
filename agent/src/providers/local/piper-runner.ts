/**
 * The framework inference runner that hosts Piper in the worker's inference process (see
 * piper-service.ts). The framework imports this file by path in that process and calls
 * initialize() once at worker start, so the voice is loaded before the first job is accepted.
 * registerPiperRunner (piper-register.ts) registers it, as inference/register.ts does Moonshine.
 */
import { InferenceRunner, log } from '@livekit/agents';
import { sharedPiperModel } from './piper-model.js';
import { handlePiperRequest, type PiperRequest, type PiperResponse } from './piper-service.js';
import { DEFAULT_PIPER_VOICE } from './piper-voice.js';

export default class PiperRunner extends InferenceRunner<PiperRequest, PiperResponse> {
  async initialize(): Promise<void> {
    // Load and render once now, so the first greeting does not pay onnxruntime's first-run allocations.
    // Other voices (an interview's TTS_VOICE) load on their first request.
    const started = performance.now();
    const model = await sharedPiperModel(DEFAULT_PIPER_VOICE);
    await model.synthesize('Hello.');
    log().info({ loadMs: Math.round(performance.now() - started) }, 'piper: voice loaded in the inference process');
  }

  async run(data: PiperRequest): Promise<PiperResponse> {
    const started = performance.now();
    const res = await handlePiperRequest(data);
    const totalMs = performance.now() - started;
    // Timings only, never the text. A sentence that takes over a second delays the recruiter's voice.
    if ('error' in res) log().warn({ error: res.error }, 'piper: synthesis failed');
    else if (totalMs > 1_000) log().warn({ totalMs: Math.round(totalMs), inferMs: Math.round(res.inferMs), audioMs: Math.round((Buffer.byteLength(res.pcm, 'base64') / 2 / res.sampleRate) * 1000) }, 'piper: slow sentence');
    return res;
  }

  async close(): Promise<void> {
    const model = await sharedPiperModel(DEFAULT_PIPER_VOICE).catch(() => null);
    await model?.close();
  }
}
