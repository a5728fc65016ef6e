/**
 * Offline neural TTS: a Piper voice (default en_US-joe-medium, from the set-up's models/), with
 * eSpeak NG phonemes and the VITS model on onnxruntime-node. It streams sentence by sentence
 * through LocalTTS like Flite and eSpeak. The model runs where `backend` says: in this process
 * (tests, scripts), or in the worker's shared inference service so job processes hold no model.
 */
import type { EnginePcm, SpeechEngine } from './engine.js';
import { DEFAULT_TTS_SAMPLE_RATE, LocalTTS, type LocalTTSSampleRate } from './local-tts.js';
import { sharedPiperModel, type PiperModelOptions } from './piper-model.js';
import { DEFAULT_PIPER_VOICE } from './piper-voice.js';

/** Renders one sentence at the voice's own rate (22.05 kHz for medium voices). */
export type PiperBackend = (text: string, voice: string) => Promise<EnginePcm>;

/** The model loaded once in this process and shared by every PiperTTS in it. */
export function inProcessPiper(opts: PiperModelOptions = {}): PiperBackend {
  return async (text, voice) => {
    const model = await sharedPiperModel(voice, opts);
    const { samples, sampleRate } = await model.synthesize(text);
    return { samples, sampleRate };
  };
}

export interface PiperTTSOptions {
  /** A Piper voice under models/piper-<voice>/ (default en_US-joe-medium). */
  voice?: string;
  sampleRate?: LocalTTSSampleRate;
  /** Where the model runs (default: in this process). */
  backend?: PiperBackend;
}

class PiperEngine implements SpeechEngine {
  readonly model: string;

  constructor(
    private readonly voice: string,
    private readonly backend: PiperBackend,
  ) {
    this.model = `piper-${voice}`;
  }

  synthesize(text: string): Promise<EnginePcm> {
    return this.backend(text, this.voice);
  }
}

export class PiperTTS extends LocalTTS {
  label = 'local.PiperTTS';

  constructor(opts: PiperTTSOptions = {}) {
    // 22.05 kHz is resampled to the declared rate (24 kHz by default), as Flite's 16 kHz is.
    super(new PiperEngine(opts.voice ?? DEFAULT_PIPER_VOICE, opts.backend ?? inProcessPiper()), opts.sampleRate ?? DEFAULT_TTS_SAMPLE_RATE);
  }
}
