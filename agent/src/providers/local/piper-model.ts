/**
 * A Piper (VITS) voice on onnxruntime-node: phoneme ids in, 16-bit PCM at the voice's rate out.
 * The model is ~63 MB on disk and ~110 MB resident once loaded, so a process keeps one per voice
 * (sharedPiperModel), and the worker keeps one for all its jobs in the inference service
 * (piper-runner.ts). Note: InferenceSession.run holds the calling thread for the whole sentence
 * (70-300 ms), which is why job processes should not run it themselves.
 */
import * as ort from 'onnxruntime-node';
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
  /** Time spent in eSpeak and in the model, for latency metrics. */
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

export class PiperModel {
  readonly voice: string;
  readonly config: PiperVoiceConfig;
  readonly #session: ort.InferenceSession;

  private constructor(voice: string, config: PiperVoiceConfig, session: ort.InferenceSession) {
    this.voice = voice;
    this.config = config;
    this.#session = session;
  }

  /** Loads a voice; throws PiperModelMissingError (naming the set-up step) when its files are absent. */
  static async load(voice = DEFAULT_PIPER_VOICE, opts: PiperModelOptions = {}): Promise<PiperModel> {
    const files = piperVoiceFiles(voice, opts.modelsDir);
    const config = readPiperConfig(files.config);
    const session = await ort.InferenceSession.create(files.model, {
      intraOpNumThreads: opts.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new PiperModel(voice, config, session);
  }

  /** Synthesises one sentence (or a few); empty text or text with no speakable phoneme gives no samples. */
  async synthesize(text: string): Promise<PiperAudio> {
    const started = performance.now();
    const ids = await piperPhonemeIds(text, this.config);
    const phonemized = performance.now();
    if (ids.length === 0) return { samples: new Int16Array(0), sampleRate: this.config.sampleRate, phonemizeMs: phonemized - started, inferMs: 0 };
    const { noiseScale, lengthScale, noiseW, numSpeakers } = this.config;
    const feeds: Record<string, ort.Tensor> = {
      input: new ort.Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), [1, ids.length]),
      input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
      scales: new ort.Tensor('float32', Float32Array.from([noiseScale, lengthScale, noiseW]), [3]),
    };
    // Multi-speaker voices take a speaker id; the default speaker is 0.
    if (numSpeakers > 1) feeds.sid = new ort.Tensor('int64', BigInt64Array.from([0n]), [1]);
    const results = await this.#session.run(feeds);
    const output = results[this.#session.outputNames[0] ?? 'output'];
    const samples = floatToInt16(output?.data as Float32Array);
    for (const tensor of Object.values(results)) tensor.dispose();
    return { samples, sampleRate: this.config.sampleRate, phonemizeMs: phonemized - started, inferMs: performance.now() - phonemized };
  }

  async close(): Promise<void> {
    await this.#session.release();
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
