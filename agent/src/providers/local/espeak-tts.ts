import { EspeakEngine } from './espeak-engine.js';
import { DEFAULT_TTS_SAMPLE_RATE, LocalTTS, type LocalTTSSampleRate } from './local-tts.js';

export interface EspeakTTSOptions {
  /** An eSpeak NG voice name, e.g. 'en-us' (default), 'en', 'en-gb-x-rp'. */
  voice?: string;
  /** Speaking rate; eSpeak's default of 175 wpm sounds hurried for an interviewer. */
  wordsPerMinute?: number;
  sampleRate?: LocalTTSSampleRate;
}

/** Offline second voice on eSpeak NG, synthesised in-process through libespeak-ng. */
export class EspeakTTS extends LocalTTS {
  label = 'local.EspeakTTS';

  constructor(opts: EspeakTTSOptions = {}) {
    super(new EspeakEngine(opts.voice ?? 'en-us', opts.wordsPerMinute ?? 160), opts.sampleRate ?? DEFAULT_TTS_SAMPLE_RATE);
  }
}
