/**
 * Piper in the inference service shared by every interview on a worker host: the framework's
 * inference process (which also serves Moonshine and the turn detector) holds the voice once, and
 * jobs send it one sentence at a time with
 * `getJobContext().inferenceExecutor.doInference(PIPER_INFERENCE_METHOD, request)`.
 * Sentences are rendered one at a time in arrival order on the model's thread, so a long reply is
 * many short requests that interleave with other interviews' instead of holding the model.
 * Outside a job (tests, scripts) the model runs in the calling process.
 */
import { getJobContext, log } from '@livekit/agents';
import type { EnginePcm } from './engine.js';
import { decodePcm16, encodePcm16 } from './pcm.js';
import { sharedPiperModel, type PiperModelOptions } from './piper-model.js';

export const PIPER_INFERENCE_METHOD = 'mockroom_piper_tts';

/** What crosses the IPC channels (JSON). */
export interface PiperRequest {
  text: string;
  voice: string;
}

/** 16-bit PCM at `sampleRate`, base64; or why it failed (never the text). */
export type PiperResponse = { pcm: string; sampleRate: number; phonemizeMs: number; inferMs: number } | { error: string };

/** Renders one sentence at the voice's own rate (22.05 kHz for medium voices). */
export type PiperBackend = (text: string, voice: string) => Promise<EnginePcm>;

export class PiperServiceError extends Error {
  override name = 'PiperServiceError';
}

/** Serves one request with this process's model for the voice (loaded on first use). */
export async function handlePiperRequest(req: PiperRequest, opts: PiperModelOptions = {}): Promise<PiperResponse> {
  if (typeof req?.text !== 'string' || typeof req.voice !== 'string') return { error: 'PiperService: bad request' };
  try {
    const model = await sharedPiperModel(req.voice, opts);
    const out = await model.synthesize(req.text);
    return { pcm: encodePcm16(out.samples), sampleRate: out.sampleRate, phonemizeMs: out.phonemizeMs, inferMs: out.inferMs };
  } catch (err) {
    // Only the error's class and message: the text never goes into it.
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : 'synthesis failed' };
  }
}

function unwrap(res: PiperResponse): EnginePcm {
  if ('error' in res) throw new PiperServiceError(res.error);
  return { samples: decodePcm16(res.pcm), sampleRate: res.sampleRate };
}

/** The model in this process (shared by every PiperTTS in it). */
export function inProcessPiper(opts: PiperModelOptions = {}): PiperBackend {
  return async (text, voice) => unwrap(await handlePiperRequest({ text, voice }, opts));
}

/**
 * The shared service when this runs inside a job whose worker registered the Piper runner (see
 * registerPiperRunner), else this process's model. A worker that did not register it (its default
 * TTS is another engine and this interview picked Piper) answers with an error; the job then
 * falls back to a model of its own, on its own thread.
 */
export function defaultPiperBackend(): PiperBackend {
  const executor = getJobContext(false)?.inferenceExecutor;
  if (!executor) return inProcessPiper();
  let shared = true;
  return async (text, voice) => {
    if (shared) {
      let failure = 'no answer';
      const res = await executor.doInference(PIPER_INFERENCE_METHOD, { text, voice } satisfies PiperRequest).then(
        (r) => r as PiperResponse | undefined,
        (err: unknown) => {
          failure = err instanceof Error ? err.message : String(err);
          return undefined;
        },
      );
      if (res && typeof res === 'object') return unwrap(res);
      shared = false;
      // Worth knowing: the job now holds a model of its own (~120 MB more in this process).
      log().warn({ failure: failure.slice(0, 200) }, 'Piper: the inference service did not serve this voice; this job loads its own model');
    }
    return inProcessPiper()(text, voice);
  };
}
