import {
  type APIConnectOptions,
  type AudioBuffer,
  DEFAULT_API_CONNECT_OPTIONS,
  mergeFrames,
  normalizeLanguage,
  shortuuid,
  stt,
} from '@livekit/agents';
import { getDecoderPool, type DecoderPool } from './decoder-pool.js';
import { DECODER_SAMPLE_RATE, defaultModelPaths, type DecoderConfig, type PocketSphinxDecoder } from './pocketsphinx-decoder.js';
import { resampleMono, toMono } from './pcm.js';

export interface PocketSphinxSTTOptions {
  /** Rate the caller's frames arrive at; the stream resamples to 16 kHz either way. */
  sampleRate?: number;
  hmmDir?: string;
  lmPath?: string;
  dictPath?: string;
  /**
   * Silence after which the decoder's own VAD ends an utterance and emits the final transcript.
   * The framework never flushes a streaming STT, so the turn cannot be evaluated before this final
   * arrives: kept under the framework VAD's 250 ms end-of-speech silence so the transcript is in
   * hand when the VAD ends the turn. A pause this short inside an answer only splits it into two
   * finals, which the framework joins.
   */
  endSilenceMs?: number;
}

/** Work handed to ps_process_raw per call: 20 ms, so each native call stays short. */
const CHUNK_SAMPLES = (DECODER_SAMPLE_RATE * 20) / 1000;
/** How often (in audio) an interim hypothesis is read while the candidate speaks. */
const INTERIM_EVERY_SAMPLES = (DECODER_SAMPLE_RATE * 200) / 1000;
const DEFAULT_END_SILENCE_MS = 200;
const FLUSH_TAIL = new Int16Array((DECODER_SAMPLE_RATE * 150) / 1000);
const LANGUAGE = normalizeLanguage('en-US');

/**
 * Offline streaming speech-to-text on CMU PocketSphinx (Debian libpocketsphinx3 +
 * pocketsphinx-en-us). Audio is decoded as it arrives on a pooled, long-lived decoder, so the
 * final transcript costs only the end-of-utterance pass (~15 ms), not a whole-utterance decode.
 */
export class PocketSphinxSTT extends stt.STT {
  label = 'local.PocketSphinxSTT';
  readonly #config: DecoderConfig;
  readonly #sampleRate: number | undefined;

  constructor(opts: PocketSphinxSTTOptions = {}) {
    super({ streaming: true, interimResults: true });
    const defaults = defaultModelPaths();
    this.#config = {
      hmmDir: opts.hmmDir ?? defaults.hmmDir,
      lmPath: opts.lmPath ?? defaults.lmPath,
      dictPath: opts.dictPath ?? defaults.dictPath,
      endSilenceMs: opts.endSilenceMs ?? DEFAULT_END_SILENCE_MS,
    };
    this.#sampleRate = opts.sampleRate;
  }

  override get model(): string {
    return 'pocketsphinx-en-us';
  }

  override get provider(): string {
    return 'pocketsphinx';
  }

  /** Initialises this configuration's decoder pool now, off the hot path. */
  async prewarm(): Promise<void> {
    await this.#pool().warm();
  }

  protected async _recognize(buffer: AudioBuffer, abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    const frame = mergeFrames(buffer);
    const pcm = resampleMono(toMono(frame), frame.sampleRate, DECODER_SAMPLE_RATE);
    const pool = this.#pool();
    const decoder = await pool.acquire();
    let text = '';
    try {
      abortSignal?.throwIfAborted();
      text = await decoder.decodeAll(pcm);
    } finally {
      await pool.release(decoder);
    }
    const duration = pcm.length / DECODER_SAMPLE_RATE;
    return {
      type: stt.SpeechEventType.FINAL_TRANSCRIPT,
      requestId: shortuuid('ps_'),
      alternatives: [{ language: LANGUAGE, text, startTime: 0, endTime: duration, confidence: text ? 1 : 0 }],
    };
  }

  stream(options?: { connOptions?: APIConnectOptions }): PocketSphinxSpeechStream {
    return new PocketSphinxSpeechStream(this, this.#pool(), options?.connOptions);
  }

  #pool(): DecoderPool {
    return getDecoderPool(this.#config);
  }

  /** Rate callers said they would push; informational, the stream resamples regardless. */
  get inputSampleRate(): number | undefined {
    return this.#sampleRate;
  }
}

