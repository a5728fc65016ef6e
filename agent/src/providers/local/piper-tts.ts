/**
 * Offline neural TTS: a Piper voice (default en_US-joe-medium, from the set-up's models/), with
 * eSpeak NG phonemes and the VITS model on onnxruntime-node. It streams sentence by sentence
 * through LocalTTS like Flite and eSpeak. The model runs where `backend` says: in this process
 * (tests, scripts), or in the worker's shared inference service so job processes hold no model.
 */
import type { EnginePcm, SpeechEngine } from './engine.js';
import { DEFAULT_TTS_SAMPLE_RATE, LocalTTS, type LocalTTSSampleRate } from './local-tts.js';
import { defaultPiperBackend, type PiperBackend } from './piper-service.js';
import { DEFAULT_PIPER_VOICE } from './piper-voice.js';

export interface PiperTTSOptions {
  /** A Piper voice under models/piper-<voice>/ (default en_US-joe-medium). */
  voice?: string;
  sampleRate?: LocalTTSSampleRate;
  /** Where the model runs (default: the worker's inference service inside a job, else this process). */
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
    super(new PiperEngine(opts.voice ?? DEFAULT_PIPER_VOICE, opts.backend ?? defaultPiperBackend()), opts.sampleRate ?? DEFAULT_TTS_SAMPLE_RATE);
  }
}
