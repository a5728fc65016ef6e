/**
 * Offline speech-to-text on Moonshine base (English), served by the worker's shared inference
 * service (src/inference/moonshine-service.ts). Moonshine decodes whole segments, not a stream:
 * the speech stream cuts the candidate's audio at short pauses (moonshine-segmenter.ts) and sends
 * each segment for decoding as soon as it closes, emitting one final transcript per segment (the
 * framework joins a turn's finals, as with PocketSphinx), so when the turn ends only the last
 * segment is still decoding. A long segment also gets interim text while it is spoken.
 */
import {
  type APIConnectOptions,
  type AudioBuffer,
  DEFAULT_API_CONNECT_OPTIONS,
  log,
  mergeFrames,
  normalizeLanguage,
  shortuuid,
  stt,
} from '@livekit/agents';
import { defaultTranscriber, type MoonshineTranscriber } from '../../inference/moonshine-service.js';
import { EnergySegmenter, SEGMENT_SAMPLE_RATE, type Segment, type SegmenterEvent, type SegmenterOptions } from './moonshine-segmenter.js';
import { resampleMono, toMono } from './pcm.js';

export interface MoonshineSTTOptions extends SegmenterOptions {
  /** Where segments are decoded; default: the worker's shared service inside a job, else in-process. */
  transcriber?: MoonshineTranscriber;
  /**
   * Audio an open segment must grow by before it is decoded again for interim text; 0 turns
   * interims off. Each interim costs a decode on the shared service, so it is only for long
   * stretches without a pause.
   */
  interimEveryMs?: number;
}

const LANGUAGE = normalizeLanguage('en-US');
const DEFAULT_INTERIM_EVERY_MS = 3_000;

export class MoonshineSTT extends stt.STT {
  label = 'local.MoonshineSTT';
  readonly #opts: MoonshineSTTOptions;
  #transcriber: MoonshineTranscriber | null;

  constructor(opts: MoonshineSTTOptions = {}) {
    super({ streaming: true, interimResults: (opts.interimEveryMs ?? DEFAULT_INTERIM_EVERY_MS) > 0 });
    this.#opts = opts;
    this.#transcriber = opts.transcriber ?? null;
  }

  override get model(): string {
    return 'moonshine-base-en';
  }

  override get provider(): string {
    return 'moonshine';
  }

  /** Resolved on first use, inside the job, so the job's inference executor is found. */
  get transcriber(): MoonshineTranscriber {
    this.#transcriber ??= defaultTranscriber();
    return this.#transcriber;
  }

