import koffi from 'koffi';
import type { EnginePcm, SpeechEngine } from './engine.js';
import { LocalSpeechEngineError } from './errors.js';
import { loadSharedLibrary, NativeMutex, type NativeFunction } from './native-loader.js';

const ESPEAK_PACKAGE = 'libespeak-ng1';
// speak_lib.h constants (eSpeak NG 1.51).
const AUDIO_OUTPUT_SYNCHRONOUS = 2;
const POS_CHARACTER = 1;
const ESPEAK_CHARS_UTF8 = 1;
const ESPEAK_RATE = 1;
const EE_OK = 0;

interface EspeakApi {
  sampleRate: number;
  synth: NativeFunction;
  setVoiceByName: NativeFunction;
  setParameter: NativeFunction;
  /** Receives the chunks of the synthesis in progress. */
  sink: { chunks: Int16Array[] };
}

/**
 * eSpeak NG keeps one synthesiser per process; its state lives on globalThis so that a module
 * re-evaluated under test isolation does not initialise it twice.
 */
const GLOBAL_KEY = Symbol.for('mockroom.local.espeak');
const globals = globalThis as unknown as Record<symbol, EspeakApi | undefined>;
/** Shared with the Piper phonemizer: eSpeak's voice is process-wide, so phonemizing and synthesis take turns. */
export const espeakMutex = new NativeMutex();

export function loadEspeak(): EspeakApi {
  const existing = globals[GLOBAL_KEY];
  if (existing) return existing;
  const lib = loadSharedLibrary('libespeak-ng.so.1', ESPEAK_PACKAGE);
  const initialize = lib.func('int espeak_Initialize(int output, int buflength, const char *path, int options)');
  // Synchronous mode: espeak_Synth renders on the calling thread and hands PCM to the callback.
  const sampleRate = initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, null, 0) as number;
  if (sampleRate <= 0) throw new LocalSpeechEngineError('eSpeak NG failed to initialise (espeak-ng-data missing?)');
  const sink: EspeakApi['sink'] = { chunks: [] };
  const callbackType = koffi.pointer(koffi.proto('int', ['int16_t *', 'int', 'void *']));
  const onAudio = koffi.register((wav: unknown, count: number) => {
    if (wav && count > 0) sink.chunks.push(Int16Array.from(koffi.decode(wav, 'int16_t', count) as ArrayLike<number>));
    return 0;
  }, callbackType);
  lib.func('void espeak_SetSynthCallback(void *cb)')(onAudio);
  const api: EspeakApi = {
    sampleRate,
    synth: lib.func(
      'int espeak_Synth(const char *text, size_t size, unsigned int position, int position_type, unsigned int end_position, unsigned int flags, void *unique_identifier, void *user_data)',
    ),
    setVoiceByName: lib.func('int espeak_SetVoiceByName(const char *name)'),
    setParameter: lib.func('int espeak_SetParameter(int parameter, int value, int relative)'),
    sink,
  };
  globals[GLOBAL_KEY] = api;
  return api;
}

/**
 * In-process eSpeak NG synthesis. eSpeak renders a sentence in a few milliseconds, so it runs
 * synchronously on the event loop, one sentence per call (callers yield between sentences).
 */
export class EspeakEngine implements SpeechEngine {
  readonly model: string;
  readonly #voice: string;
  readonly #wordsPerMinute: number;

  constructor(voice: string, wordsPerMinute: number) {
    this.#voice = voice;
    this.#wordsPerMinute = wordsPerMinute;
    this.model = `espeak-ng-${voice}`;
    const api = loadEspeak();
    if (api.setVoiceByName(voice) !== EE_OK) throw new LocalSpeechEngineError('eSpeak NG does not know this voice');
  }

  synthesize(text: string): Promise<EnginePcm> {
    const api = loadEspeak();
    return espeakMutex.run(() => {
      // Voice and rate are process-wide in eSpeak; set them for every call in case instances differ.
      api.setVoiceByName(this.#voice);
      api.setParameter(ESPEAK_RATE, this.#wordsPerMinute, 0);
      api.sink.chunks = [];
      const bytes = Buffer.byteLength(text, 'utf8') + 1;
      const rc = api.synth(text, bytes, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, null, null) as number;
      const chunks = api.sink.chunks;
      api.sink.chunks = [];
      if (rc !== EE_OK) throw new LocalSpeechEngineError('eSpeak NG synthesis failed');
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const samples = new Int16Array(total);
      let offset = 0;
      for (const c of chunks) {
        samples.set(c, offset);
        offset += c.length;
      }
      return { samples, sampleRate: api.sampleRate };
    });
  }
}
