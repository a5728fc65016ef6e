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

/** Sentences shorter than this render fast enough whole. */
const MIN_SPLIT_CHARS = 40;

/**
 * Splits a long sentence after its first clause ("Hi Grace, | I'm an AI recruiter, and ...") so
 * its audio can start while the rest renders. Piper renders a whole utterance before any audio
 * comes out (~0.1 of its duration on a quiet core, up to ~0.7 on a loaded one); the first clause
 * keeps its comma, so the model gives it a continuing, not a final, intonation.
 */
export function splitLeadClause(sentence: string): string[] {
  if (sentence.length < MIN_SPLIT_CHARS) return [sentence];
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  for (const m of sentence.matchAll(/[,;:](?=\s)/g)) {
    const head = sentence.slice(0, m.index + 1).trim();
    const tail = sentence.slice(m.index + 1).trim();
    if (words(head) >= 2 && words(tail) >= 3) return [head, tail];
  }
  return [sentence];
}

export class PiperTTS extends LocalTTS {
  label = 'local.PiperTTS';

  /** The first clause of a long sentence, then the rest; both are requested at once, so the rest renders while the first plays. */
  override startParts(text: string): Promise<Int16Array>[] {
    return splitLeadClause(text).map((part) => this.renderSentence(part));
  }

  constructor(opts: PiperTTSOptions = {}) {
    // 22.05 kHz is resampled to the declared rate (24 kHz by default), as Flite's 16 kHz is.
    super(new PiperEngine(opts.voice ?? DEFAULT_PIPER_VOICE, opts.backend ?? defaultPiperBackend()), opts.sampleRate ?? DEFAULT_TTS_SAMPLE_RATE);
  }
}