export class PocketSphinxSpeechStream extends stt.SpeechStream {
  label = 'local.PocketSphinxSTT';
  readonly #pool: DecoderPool;
  #requestId = shortuuid('ps_');
  /** Samples fed to the decoder since the stream started (16 kHz). */
  #fed = 0;
  #utteranceStart = 0;
  #fedInUtterance = 0;
  #speaking = false;
  #lastInterim = '';
  #sinceInterim = 0;

  constructor(sttImpl: PocketSphinxSTT, pool: DecoderPool, connOptions: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) {
    // Passing 16 kHz makes the base class resample pushed frames before they reach `input`.
    super(sttImpl, DECODER_SAMPLE_RATE, connOptions);
    this.#pool = pool;
  }

  protected async run(): Promise<void> {
    const decoder = await this.#pool.acquire();
    try {
      for await (const item of this.input) {
        if (this.abortSignal.aborted) break;
        if (item === PocketSphinxSpeechStream.FLUSH_SENTINEL) {
          await this.#finishUtterance(decoder, true);
          continue;
        }
        await this.#feed(decoder, toMono(item));
      }
      if (!this.abortSignal.aborted) await this.#finishUtterance(decoder, true);
    } finally {
      await this.#pool.release(decoder);
    }
  }

  async #feed(decoder: PocketSphinxDecoder, pcm: Int16Array): Promise<void> {
    for (let i = 0; i < pcm.length; i += CHUNK_SAMPLES) {
      const chunk = pcm.subarray(i, Math.min(pcm.length, i + CHUNK_SAMPLES));
      if (this.#fedInUtterance === 0) this.#utteranceStart = this.#fed;
      const inSpeech = await decoder.process(chunk);
      this.#fed += chunk.length;
      this.#fedInUtterance += chunk.length;
      if (this.abortSignal.aborted) return;

      if (inSpeech && !this.#speaking) {
        this.#speaking = true;
        this.#sinceInterim = 0;
        this.#put({ type: stt.SpeechEventType.START_OF_SPEECH });
      } else if (!inSpeech && this.#speaking) {
        // The decoder's VAD heard `endSilenceMs` of silence: the utterance is over.
        await this.#finishUtterance(decoder);
        continue;
      }

      if (this.#speaking) {
        this.#sinceInterim += chunk.length;
        if (this.#sinceInterim >= INTERIM_EVERY_SAMPLES) {
          this.#sinceInterim = 0;
          const text = decoder.partialHypothesis();
          if (text && text !== this.#lastInterim) {
            this.#lastInterim = text;
            this.#put({ type: stt.SpeechEventType.INTERIM_TRANSCRIPT, alternatives: [this.#speechData(text)] });
          }
        }
      }
    }
  }

  /** Ends the decoder's utterance and emits its final transcript (flush, VAD end, end of input). */
  async #finishUtterance(decoder: PocketSphinxDecoder, early = false): Promise<void> {
    const hadAudio = this.#fedInUtterance > 0;
    // A flush can land right on the last phone. Measured on Flite speech cut off at the last
    // sample, a short tail of silence lets the front end and VAD release the final frames: the
    // sentence-final word was lost in 6 of 10 sentences without it.
    if (early && hadAudio && decoder.inUtterance) await decoder.process(FLUSH_TAIL);
    const text = hadAudio && decoder.inUtterance ? await decoder.endUtterance() : '';
    if (text) {
      this.#put({ type: stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives: [this.#speechData(text)] });
    }
    if (this.#speaking) {
      this.#put({
        type: stt.SpeechEventType.END_OF_SPEECH,
        alternatives: [this.#speechData(text)],
      });
    }
    if (hadAudio) {
      this.#put({
        type: stt.SpeechEventType.RECOGNITION_USAGE,
        recognitionUsage: { audioDuration: this.#fedInUtterance / DECODER_SAMPLE_RATE },
      });
    }
    this.#speaking = false;
    this.#lastInterim = '';
    this.#fedInUtterance = 0;
    this.#requestId = shortuuid('ps_');
  }

  #speechData(text: string): stt.SpeechData {
    return {
      language: LANGUAGE,
      text,
      startTime: this.startTimeOffset + this.#utteranceStart / DECODER_SAMPLE_RATE,
      endTime: this.startTimeOffset + this.#fed / DECODER_SAMPLE_RATE,
      // 5prealpha exposes only a log-domain path score, not a calibrated probability.
      confidence: text ? 1 : 0,
    };
  }

  #put(event: Omit<stt.SpeechEvent, 'requestId'>): void {
    if (this.queue.closed) return;
    this.queue.put({ ...event, requestId: this.#requestId });
  }
}
