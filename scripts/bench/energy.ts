/**
 * Energy detection on 16-bit PCM: where speech starts and stops in a WAV, and when a live
 * stream of frames turns loud or quiet. Pure; times are whatever clock the caller passes in.
 */

/** Root mean square of 16-bit samples (0 … 32768). */
export function rms(samples: Int16Array, start = 0, end = samples.length): number {
  const n = end - start;
  if (n <= 0) return 0;
  let sum = 0;
  for (let i = start; i < end; i += 1) {
    const s = samples[i]!;
    sum += s * s;
  }
  return Math.sqrt(sum / n);
}

export function rmsToDbfs(value: number): number {
  return value <= 0 ? -Infinity : 20 * Math.log10(value / 32768);
}

export function dbfsToRms(dbfs: number): number {
  return 32768 * 10 ** (dbfs / 20);
}

export interface SpeechBounds {
  /** Start of the first loud window, ms from the start of the buffer. */
  startMs: number;
  /** End of the last loud window, ms from the start of the buffer. */
  endMs: number;
}

/**
 * Where speech starts and ends, by 10 ms windows louder than `thresholdDbfs`. Returns null for a
 * buffer with no loud window. This is the "known end of speech" the latency is measured from.
 */
export function speechBounds(samples: Int16Array, sampleRate: number, thresholdDbfs = -45, windowMs = 10): SpeechBounds | null {
  const win = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
  const threshold = dbfsToRms(thresholdDbfs);
  let first = -1;
  let last = -1;
  for (let i = 0; i * win < samples.length; i += 1) {
    const start = i * win;
    const end = Math.min(samples.length, start + win);
    if (rms(samples, start, end) >= threshold) {
      if (first < 0) first = start;
      last = end;
    }
  }
  if (first < 0) return null;
  return { startMs: (first / sampleRate) * 1000, endMs: (last / sampleRate) * 1000 };
}

export interface Segment {
  start: number;
  /** null while the segment is still loud. */
  end: number | null;
}

export interface EnergyGateOptions {
  thresholdDbfs: number;
  /** Quiet this long ends a segment; shorter gaps (between words) do not. */
  hangoverMs: number;
}

/**
 * Follows a live audio stream frame by frame and keeps the loud segments. A segment starts at
 * the arrival time of the first loud frame and ends at the arrival time of the first quiet frame
 * of a quiet run that lasts `hangoverMs` — the moment a listener stops hearing the speaker.
 */
export class EnergyGate {
  readonly segments: Segment[] = [];
  private readonly threshold: number;
  private quietSince: number | null = null;
  private lastFrameAt = -Infinity;

  constructor(private readonly opts: EnergyGateOptions) {
    this.threshold = dbfsToRms(opts.thresholdDbfs);
  }

  /** Feed one frame received at `at` (ms). Returns 'onset' or 'offset' when the state changes. */
  push(samples: Int16Array, at: number): 'onset' | 'offset' | null {
    this.lastFrameAt = at;
    const loud = rms(samples) >= this.threshold;
    const open = this.current();
    if (loud) {
      this.quietSince = null;
      if (!open) {
        this.segments.push({ start: at, end: null });
        return 'onset';
      }
      return null;
    }
    if (!open) return null;
    this.quietSince ??= at;
    if (at - this.quietSince >= this.opts.hangoverMs) {
      open.end = this.quietSince;
      this.quietSince = null;
      return 'offset';
    }
    return null;
  }

  /**
   * Closes an open segment when frames stop arriving altogether (a sender that goes silent by
   * sending nothing). Call with the current time; returns true when it closed one.
   */
  tick(now: number): boolean {
    const open = this.current();
    if (!open) return false;
    const since = this.quietSince ?? this.lastFrameAt;
    if (now - since >= this.opts.hangoverMs) {
      open.end = this.quietSince ?? this.lastFrameAt;
      this.quietSince = null;
      return true;
    }
    return false;
  }

  /** The open (still loud) segment, if any. */
  current(): Segment | null {
    const last = this.segments[this.segments.length - 1];
    return last && last.end === null ? last : null;
  }

  isLoud(): boolean {
    return this.current() !== null;
  }

  /** First segment that starts at or after `t`. */
  firstOnsetAfter(t: number): number | null {
    return this.segments.find((s) => s.start >= t)?.start ?? null;
  }

  /** Whether any segment starts within [from, to). */
  onsetWithin(from: number, to: number): boolean {
    return this.segments.some((s) => s.start >= from && s.start < to);
  }
}
