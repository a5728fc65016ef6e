/**
 * Cuts a 16 kHz mono stream into speech segments at short pauses, by frame energy against an
 * adaptive noise floor. Moonshine is not a streaming model: it decodes whole segments, so the
 * stream hands each segment to the decoder as soon as its pause is heard, and at the end of a
 * turn only the last segment (the tail) is left to decode. See docs/decisions (Moonshine
 * streaming) for the numbers behind the constants.
 */

export const SEGMENT_SAMPLE_RATE = 16_000;
const FRAME = 320; // 20 ms
const FRAME_S = FRAME / SEGMENT_SAMPLE_RATE;

export interface SegmenterOptions {
  /** Silence that closes a segment. Under the framework VAD's 250 ms end of speech, so the tail is decoding before the turn is judged. */
  pauseMs?: number;
  /** Longest segment; a longer stretch of speech is cut at its quietest frame near the limit. */
  maxSegmentMs?: number;
  /** Audio kept before the first speech frame, so the first phone's onset is not clipped. */
  preRollMs?: number;
  /** Segments with less voiced audio than this are clicks or breaths and are not decoded. */
  minVoicedMs?: number;
}

export interface Segment {
  pcm: Int16Array;
  /** Sample index (since the segmenter started) of the segment's first sample. */
  start: number;
  /** Seconds of frames judged to be speech. */
  voicedSeconds: number;
  /** True when the segment ended at a pause (or a flush), false when cut at the length limit. */
  atPause: boolean;
}

export type SegmenterEvent = { type: 'start'; start: number } | { type: 'segment'; segment: Segment } | { type: 'dropped'; start: number };

/** Speech must stand this far above the noise floor to start a segment, and half as far to continue one. */
const ONSET_DB = 12;
const HOLD_DB = 6;
/** Nothing under this level is speech, however quiet the room (digital silence has no floor). */
const ABSOLUTE_MIN_DB = -50;
/** The floor follows quieter frames at once and louder ones by this much per frame (~2.5 dB/s). */
const FLOOR_RISE_DB = 0.05;

function frameDb(pcm: Int16Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const s = pcm[i]! / 32768;
    sum += s * s;
  }
  return 10 * Math.log10(sum / Math.max(1, to - from) + 1e-10);
}

export class EnergySegmenter {
  readonly #pauseFrames: number;
  readonly #maxFrames: number;
  readonly #preRollFrames: number;
  readonly #minVoicedS: number;
  #floorDb = -70;
  /** Samples not yet a whole frame. */
  #pending = new Int16Array(0);
  /** Frames of the open segment (or of the pre-roll while idle). */
  #frames: Int16Array[] = [];
  #frameDbs: number[] = [];
  #consumed = 0;
  #segmentStart = 0;
  #inSegment = false;
  #onsetRun = 0;
  #silenceRun = 0;
  #voicedFrames = 0;

  constructor(opts: SegmenterOptions = {}) {
    this.#pauseFrames = Math.max(1, Math.round((opts.pauseMs ?? 200) / 20));
    this.#maxFrames = Math.max(50, Math.round((opts.maxSegmentMs ?? 8_000) / 20));
    this.#preRollFrames = Math.round((opts.preRollMs ?? 200) / 20);
    this.#minVoicedS = (opts.minVoicedMs ?? 120) / 1000;
  }

  get inSegment(): boolean {
    return this.#inSegment;
  }

  /** Samples of the open segment so far (0 when idle). */
  get openSamples(): number {
    return this.#inSegment ? this.#frames.length * FRAME : 0;
  }

