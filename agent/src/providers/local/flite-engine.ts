import { existsSync } from 'node:fs';
import koffi from 'koffi';
import type { EnginePcm, SpeechEngine } from './engine.js';
import { LocalSpeechEngineError, LocalSpeechUnavailableError } from './errors.js';
import { callAsync, loadSharedLibrary, NativeMutex, type NativeFunction } from './native-loader.js';

export const FLITE_VOICES = ['kal', 'kal8', 'slt', 'awb', 'rms'] as const;
export type FliteVoiceName = (typeof FLITE_VOICES)[number];

const LIB_DIR = '/usr/lib/x86_64-linux-gnu';
const FLITE_PACKAGE = 'libflite1';

/**
 * Voice name → library and register function. 'kal' uses the 16 kHz build of the kal diphone
 * voice: the 8 kHz one ('kal8') is telephone band, sounds muffled when played at 24/48 kHz and
 * PocketSphinx's wideband model cannot recognise it, which the round-trip test relies on.
 */
const VOICE_LIBS: Record<FliteVoiceName, { lib: string; register: string }> = {
  kal: { lib: 'libflite_cmu_us_kal16.so.1', register: 'register_cmu_us_kal16' },
  kal8: { lib: 'libflite_cmu_us_kal.so.1', register: 'register_cmu_us_kal' },
  slt: { lib: 'libflite_cmu_us_slt.so.1', register: 'register_cmu_us_slt' },
  awb: { lib: 'libflite_cmu_us_awb.so.1', register: 'register_cmu_us_awb' },
  rms: { lib: 'libflite_cmu_us_rms.so.1', register: 'register_cmu_us_rms' },
};

// cst_wave from flite/cst_wave.h (Flite 2.2). Anonymous, so re-evaluating this module (test
// isolation) does not register a duplicate koffi type name.
const CstWave = koffi.struct({
  type: 'const char *',
  sample_rate: 'int',
  num_samples: 'int',
  num_channels: 'int',
  samples: 'int16_t *',
});

interface FliteApi {
  textToWave: NativeFunction;
  deleteWave: NativeFunction;
}

let fliteApi: FliteApi | undefined;
const voices = new Map<FliteVoiceName, unknown>();
/** Flite is not documented as re-entrant; one synthesis at a time per process. */
const fliteMutex = new NativeMutex();

function loadFlite(): FliteApi {
  if (fliteApi) return fliteApi;
  const lib = loadSharedLibrary('libflite.so.1', FLITE_PACKAGE);
  lib.func('int flite_init(void)')();
  fliteApi = {
    textToWave: lib.func('void *flite_text_to_wave(const char *text, void *voice)'),
    deleteWave: lib.func('void delete_wave(void *w)'),
  };
  return fliteApi;
}

function loadVoice(name: FliteVoiceName): unknown {
  const cached = voices.get(name);
  if (cached) return cached;
  const spec = VOICE_LIBS[name];
  if (!spec) throw new LocalSpeechEngineError(`unknown Flite voice; expected one of ${FLITE_VOICES.join(', ')}`);
  if (!existsSync(`${LIB_DIR}/${spec.lib}`) && !existsSync(`/usr/lib/${spec.lib}`)) {
    throw new LocalSpeechUnavailableError(FLITE_PACKAGE, `Flite voice library ${spec.lib} not found`);
  }
  loadFlite();
  const lib = loadSharedLibrary(spec.lib, FLITE_PACKAGE);
  const voice = lib.func(`void *${spec.register}(const char *voxdir)`)(null);
  if (!voice) throw new LocalSpeechEngineError('Flite failed to register its voice');
  voices.set(name, voice);
  return voice;
}

/** In-process Flite synthesis; runs on a koffi worker thread so the event loop stays free. */
export class FliteEngine implements SpeechEngine {
  readonly model: string;
  readonly #voice: unknown;

  constructor(voice: FliteVoiceName) {
    this.model = `flite-${voice}`;
    this.#voice = loadVoice(voice);
  }

  synthesize(text: string): Promise<EnginePcm> {
    const api = loadFlite();
    return fliteMutex.run(async () => {
      const wave = await callAsync<unknown>(api.textToWave, text, this.#voice);
      if (!wave) throw new LocalSpeechEngineError('Flite returned no audio');
      try {
        const w = koffi.decode(wave, CstWave) as { sample_rate: number; num_samples: number; num_channels: number; samples: unknown };
        if (w.num_channels !== 1) throw new LocalSpeechEngineError('Flite returned multichannel audio');
        const samples =
          w.num_samples > 0 ? Int16Array.from(koffi.decode(w.samples, 'int16_t', w.num_samples) as ArrayLike<number>) : new Int16Array(0);
        return { samples, sampleRate: w.sample_rate };
      } finally {
        api.deleteWave(wave);
      }
    });
  }
}