  protected async _recognize(buffer: AudioBuffer, abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    const frame = mergeFrames(buffer);
    const pcm = resampleMono(toMono(frame), frame.sampleRate, SEGMENT_SAMPLE_RATE);
    const segmenter = new EnergySegmenter(this.#opts);
    const segments = [...segmenter.push(pcm), ...segmenter.flush()].flatMap((e) => (e.type === 'segment' ? [e.segment] : []));
    const texts: string[] = [];
    for (const segment of segments) {
      abortSignal?.throwIfAborted();
      const r = await this.transcriber.transcribe(segment.pcm, segment.voicedSeconds);
      if (r.text) texts.push(r.text);
    }
    const text = texts.join(' ');
    return {
      type: stt.SpeechEventType.FINAL_TRANSCRIPT,
      requestId: shortuuid('ms_'),
      alternatives: [{ language: LANGUAGE, text, startTime: 0, endTime: pcm.length / SEGMENT_SAMPLE_RATE, confidence: text ? 1 : 0 }],
    };
  }

  stream(options?: { connOptions?: APIConnectOptions }): MoonshineSpeechStream {
    return new MoonshineSpeechStream(this, this.transcriber, this.#opts, options?.connOptions);
  }
}

export class MoonshineSpeechStream extends stt.SpeechStream {
  label = 'local.MoonshineSTT';
  readonly #transcriber: MoonshineTranscriber;
  readonly #segmenter: EnergySegmenter;
  readonly #interimEvery: number;
  /** Decodes and their events, in order: a segment's final never overtakes the one before. */
  #chain: Promise<void> = Promise.resolve();
  #requestId = shortuuid('ms_');
  #speaking = false;
  #utteranceStart = 0;
  #utteranceAudio = 0;
  #decodedTexts: string[] = [];
  #interimAt = 0;
  #interimBusy = false;

  constructor(sttImpl: MoonshineSTT, transcriber: MoonshineTranscriber, opts: MoonshineSTTOptions, connOptions: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) {
    // Passing 16 kHz makes the base class resample pushed frames before they reach `input`.
    super(sttImpl, SEGMENT_SAMPLE_RATE, connOptions);
    this.#transcriber = transcriber;
    this.#segmenter = new EnergySegmenter(opts);
    this.#interimEvery = ((opts.interimEveryMs ?? DEFAULT_INTERIM_EVERY_MS) * SEGMENT_SAMPLE_RATE) / 1000;
  }

  protected async run(): Promise<void> {
    for await (const item of this.input) {
      if (this.abortSignal.aborted) break;
      if (item === MoonshineSpeechStream.FLUSH_SENTINEL) {
        this.#handle(this.#segmenter.flush());
        continue;
      }
      this.#handle(this.#segmenter.push(toMono(item)));
      this.#maybeInterim();
    }
    if (!this.abortSignal.aborted) this.#handle(this.#segmenter.flush());
    await this.#chain;
  }

  #handle(events: SegmenterEvent[]): void {
    for (const event of events) {
      if (event.type === 'start') this.#then(async () => this.#startSpeech(event.start));
      else if (event.type === 'segment') {
        const { segment } = event;
        this.#interimAt = 0;
        this.#then(() => this.#decodeSegment(segment));
      } else this.#then(async () => this.#endSpeech(''));
    }
  }

  #then(step: () => Promise<void>): void {
    this.#chain = this.#chain.then(step).catch((err: unknown) => {
      // A failed decode loses that segment's text, never the stream; the error names no content.
      this.#put({ type: stt.SpeechEventType.END_OF_SPEECH, alternatives: [this.#speechData('', 0)] }, true);
      this.#speaking = false;
      if (!this.abortSignal.aborted) log().warn({ error: err instanceof Error ? err.name : 'unknown' }, 'moonshine: segment decode failed');
    });
  }

  #startSpeech(start: number): void {
    if (this.#speaking) return;
    this.#speaking = true;
    this.#utteranceStart = start;
    this.#utteranceAudio = 0;
    this.#decodedTexts = [];
    this.#put({ type: stt.SpeechEventType.START_OF_SPEECH });
  }

  async #decodeSegment(segment: Segment): Promise<void> {
    if (this.abortSignal.aborted) return;
    const result = await this.#transcriber.transcribe(segment.pcm, segment.voicedSeconds);
    const end = segment.start + segment.pcm.length;
    this.#utteranceAudio += segment.pcm.length;
    if (result.text) {
      this.#decodedTexts.push(result.text);
      this.#put({ type: stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives: [this.#speechData(result.text, end)] });
    }
    // A segment cut at the length limit is mid-speech: the utterance goes on.
    if (segment.atPause) this.#endSpeech(this.#decodedTexts.join(' '), end);
  }

  #endSpeech(text: string, end = this.#utteranceStart): void {
    if (this.#speaking) {
      this.#put({ type: stt.SpeechEventType.END_OF_SPEECH, alternatives: [this.#speechData(text, end)] });
    }
    if (this.#utteranceAudio > 0) {
      this.#put({ type: stt.SpeechEventType.RECOGNITION_USAGE, recognitionUsage: { audioDuration: this.#utteranceAudio / SEGMENT_SAMPLE_RATE } });
    }
    this.#speaking = false;
    this.#utteranceAudio = 0;
    this.#decodedTexts = [];
    this.#requestId = shortuuid('ms_');
  }

  /** Interim text for a long open segment; skipped while an earlier decode of this stream runs. */
  #maybeInterim(): void {
    if (this.#interimEvery <= 0 || this.#interimBusy) return;
    const open = this.#segmenter.openSamples;
    if (open - this.#interimAt < this.#interimEvery) return;
    const segment = this.#segmenter.openSegment();
    if (!segment) return;
    this.#interimAt = open;
    this.#interimBusy = true;
    const done = this.#transcriber.transcribe(segment.pcm, segment.voicedSeconds);
    this.#then(async () => {
      try {
        const result = await done;
        // Only while that segment is still open: once it closed its final says it better.
        if (result.text && this.#segmenter.inSegment && this.#segmenter.openSegment()?.start === segment.start) {
          const text = [...this.#decodedTexts, result.text].join(' ');
          this.#put({ type: stt.SpeechEventType.INTERIM_TRANSCRIPT, alternatives: [this.#speechData(text, segment.start + segment.pcm.length)] });
        }
      } finally {
        this.#interimBusy = false;
      }
    });
  }

  #speechData(text: string, end: number): stt.SpeechData {
    return {
      language: LANGUAGE,
      text,
      startTime: this.startTimeOffset + this.#utteranceStart / SEGMENT_SAMPLE_RATE,
      endTime: this.startTimeOffset + end / SEGMENT_SAMPLE_RATE,
      // Greedy decoding gives no calibrated probability; the guard has already dropped what it doubts.
      confidence: text ? 1 : 0,
    };
  }

  #put(event: Omit<stt.SpeechEvent, 'requestId'>, force = false): void {
    if (this.queue.closed || (this.abortSignal.aborted && !force)) return;
    this.queue.put({ ...event, requestId: this.#requestId });
  }
}
