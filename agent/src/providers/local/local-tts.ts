import { type APIConnectOptions, DEFAULT_API_CONNECT_OPTIONS, shortuuid, tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import type { SpeechEngine } from './engine.js';
import { resampleMono, trimSilence } from './pcm.js';
import { SentenceSplitter, splitSentences } from './sentence-splitter.js';
import { SpeechAhead } from './speech-ahead.js';

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

  /** Renders one sentence, silence-trimmed, as mono PCM at this TTS's rate. */
  async renderSentence(text: string): Promise<Int16Array> {
    const pcm = await this.#engine.synthesize(text);
    return resampleMono(trimSilence(pcm.samples, pcm.sampleRate), pcm.sampleRate, this.sampleRate);
  }

  /**
   * Starts rendering one sentence as consecutive parts. One part here; an engine that takes long
   * over a long sentence (Piper) splits off its first clause, so the recruiter starts speaking sooner.
   */
  startParts(text: string): Promise<Int16Array>[] {
    return [this.renderSentence(text)];
  }

  /** Renders one sentence part by part (all parts requested at once, yielded in order). */
  async *renderParts(text: string): AsyncGenerator<Int16Array> {
    const rendered = this.startParts(text);
    // A failure surfaces through the await below; the others must not become unhandled rejections.
    for (const r of rendered) r.catch(() => undefined);
    for (const r of rendered) yield await r;
  }

  /** Sentences rendered ahead of need (docs/decisions/022-speech-ahead-and-short-greeting.md). */
  readonly ahead = new SpeechAhead((text) => this.startParts(text));

  /**
   * Renders these texts' sentences ahead, most likely first, and forgets any rendered earlier that
   * are not among them. The interviewer calls it with what it expects to say next.
   */
  prefetch(texts: readonly string[]): void {
    this.ahead.want(texts.flatMap((t) => splitSentences(t)));
  }

  /** A sentence's audio: rendered ahead when it was expected, rendered now otherwise. */
  async *speakParts(text: string): AsyncGenerator<Int16Array> {
    const ready = this.ahead.take(text);
    if (!ready) {
      yield* this.renderParts(text);
      return;
    }
    for (const r of ready) r.catch(() => undefined);
    let i = 0;
    try {
      for (; i < ready.length; i++) yield await ready[i]!;
    } catch {
      // Rendered ahead but failed (a restarted inference service): render it now. Only a first part
      // can fail unseen; a later one would repeat audio already played, so it rethrows.
      if (i > 0) throw new Error('speech rendered ahead failed mid-sentence');
      yield* this.renderParts(text);
    }
  }

  override async close(): Promise<void> {
    this.ahead.clear();
    await super.close();
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): LocalChunkedStream {
    return new LocalChunkedStream(this, text, connOptions, abortSignal);
  }

  stream(options?: { connOptions?: APIConnectOptions }): LocalSynthesizeStream {
    return new LocalSynthesizeStream(this, options?.connOptions);
  }
}

/**
 * Cuts sentence audio into 20 ms frames across sentence boundaries (only a segment's last frame
 * may be short) and holds back the latest frame so that last one can be marked `final`.
 */
class FrameEmitter {
  readonly #frameSamples: number;
  #carry = new Int16Array(0);
  #pendingText: string | undefined;
  #held: tts.SynthesizedAudio | undefined;

  constructor(
    private readonly put: (audio: tts.SynthesizedAudio) => void,
    private readonly sampleRate: number,
    private readonly requestId: string,
    public segmentId: string,
  ) {
    this.#frameSamples = (sampleRate * TTS_FRAME_MS) / 1000;
  }

  /** Adds a sentence's (or a part's) audio; `text`, if any, rides on the first frame that carries it. */
  write(samples: Int16Array, text: string): void {
    if (text) this.#pendingText = this.#pendingText ? `${this.#pendingText} ${text}` : text;
    const all = new Int16Array(this.#carry.length + samples.length);
    all.set(this.#carry);
    all.set(samples, this.#carry.length);
    let offset = 0;
    for (; offset + this.#frameSamples <= all.length; offset += this.#frameSamples) {
      this.#hold(all.slice(offset, offset + this.#frameSamples));
    }
    this.#carry = all.slice(offset);
  }

  /** Ends the segment: emits the remainder and marks the last frame final. */
  end(): void {
    if (this.#carry.length > 0) this.#hold(this.#carry);
    this.#carry = new Int16Array(0);
    if (this.#held) this.put({ ...this.#held, final: true });
    this.#held = undefined;
  }

  #hold(chunk: Int16Array): void {
    if (this.#held) this.put(this.#held);
    const frame = new AudioFrame(chunk, this.sampleRate, 1, chunk.length);
    this.#held = { requestId: this.requestId, segmentId: this.segmentId, frame, final: false };
    if (this.#pendingText) {
      this.#held.deltaText = this.#pendingText;
      this.#pendingText = undefined;
    }
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
    const emitter = new FrameEmitter((a) => this.queue.put(a), this.#tts.sampleRate, requestId, requestId);
    for (const sentence of splitSentences(this.inputText)) {
      if (!(await emitSentence(this.#tts, sentence, emitter, this.abortSignal))) return;
    }
    emitter.end();
  }
}

/**
 * Renders one sentence part by part into the emitter (the sentence's text rides on its first
 * frame, for captions), then yields to the event loop. False when aborted before the end.
 */
async function emitSentence(ttsImpl: LocalTTS, sentence: string, emitter: FrameEmitter, abortSignal: AbortSignal): Promise<boolean> {
  if (abortSignal.aborted) return false;
  let text = sentence;
  for await (const part of ttsImpl.speakParts(sentence)) {
    if (abortSignal.aborted) return false;
    emitter.write(part, text);
    text = '';
  }
  await yieldToEventLoop();
  return true;
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
    const emitter = new FrameEmitter((a) => this.queue.put(a), this.#tts.sampleRate, requestId, shortuuid('seg_'));

    const speak = async (sentences: string[]): Promise<void> => {
      for (const sentence of sentences) {
        if (this.abortSignal.aborted) return;
        this.markStarted();
        if (!(await emitSentence(this.#tts, sentence, emitter, this.abortSignal))) return;
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
