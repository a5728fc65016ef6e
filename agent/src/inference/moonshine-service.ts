/**
 * The Moonshine speech-recognition service shared by every interview on a worker host. The model
 * (~65 MB of weights, ~0.6 GB resident with onnxruntime's buffers) is loaded once, in the
 * framework's inference process (the one that already serves turn-detector inference to all job
 * processes), and jobs send it audio segments over IPC with
 * `getJobContext().inferenceExecutor.doInference(MOONSHINE_INFERENCE_METHOD, request)`.
 *
 * Requests are served one at a time in arrival order. Streams send an answer in short segments
 * (cut at pauses, at most MAX_SEGMENT_S long), so a long answer is many short requests that
 * interleave with everyone else's instead of one long one that holds the model.
 *
 * Outside a job (tests, scripts) the same queue runs in-process over a lazily loaded model.
 */
import { getJobContext } from '@livekit/agents';
import { decodePcm16, encodePcm16 } from '../providers/local/pcm.js';
import { MoonshineModel, type MoonshineResult } from './moonshine-model.js';

export const MOONSHINE_INFERENCE_METHOD = 'mockroom_moonshine_stt';

/** What crosses the IPC channels (JSON): 16-bit PCM at 16 kHz, base64. */
export interface MoonshineRequest {
  pcm: string;
  voicedSeconds: number;
}

export type MoonshineResponse = (MoonshineResult & { queuedMs: number }) | { error: string };

/** The model's input: the request's 16-bit PCM as floats in [-1, 1). */
export function decodePcm(b64: string): Float32Array {
  const samples = decodePcm16(b64);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** One model, one decode at a time, first come first served. */
export class MoonshineQueue {
  readonly #model: Promise<MoonshineModel>;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(model: Promise<MoonshineModel>) {
    this.#model = model;
    // Surfaced on the first request; an unhandled rejection here would kill the process.
    model.catch(() => undefined);
  }

  get pending(): number {
    return this.#pending;
  }

  async ready(): Promise<void> {
    await this.#model;
  }

  handle(req: MoonshineRequest): Promise<MoonshineResponse> {
    const queuedAt = performance.now();
    this.#pending += 1;
    const run = this.#tail.then(async (): Promise<MoonshineResponse> => {
      const startedAt = performance.now();
      try {
        const model = await this.#model;
        const result = await model.transcribe(decodePcm(req.pcm), req.voicedSeconds);
        return { ...result, queuedMs: startedAt - queuedAt };
      } catch (err) {
        // Only the error's class and message: no audio or text ever goes into it.
        return { error: err instanceof Error ? `${err.name}: ${err.message}` : 'decode failed' };
      } finally {
        this.#pending -= 1;
      }
    });
    this.#tail = run;
    return run;
  }

  async close(): Promise<void> {
    await this.#tail;
    await (await this.#model.catch(() => null))?.release();
  }
}

/** Sends segments for decoding; implemented over IPC (shared service) or in-process. */
export interface MoonshineTranscriber {
  transcribe(pcm: Int16Array, voicedSeconds: number): Promise<MoonshineResult & { queuedMs: number }>;
}

export class MoonshineServiceError extends Error {
  override name = 'MoonshineServiceError';
}

function unwrap(res: MoonshineResponse): MoonshineResult & { queuedMs: number } {
  if ('error' in res) throw new MoonshineServiceError(res.error);
  return res;
}

let inProcess: MoonshineQueue | null = null;

/** The process's own queue over a model loaded on first use (outside the worker's jobs). */
export function inProcessMoonshine(modelDir?: string): MoonshineQueue {
  inProcess ??= new MoonshineQueue(MoonshineModel.load(modelDir));
  return inProcess;
}

export function inProcessTranscriber(queue: MoonshineQueue = inProcessMoonshine()): MoonshineTranscriber {
  return { transcribe: async (pcm, voicedSeconds) => unwrap(await queue.handle({ pcm: encodePcm16(pcm), voicedSeconds })) };
}

/**
 * The shared service when this code runs inside a job whose worker registered the Moonshine
 * runner (see registerMoonshineRunner), else the in-process queue. A worker that did not register
 * it (its default STT is another engine, and this interview picked Moonshine) answers the first
 * request with an error; the transcriber then falls back to an in-process model for this job.
 */
export function defaultTranscriber(): MoonshineTranscriber {
  const executor = getJobContext(false)?.inferenceExecutor;
  if (!executor) return inProcessTranscriber();
  let shared = true;
  return {
    async transcribe(pcm, voicedSeconds) {
      if (shared) {
        const req: MoonshineRequest = { pcm: encodePcm16(pcm), voicedSeconds };
        const res = await executor.doInference(MOONSHINE_INFERENCE_METHOD, req).then(
          (r) => r as MoonshineResponse | undefined,
          (err: unknown) => {
            // The job is shutting down: no reason to load a model here.
            if (err instanceof Error && /IPC channel closed/.test(err.message)) throw new MoonshineServiceError('inference channel closed');
            return undefined;
          },
        );
        if (res && typeof res === 'object') return unwrap(res);
        shared = false;
      }
      return inProcessTranscriber().transcribe(pcm, voicedSeconds);
    },
  };
}
