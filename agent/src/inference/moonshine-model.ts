/**
 * Moonshine base (English) on onnxruntime-node: the encoder turns 16 kHz audio into hidden states,
 * the merged decoder writes tokens greedily with a key/value cache (first step without the cache
 * branch, which also computes the cross-attention keys and values; every later step reuses them).
 * One instance holds ~65 MB of weights; the inference service keeps one per worker host.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { MoonshineTokenizer } from './moonshine-tokenizer.js';
import { onnxFromOrt } from './ort-to-onnx.js';
import { guardTranscript, maxTokensFor, type GuardVerdict } from './transcript-guard.js';

export const MOONSHINE_SAMPLE_RATE = 16_000;
/** The model folder under the repository's `models/`, as scripts/fetch-models.sh lays it out. */
export const MOONSHINE_MODEL_FOLDER = 'moonshine-base-en';
export const MOONSHINE_FILES = ['encoder_model.ort', 'decoder_model_merged.ort', 'tokenizer.bin'] as const;

const START_TOKEN = 1;
const END_TOKEN = 2;
/** Moonshine's audio front end needs at least this much input for one encoder frame (~25 ms). */
const MIN_SAMPLES = 400;

export class MoonshineModelMissingError extends Error {
  override name = 'MoonshineModelMissingError';
}

/** `<repo>/models/moonshine-base-en`, found by walking up to the workspace root from this file. */
export function defaultMoonshineDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'models', MOONSHINE_MODEL_FOLDER);
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'models', MOONSHINE_MODEL_FOLDER);
    dir = parent;
  }
}

/** Throws MoonshineModelMissingError naming the set-up step when a model file is absent. */
export function assertMoonshineFiles(dir: string): void {
  const missing = MOONSHINE_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new MoonshineModelMissingError(
      `Moonshine model files missing in ${dir} (${missing.join(', ')}): run scripts/setup.sh (it fetches them with scripts/fetch-models.sh)`,
    );
  }
}

export interface MoonshineResult {
  /** Guarded text: '' when the guard dropped the segment. */
  text: string;
  /** Why the guard dropped or trimmed the segment, if it did. */
  guard: 'ok' | 'trimmed' | 'empty' | 'loop' | 'stock-phrase';
  tokens: number;
  encodeMs: number;
  decodeMs: number;
}

export interface MoonshineModelOptions {
  /** onnxruntime threads per operator. 1 keeps one decode from taking both cores from the jobs. */
  intraOpThreads?: number;
}

type Feeds = Record<string, ort.Tensor>;

export class MoonshineModel {
  readonly #encoder: ort.InferenceSession;
  readonly #decoder: ort.InferenceSession;
  readonly #tokenizer: MoonshineTokenizer;
  readonly #layers: number;

  private constructor(encoder: ort.InferenceSession, decoder: ort.InferenceSession, tokenizer: MoonshineTokenizer) {
    this.#encoder = encoder;
    this.#decoder = decoder;
    this.#tokenizer = tokenizer;
    this.#layers = decoder.inputNames.filter((n) => /^past_key_values\.\d+\.decoder\.key$/.test(n)).length;
  }

