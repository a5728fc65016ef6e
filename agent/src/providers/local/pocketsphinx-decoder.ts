import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalSpeechEngineError, LocalSpeechUnavailableError } from './errors.js';
import { callAsync, loadSharedLibrary, type NativeFunction } from './native-loader.js';

/** PocketSphinx works on 16 kHz mono 16-bit PCM (the en-us acoustic model is wideband). */
export const DECODER_SAMPLE_RATE = 16_000;

const DEFAULT_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface DecoderModelPaths {
  hmmDir: string;
  lmPath: string;
  dictPath: string;
}

export interface DecoderConfig extends DecoderModelPaths {
  /** Trailing silence that ends an utterance in the decoder's own voice-activity detector. */
  endSilenceMs: number;
}

export function defaultModelPaths(): DecoderModelPaths {
  return {
    hmmDir: join(DEFAULT_MODEL_DIR, 'en-us'),
    lmPath: join(DEFAULT_MODEL_DIR, 'en-us.lm.bin'),
    dictPath: join(DEFAULT_MODEL_DIR, 'cmudict-en-us.dict'),
  };
}

interface PocketSphinxApi {
  cmdLnParse: NativeFunction;
  cmdLnFree: NativeFunction;
  psArgs: NativeFunction;
  psInit: NativeFunction;
  psFree: NativeFunction;
  psStartUtt: NativeFunction;
  psEndUtt: NativeFunction;
  psProcessRaw: NativeFunction;
  psGetHyp: NativeFunction;
  psGetInSpeech: NativeFunction;
}

let api: PocketSphinxApi | undefined;

/** Binds libpocketsphinx 5prealpha (Debian 0.8+5prealpha) once per process. */
export function loadPocketSphinx(): PocketSphinxApi {
  if (api) return api;
  const sphinxbase = loadSharedLibrary('libsphinxbase.so.3', 'libsphinxbase3');
  const ps = loadSharedLibrary('libpocketsphinx.so.3', 'libpocketsphinx3');
  // Silence the library's stderr chatter once, globally. Passing -logfn per decoder instead would
  // make every ps_init close the previous log FILE*, which races with decoders running elsewhere.
  sphinxbase.func('void err_set_logfp(void *stream)')(null);
  api = {
    // cmd_ln_init is variadic; cmd_ln_parse_r takes the same settings as an argv array.
    cmdLnParse: sphinxbase.func('void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)'),
    cmdLnFree: sphinxbase.func('int cmd_ln_free_r(void *cmdln)'),
    psArgs: ps.func('void *ps_args(void)'),
    psInit: ps.func('void *ps_init(void *config)'),
    psFree: ps.func('int ps_free(void *ps)'),
    psStartUtt: ps.func('int ps_start_utt(void *ps)'),
    psEndUtt: ps.func('int ps_end_utt(void *ps)'),
    psProcessRaw: ps.func(
      'int ps_process_raw(void *ps, const int16_t *data, size_t n_samples, int no_search, int full_utt)',
    ),
    psGetHyp: ps.func('const char *ps_get_hyp(void *ps, _Out_ int *out_best_score)'),
    psGetInSpeech: ps.func('uint8_t ps_get_in_speech(void *ps)'),
  };
  return api;
}

function assertModelFiles(paths: DecoderModelPaths): void {
  for (const path of [join(paths.hmmDir, 'mdef'), paths.lmPath, paths.dictPath]) {
    // sphinxbase calls exit() on some missing model files, so check before handing them over.
    if (!existsSync(path)) {
      throw new LocalSpeechUnavailableError('pocketsphinx-en-us', `PocketSphinx model file missing: ${path}`);
    }
  }
}

function toArgv(config: DecoderConfig): string[] {
  return [
    '-hmm', config.hmmDir,
    '-lm', config.lmPath,
    '-dict', config.dictPath,
    '-samprate', String(DECODER_SAMPLE_RATE),
    // The second (flat-lexicon) pass rescans the whole utterance at ps_end_utt, costing ~150 ms
    // for a 5 s answer; without it the final lands in ~15 ms. Measured on Flite speech, the word
    // output was the same on 9 of 10 sentences, and the lattice best-path pass stays on.
    '-fwdflat', 'no',
    '-bestpath', 'yes',
    // 5prealpha's running noise estimate drifts over long near-silent stretches (a candidate
    // listening to a 20 s greeting) until real speech decodes as "" or "hm"; measured on recorded
    // room audio, the same answer decodes correctly with noise removal off. Browsers already apply
    // noise suppression to the microphone before it reaches us.
    '-remove_noise', 'no',
    '-vad_postspeech', String(Math.max(10, Math.round(config.endSilenceMs / 10))),
  ];
}