  /** The open segment's audio so far (for an interim decode), or null when idle. */
  openSegment(): Segment | null {
    if (!this.#inSegment) return null;
    return { pcm: concat(this.#frames), start: this.#segmentStart, voicedSeconds: this.#voicedFrames * FRAME_S, atPause: false };
  }

  push(samples: Int16Array): SegmenterEvent[] {
    const events: SegmenterEvent[] = [];
    let pcm = samples;
    if (this.#pending.length > 0) {
      pcm = new Int16Array(this.#pending.length + samples.length);
      pcm.set(this.#pending);
      pcm.set(samples, this.#pending.length);
    }
    let i = 0;
    for (; i + FRAME <= pcm.length; i += FRAME) this.#frame(pcm.slice(i, i + FRAME), events);
    this.#pending = pcm.slice(i);
    return events;
  }

  /** Closes the open segment now (end of input, or the framework's flush at end of turn). */
  flush(): SegmenterEvent[] {
    const events: SegmenterEvent[] = [];
    if (this.#pending.length > 0 && this.#inSegment) {
      const last = new Int16Array(FRAME);
      last.set(this.#pending);
      this.#pending = new Int16Array(0);
      this.#frame(last, events);
    }
    if (this.#inSegment) this.#close(this.#frames.length, true, events);
    return events;
  }

  #frame(frame: Int16Array, events: SegmenterEvent[]): void {
    const db = Math.max(-90, frameDb(frame, 0, frame.length));
    const onset = db > Math.max(ABSOLUTE_MIN_DB, this.#floorDb + ONSET_DB);
    const hold = db > Math.max(ABSOLUTE_MIN_DB, this.#floorDb + HOLD_DB);
    // The floor is learnt from frames that are not speech, so a long answer does not raise it.
    if (db < this.#floorDb) this.#floorDb = db;
    else if (!hold) this.#floorDb += FLOOR_RISE_DB;
    else if (!this.#inSegment) this.#floorDb += FLOOR_RISE_DB / 5;
    this.#frames.push(frame);
    this.#frameDbs.push(db);
    this.#consumed += frame.length;

    if (!this.#inSegment) {
      this.#onsetRun = onset ? this.#onsetRun + 1 : 0;
      // Two loud frames in a row (40 ms) start speech; one is a click.
      if (this.#onsetRun >= 2) {
        this.#inSegment = true;
        this.#silenceRun = 0;
        this.#voicedFrames = 2;
        const keep = Math.min(this.#frames.length, this.#preRollFrames + 2);
        this.#frames = this.#frames.slice(-keep);
        this.#frameDbs = this.#frameDbs.slice(-keep);
        this.#segmentStart = this.#consumed - keep * FRAME;
        events.push({ type: 'start', start: this.#segmentStart });
      } else if (this.#frames.length > this.#preRollFrames + 2) {
        this.#frames.shift();
        this.#frameDbs.shift();
      }
      return;
    }

    if (hold) {
      this.#voicedFrames += 1;
      this.#silenceRun = 0;
    } else {
      this.#silenceRun += 1;
    }
    if (this.#silenceRun >= this.#pauseFrames) {
      this.#close(this.#frames.length, true, events);
    } else if (this.#frames.length >= this.#maxFrames) {
      // Cut where the last 2 s are quietest, so a word is not split in two.
      const from = Math.max(1, this.#frames.length - 100);
      let cut = this.#frames.length;
      let quietest = Infinity;
      for (let k = from; k < this.#frames.length; k++) {
        if (this.#frameDbs[k]! < quietest) {
          quietest = this.#frameDbs[k]!;
          cut = k;
        }
      }
      this.#close(cut, false, events);
    }
  }

  /** Emits frames [0, cut) as a segment; frames after the cut stay open as the next segment. */
  #close(cut: number, atPause: boolean, events: SegmenterEvent[]): void {
    const head = this.#frames.slice(0, cut);
    const rest = this.#frames.slice(cut);
    const restDbs = this.#frameDbs.slice(cut);
    const headDbs = this.#frameDbs.slice(0, cut);
    const voicedHead = atPause ? this.#voicedFrames : headDbs.filter((d) => d > Math.max(ABSOLUTE_MIN_DB, this.#floorDb + HOLD_DB)).length;
    const segment: Segment = { pcm: concat(head), start: this.#segmentStart, voicedSeconds: voicedHead * FRAME_S, atPause };
    if (segment.voicedSeconds >= this.#minVoicedS || !atPause) events.push({ type: 'segment', segment });
    else events.push({ type: 'dropped', start: segment.start });
    if (atPause) {
      this.#inSegment = false;
      this.#onsetRun = 0;
      // The pause's frames become the next segment's pre-roll.
      this.#frames = head.slice(-this.#preRollFrames);
      this.#frameDbs = headDbs.slice(-this.#preRollFrames);
    } else {
      this.#segmentStart += cut * FRAME;
      this.#frames = rest;
      this.#frameDbs = restDbs;
      this.#voicedFrames = Math.max(0, this.#voicedFrames - voicedHead);
    }
  }
}

function concat(frames: Int16Array[]): Int16Array {
  const out = new Int16Array(frames.length * FRAME);
  frames.forEach((f, k) => out.set(f, k * FRAME));
  return out;
}
