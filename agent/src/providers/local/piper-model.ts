/**
 * A Piper (VITS) voice on onnxruntime-node: text in (phonemized here with eSpeak NG), 16-bit PCM
 * at the voice's rate out. onnxruntime-node's InferenceSession.run holds its calling thread for
 * the whole sentence (70-300 ms per sentence here), so the model runs on a worker thread of its
 * own: the caller's event loop keeps moving audio and IPC while a sentence renders, and in the
 * shared inference service Piper runs beside Moonshine on the other core instead of after it.
 * The model is ~63 MB on disk and ~110 MB resident once loaded, so a process keeps one per voice
 * (sharedPiperModel) and the worker host keeps one for all its jobs (piper-runner.ts).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { piperPhonemeIds } from './piper-phonemizer.js';
import { DEFAULT_PIPER_VOICE, piperVoiceFiles, readPiperConfig, type PiperVoiceConfig } from './piper-voice.js';

export interface PiperModelOptions {
  /** onnxruntime threads per operator. 1 (default) leaves the other core to the interviews. */
  intraOpThreads?: number;
  /** Folder holding piper-<voice>/ (default: the repository's models/). */
  modelsDir?: string;
}

export interface PiperAudio {
  samples: Int16Array;
  sampleRate: number;
  /** Time spent in eSpeak, and in the model (with any wait for the thread), for latency metrics. */
  phonemizeMs: number;
  inferMs: number;
}

/**
 * Peak level each sentence is scaled to. Piper scales to full scale; a little headroom keeps the
 * 22.05 → 24/48 kHz resampler's overshoot from clipping.
 */
const PEAK = 0.9 * 32767;

/** Float model output → int16, scaled so the sentence peaks at PEAK (as Piper does, with headroom). */
export function floatToInt16(audio: Float32Array): Int16Array {
  let max = 0.01;
  for (const v of audio) max = Math.max(max, Math.abs(v));
  const scale = PEAK / max;
  const out = new Int16Array(audio.length);
  for (let i = 0; i < audio.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round((audio[i] ?? 0) * scale)));
  return out;
}

/**
 * The model thread. Plain CommonJS evaluated by the Worker (no file of its own), so it runs the
 * same under tsx, from the job bundle and from the inference runner's bundle. It loads the
 * session, then answers { id, ids, scales, sid } with { id, audio } (a transferred Float32Array)
 * or { id, error }, one request at a time in arrival order.
 */
