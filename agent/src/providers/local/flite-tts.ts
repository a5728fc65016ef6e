import { FliteEngine, type FliteVoiceName } from './flite-engine.js';
import { DEFAULT_TTS_SAMPLE_RATE, LocalTTS, type LocalTTSSampleRate } from './local-tts.js';

export interface FliteTTSOptions {
  /** 'kal' (default, 16 kHz build), 'kal8', 'slt', 'awb', 'rms' — all ship in Debian libflite1. */
  voice?: FliteVoiceName | string;
  sampleRate?: LocalTTSSampleRate;
}

/** Offline TTS on CMU Flite, synthesised in-process through libflite (no process per turn). */
export class FliteTTS extends LocalTTS {
  label = 'local.FliteTTS';

  constructor(opts: FliteTTSOptions = {}) {
    super(new FliteEngine((opts.voice ?? 'kal') as FliteVoiceName), opts.sampleRate ?? DEFAULT_TTS_SAMPLE_RATE);
  }
}
