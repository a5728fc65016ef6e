/**
 * The framework inference runner that hosts Moonshine in the worker's inference process (see
 * moonshine-service.ts). The framework imports this file by path in that process and calls
 * initialize() once at worker start, so the model is loaded before the first job is accepted.
 */
import { InferenceRunner, log } from '@livekit/agents';
import { MoonshineModel } from './moonshine-model.js';
import { MoonshineQueue, type MoonshineRequest, type MoonshineResponse } from './moonshine-service.js';

export default class MoonshineRunner extends InferenceRunner<MoonshineRequest, MoonshineResponse> {
  #queue: MoonshineQueue | null = null;

  async initialize(): Promise<void> {
    const startedAt = performance.now();
    this.#queue = new MoonshineQueue(MoonshineModel.load());
    await this.#queue.ready();
    log().info({ loadMs: Math.round(performance.now() - startedAt), pid: process.pid }, 'moonshine: model loaded in the inference process');
    // One decode now, so the first candidate does not pay onnxruntime's first-run allocations.
    await this.#queue.handle({ pcm: Buffer.alloc(16_000 * 2).toString('base64'), voicedSeconds: 0 });
  }

  async run(data: MoonshineRequest): Promise<MoonshineResponse> {
    if (!this.#queue) return { error: 'MoonshineRunner: not initialised' };
    if (typeof data?.pcm !== 'string') return { error: 'MoonshineRunner: bad request' };
    return this.#queue.handle(data);
  }

  async close(): Promise<void> {
    await this.#queue?.close();
  }
}