const MODEL_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ort);
(async () => {
  const session = await ort.InferenceSession.create(workerData.model, workerData.options);
  const outputName = session.outputNames[0];
  parentPort.postMessage({ ready: true });
  parentPort.on('message', async ({ id, ids, scales, sid }) => {
    try {
      const feeds = {
        input: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
        input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
        scales: new ort.Tensor('float32', Float32Array.from(scales), [3]),
      };
      if (sid !== undefined) feeds.sid = new ort.Tensor('int64', BigInt64Array.from([BigInt(sid)]), [1]);
      const results = await session.run(feeds);
      const audio = Float32Array.from(results[outputName].data);
      parentPort.postMessage({ id, audio }, [audio.buffer]);
    } catch (err) {
      parentPort.postMessage({ id, error: String((err && err.message) || err) });
    }
  });
})().catch((err) => parentPort.postMessage({ ready: false, error: String((err && err.message) || err) }));
`;

type ThreadReply = { ready: boolean; error?: string } | { id: number; audio?: Float32Array; error?: string };

export class PiperModelError extends Error {
  override name = 'PiperModelError';
}

export class PiperModel {
  readonly voice: string;
  readonly config: PiperVoiceConfig;
  readonly #thread: Worker;
  readonly #waiting = new Map<number, { resolve: (audio: Float32Array) => void; reject: (err: Error) => void }>();
  #nextId = 1;
  #failure: Error | null = null;

  private constructor(voice: string, config: PiperVoiceConfig, thread: Worker) {
    this.voice = voice;
    this.config = config;
    this.#thread = thread;
    thread.on('message', (msg: ThreadReply) => {
      if (!('id' in msg)) return;
      const waiter = this.#waiting.get(msg.id);
      this.#waiting.delete(msg.id);
      if (this.#waiting.size === 0) thread.unref();
      if (msg.audio) waiter?.resolve(msg.audio);
      else waiter?.reject(new PiperModelError(`Piper synthesis failed: ${msg.error ?? 'no audio'}`));
    });
    const fail = (err: Error) => {
      this.#failure = err;
      for (const waiter of this.#waiting.values()) waiter.reject(err);
      this.#waiting.clear();
    };
    thread.on('error', (err) => fail(new PiperModelError(`Piper model thread failed: ${err.message}`)));
    thread.on('exit', () => fail(new PiperModelError('Piper model thread exited')));
    // An idle model thread does not keep a process (a test, a script) alive; a busy one does.
    thread.unref();
  }

  /** Loads a voice; throws PiperModelMissingError (naming the set-up step) when its files are absent. */
  static async load(voice = DEFAULT_PIPER_VOICE, opts: PiperModelOptions = {}): Promise<PiperModel> {
    const files = piperVoiceFiles(voice, opts.modelsDir);
    const config = readPiperConfig(files.config);
    const require = createRequire(import.meta.url);
    // onnxruntime-node's addon registers itself with the first thread that loads it: loaded first
    // by a worker thread, every later load (the main thread's turn detector and Moonshine, or the
    // next model thread) fails with "Module did not self-register". Loaded here first, any number
    // of threads can load it after.
    require('onnxruntime-node');
    const thread = new Worker(MODEL_THREAD, {
      eval: true,
      workerData: {
        ort: require.resolve('onnxruntime-node'),
        model: files.model,
        options: { intraOpNumThreads: opts.intraOpThreads ?? 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' },
      },
    });
    const ready = await new Promise<ThreadReply>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
    if (!('ready' in ready) || !ready.ready) {
      await thread.terminate();
      throw new PiperModelError(`Piper model failed to load: ${ready.error ?? 'unknown error'}`);
    }
    return new PiperModel(voice, config, thread);
  }

  /** Synthesises one sentence (or a few); empty text or text with no speakable phoneme gives no samples. */
  async synthesize(text: string): Promise<PiperAudio> {
    const started = performance.now();
    const ids = await piperPhonemeIds(text, this.config);
    const phonemized = performance.now();
    const audio = ids.length === 0 ? new Float32Array(0) : await this.#render(ids);
    return { samples: floatToInt16(audio), sampleRate: this.config.sampleRate, phonemizeMs: phonemized - started, inferMs: performance.now() - phonemized };
  }

  #render(ids: number[]): Promise<Float32Array> {
    if (this.#failure) return Promise.reject(this.#failure);
    const { noiseScale, lengthScale, noiseW, numSpeakers } = this.config;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#thread.ref();
      // Multi-speaker voices take a speaker id; the default speaker is 0.
      this.#thread.postMessage({ id, ids, scales: [noiseScale, lengthScale, noiseW], sid: numSpeakers > 1 ? 0 : undefined });
    });
  }

  async close(): Promise<void> {
    await this.#thread.terminate();
  }
}

const GLOBAL_KEY = Symbol.for('mockroom.local.piper.models');
const globals = globalThis as unknown as Record<symbol, Map<string, Promise<PiperModel>> | undefined>;

/** One loaded model per voice and options per process, however many TTS instances use it. */
export function sharedPiperModel(voice = DEFAULT_PIPER_VOICE, opts: PiperModelOptions = {}): Promise<PiperModel> {
  const cache = (globals[GLOBAL_KEY] ??= new Map());
  const key = `${voice}|${opts.intraOpThreads ?? 1}|${opts.modelsDir ?? ''}`;
  let model = cache.get(key);
  if (!model) {
    model = PiperModel.load(voice, opts);
    // A failed load (files missing) is not cached, so a later set-up can fix it without a restart.
    model.catch(() => cache.delete(key));
    cache.set(key, model);
  }
  return model;
}