/**
 * One long-lived PocketSphinx decoder. ps_init takes ~300 ms, so decoders are created off the
 * event loop (koffi runs async calls on a worker thread) and reused across streams via a pool.
 * Every call on one decoder is awaited in order by its single owner, never concurrently.
 */
export class PocketSphinxDecoder {
  readonly #api: PocketSphinxApi;
  #handle: unknown;
  #config: unknown;
  #inUtterance = false;

  private constructor(psApi: PocketSphinxApi, config: unknown, handle: unknown) {
    this.#api = psApi;
    this.#config = config;
    this.#handle = handle;
  }

  static async create(config: DecoderConfig): Promise<PocketSphinxDecoder> {
    assertModelFiles(config);
    const psApi = loadPocketSphinx();
    const argv = toArgv(config);
    const cfg = psApi.cmdLnParse(null, psApi.psArgs(), argv.length, argv, 1);
    if (!cfg) throw new LocalSpeechEngineError('PocketSphinx rejected its configuration');
    const handle = await callAsync<unknown>(psApi.psInit, cfg);
    if (!handle) {
      psApi.cmdLnFree(cfg);
      throw new LocalSpeechEngineError('PocketSphinx failed to initialise a decoder');
    }
    return new PocketSphinxDecoder(psApi, cfg, handle);
  }

  get inUtterance(): boolean {
    return this.#inUtterance;
  }

  startUtterance(): void {
    if (this.#inUtterance) return;
    if (this.#api.psStartUtt(this.#live()) < 0) throw new LocalSpeechEngineError('ps_start_utt failed');
    this.#inUtterance = true;
  }

  /** Feeds PCM to the running utterance on a worker thread; returns whether the VAD hears speech. */
  async process(samples: Int16Array): Promise<boolean> {
    if (!this.#inUtterance) this.startUtterance();
    const rc = await callAsync<number>(this.#api.psProcessRaw, this.#live(), samples, samples.length, 0, 0);
    if (rc < 0) throw new LocalSpeechEngineError('ps_process_raw failed');
    return this.#api.psGetInSpeech(this.#live()) !== 0;
  }

  /** Best hypothesis so far (cheap mid-utterance: a backtrace of the first pass). */
  partialHypothesis(): string {
    if (!this.#inUtterance) return '';
    return normaliseHypothesis(this.#api.psGetHyp(this.#live(), [0]) as string | null);
  }

  /** Ends the utterance and returns its final hypothesis. */
  async endUtterance(): Promise<string> {
    if (!this.#inUtterance) return '';
    this.#inUtterance = false;
    const rc = await callAsync<number>(this.#api.psEndUtt, this.#live());
    if (rc < 0) throw new LocalSpeechEngineError('ps_end_utt failed');
    return normaliseHypothesis(this.#api.psGetHyp(this.#live(), [0]) as string | null);
  }

  /** Whole-buffer recognition, for STT.recognize(). */
  async decodeAll(samples: Int16Array): Promise<string> {
    if (this.#inUtterance) await this.endUtterance();
    this.startUtterance();
    const rc = await callAsync<number>(this.#api.psProcessRaw, this.#live(), samples, samples.length, 0, 1);
    if (rc < 0) throw new LocalSpeechEngineError('ps_process_raw failed');
    return this.endUtterance();
  }

  free(): void {
    if (!this.#handle) return;
    this.#api.psFree(this.#handle);
    this.#handle = undefined;
    // ps_init retains the config, and ps_free releases that reference; drop ours too.
    this.#api.cmdLnFree(this.#config);
    this.#config = undefined;
  }

  #live(): unknown {
    if (!this.#handle) throw new LocalSpeechEngineError('PocketSphinx decoder used after free');
    return this.#handle;
  }
}

/** PocketSphinx marks fillers and alternates as <sil>, [noise], word(2); keep plain words only. */
export function normaliseHypothesis(hyp: string | null): string {
  if (!hyp) return '';
  return hyp
    .split(/\s+/)
    .filter((w) => w && !/^[<[]/.test(w))
    .map((w) => w.replace(/\(\d+\)$/, ''))
    .join(' ');
}
