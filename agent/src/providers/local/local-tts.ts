import { type APIConnectOptions, DEFAULT_API_CONNECT_OPTIONS, shortuuid, tts } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import type { SpeechEngine } from './engine.js';
import { resampleMono, toFrames, trimSilence } from './pcm.js';
import { SentenceSplitter, splitSentences } from './sentence-splitter.js';

/** Output rates the agent's audio path accepts without a further resample. */
export type LocalTTSSampleRate = 24_000 | 48_000;
export const DEFAULT_TTS_SAMPLE_RATE: LocalTTSSampleRate = 24_000;
/** 20 ms frames: what LiveKit's audio source expects per push. */
export const TTS_FRAME_MS = 20;

/**
 * Shared body of the offline TTS providers: render sentence by sentence (first sentence first),
 * trim each sentence's leading silence, resample to the declared rate, emit 20 ms frames.
 */
export abstract class LocalTTS extends tts.TTS {
  readonly #engine: SpeechEngine;

  protected constructor(engine: SpeechEngine, sampleRate: LocalTTSSampleRate) {
    super(sampleRate, 1, { streaming: true });
    this.#engine = engine;
  }

  override get model(): string {
    return this.#engine.model;
  }

  override get provider(): string {
    return 'local';
  }

  /** Renders one sentence to frames at this TTS's rate. */
  async renderSentence(text: string): Promise<AudioFrame[]> {
    const pcm = await this.#engine.synthesize(text);
    const trimmed = trimSilence(pcm.samples, pcm.sampleRate);
    return toFrames(resampleMono(trimmed, pcm.sampleRate, this.sampleRate), this.sampleRate, TTS_FRAME_MS);
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): LocalChunkedStream {
    return new LocalChunkedStream(this, text, connOptions, abortSignal);
  }

  stream(options?: { connOptions?: APIConnectOptions }): LocalSynthesizeStream {
    return new LocalSynthesizeStream(this, options?.connOptions);
  }
}

/**
 * Holds back the latest frame so the last frame of a segment can be marked `final`, as the
 * framework's metrics expect.
 */
class FrameEmitter {
  #pending: AudioFrame | undefined;
  #deltaText: string | undefined;

  constructor(
    private readonly put: (audio: tts.SynthesizedAudio) => void,
    private readonly requestId: string,
    public segmentId: string,
  ) {}

  push(frame: AudioFrame, deltaText?: string): void {
    this.#emit(false);
    this.#pending = frame;
    this.#deltaText = deltaText;
  }

  /** Emits the held frame as the segment's last; returns whether there was one. */
  end(): boolean {
    const had = this.#pending !== undefined;
    this.#emit(true);
    return had;
  }

  #emit(final: boolean): void {
    if (!this.#pending) return;
    const audio: tts.SynthesizedAudio = { requestId: this.requestId, segmentId: this.segmentId, frame: this.#pending, final };
    if (this.#deltaText) audio.deltaText = this.#deltaText;
    this.put(audio);
    this.#pending = undefined;
    this.#deltaText = undefined;
  }
}

async function yieldToEventLoop(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

export class LocalChunkedStream extends tts.ChunkedStream {
  label: string;
  readonly #tts: LocalTTS;

  constructor(ttsImpl: LocalTTS, text: string, connOptions: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS, abortSignal?: AbortSignal) {
    super(text, ttsImpl, connOptions, abortSignal);
    this.#tts = ttsImpl;
    this.label = ttsImpl.label;
  }

  protected async run(): Promise<void> {
    const requestId = shortuuid('local_');
    const emitter = new FrameEmitter((a) => this.queue.put(a), requestId, requestId);
    for (const sentence of splitSentences(this.inputText)) {
      if (this.abortSignal.aborted) return;
      const frames = await this.#tts.renderSentence(sentence);
      frames.forEach((frame, i) => emitter.push(frame, i === 0 ? sentence : undefined));
      await yieldToEventLoop();
    }
    emitter.end();
  }
}

export class LocalSynthesizeStream extends tts.SynthesizeStream {
  label: string;
  readonly #tts: LocalTTS;

  constructor(ttsImpl: LocalTTS, connOptions: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) {
    super(ttsImpl, connOptions);
    this.#tts = ttsImpl;
    this.label = ttsImpl.label;
  }

  protected async run(): Promise<void> {
    const requestId = shortuuid('local_');
    const splitter = new SentenceSplitter();
    const emitter = new FrameEmitter((a) => this.queue.put(a), requestId, shortuuid('seg_'));

    const speak = async (sentences: string[]): Promise<void> => {
      for (const sentence of sentences) {
        if (this.abortSignal.aborted) return;
        this.markStarted();
        const frames = await this.#tts.renderSentence(sentence);
        if (this.abortSignal.aborted) return;
        frames.forEach((frame, i) => emitter.push(frame, i === 0 ? sentence : undefined));
        await yieldToEventLoop();
      }
    };
    const endSegment = (): void => {
      emitter.end();
      emitter.segmentId = shortuuid('seg_');
    };

    for await (const input of this.input) {
      if (this.abortSignal.aborted) return;
      if (input === LocalSynthesizeStream.FLUSH_SENTINEL) {
        await speak(splitter.flush());
        endSegment();
      } else {
        await speak(splitter.push(input));
      }
    }
    await speak(splitter.flush());
    endSegment();
    if (!this.abortSignal.aborted) this.queue.put(LocalSynthesizeStream.END_OF_STREAM);
  }
}