  static async load(dir = defaultMoonshineDir(), opts: MoonshineModelOptions = {}): Promise<MoonshineModel> {
    assertMoonshineFiles(dir);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: opts.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    };
    // Derived ONNX files (see ort-to-onnx.ts) beside the fetched ones; the set-up's checksums
    // cover only the fetched files.
    const encoderPath = await loadablePath(join(dir, 'encoder_model.ort'), dir);
    const decoderPath = await loadablePath(join(dir, 'decoder_model_merged.ort'), dir);
    const encoder = await ort.InferenceSession.create(encoderPath, sessionOptions);
    const decoder = await ort.InferenceSession.create(decoderPath, sessionOptions);
    return new MoonshineModel(encoder, decoder, MoonshineTokenizer.fromFile(join(dir, 'tokenizer.bin')));
  }

  /**
   * Transcribes one segment of 16 kHz mono audio (floats in -1..1). `voicedSeconds` (speech by
   * energy) feeds the guard's stock-phrase rule; it defaults to the segment's length.
   */
  async transcribe(pcm: Float32Array, voicedSeconds = pcm.length / MOONSHINE_SAMPLE_RATE): Promise<MoonshineResult> {
    if (pcm.length < MIN_SAMPLES) return { text: '', guard: 'empty', tokens: 0, encodeMs: 0, decodeMs: 0 };
    const t0 = performance.now();
    const encoded = await this.#encoder.run({ input_values: new ort.Tensor('float32', pcm, [1, pcm.length]) });
    const hidden = encoded.last_hidden_state!;
    const t1 = performance.now();

    const cap = maxTokensFor(pcm.length, MOONSHINE_SAMPLE_RATE);
    const vocab = this.#tokenizer.size;
    const tokens: number[] = [];
    let hitCap = true;
    const empty = new Float32Array(0);
    // First step: no cache branch; cache inputs are zero-length and only their shapes matter.
    const kvShape = this.#emptyKvShape();
    let feeds: Feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from([BigInt(START_TOKEN)]), [1, 1]),
      encoder_hidden_states: hidden,
      use_cache_branch: new ort.Tensor('bool', [false], [1]),
    };
    for (let l = 0; l < this.#layers; l++) {
      for (const part of ['decoder', 'encoder'] as const) {
        for (const kv of ['key', 'value'] as const) {
          feeds[`past_key_values.${l}.${part}.${kv}`] = new ort.Tensor('float32', empty, kvShape);
        }
      }
    }
    let crossAttention: Feeds | null = null;
    for (let step = 0; step < cap; step++) {
      const out = await this.#decoder.run(feeds);
      const logits = out.logits!.data as Float32Array;
      const next = argmax(logits, logits.length - out.logits!.dims[2]!, Math.min(vocab, out.logits!.dims[2]!));
      if (crossAttention === null) {
        crossAttention = {};
        for (let l = 0; l < this.#layers; l++) {
          crossAttention[`past_key_values.${l}.encoder.key`] = out[`present.${l}.encoder.key`]!;
          crossAttention[`past_key_values.${l}.encoder.value`] = out[`present.${l}.encoder.value`]!;
        }
      }
      if (next === END_TOKEN) {
        hitCap = false;
        break;
      }
      tokens.push(next);
      feeds = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from([BigInt(next)]), [1, 1]),
        encoder_hidden_states: hidden,
        use_cache_branch: new ort.Tensor('bool', [true], [1]),
        ...crossAttention,
      };
      for (let l = 0; l < this.#layers; l++) {
        feeds[`past_key_values.${l}.decoder.key`] = out[`present.${l}.decoder.key`]!;
        feeds[`past_key_values.${l}.decoder.value`] = out[`present.${l}.decoder.value`]!;
      }
    }
    const t2 = performance.now();
    const verdict: GuardVerdict = guardTranscript({ text: '', tokens, hitCap, voicedSeconds }, (ids) => this.#tokenizer.decode(ids));
    const timing = { tokens: tokens.length, encodeMs: t1 - t0, decodeMs: t2 - t1 };
    if (!verdict.keep) return { text: '', guard: verdict.reason, ...timing };
    return { text: this.#tokenizer.decode(verdict.tokens), guard: verdict.trimmed ? 'trimmed' : 'ok', ...timing };
  }

  #emptyKvShape(): number[] {
    const meta = this.#decoder.inputMetadata.find((m) => m.name === 'past_key_values.0.decoder.key');
    const shape = meta && meta.isTensor ? meta.shape : [];
    const heads = typeof shape[1] === 'number' ? shape[1] : 8;
    const dim = typeof shape[3] === 'number' ? shape[3] : 52;
    return [1, heads, 0, dim];
  }

  async release(): Promise<void> {
    await Promise.all([this.#encoder.release(), this.#decoder.release()]);
  }
}

/**
 * The ONNX twin of an `.ort` file, cached in `<modelDir>/onnx`, else (read-only model folder) in
 * the system's temporary folder; the `.ort` itself, slower but correct, if neither can be written.
 */
async function loadablePath(ortPath: string, modelDir: string): Promise<string> {
  for (const cacheDir of [join(modelDir, 'onnx'), join(tmpdir(), 'mockroom-moonshine-onnx')]) {
    try {
      return await onnxFromOrt(ortPath, cacheDir);
    } catch {
      // Next place; the error names only a path, and the .ort still works.
    }
  }
  return ortPath;
}

function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = values[offset + i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}
