import { AudioFrame, AudioResampler, AudioResamplerQuality } from '@livekit/rtc-node';

/** Averages interleaved channels into mono; returns the frame's own samples when already mono. */
export function toMono(frame: AudioFrame): Int16Array {
  if (frame.channels === 1) return frame.data;
  const out = new Int16Array(frame.samplesPerChannel);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < frame.channels; c++) sum += frame.data[i * frame.channels + c] ?? 0;
    out[i] = Math.round(sum / frame.channels);
  }
  return out;
}

/** Resamples a whole mono buffer in one go (engine output, or a buffer for batch recognition). */
export function resampleMono(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const resampler = new AudioResampler(fromRate, toRate, 1, AudioResamplerQuality.HIGH);
  try {
    const frames = [...resampler.push(new AudioFrame(samples, fromRate, 1, samples.length)), ...resampler.flush()];
    const total = frames.reduce((n, f) => n + f.samplesPerChannel, 0);
    const out = new Int16Array(total);
    let offset = 0;
    for (const f of frames) {
      out.set(f.data.subarray(0, f.samplesPerChannel), offset);
      offset += f.samplesPerChannel;
    }
    return out;
  } finally {
    resampler.close();
  }
}

export interface TrimOptions {
  /** Audio kept before the first sound so the attack of the first phone is not clipped. */
  leadPadMs: number;
  /** Longest trailing silence kept; enough for a pause between sentences, no dead air at the end. */
  maxTrailMs: number;
}

export const DEFAULT_TRIM: TrimOptions = { leadPadMs: 5, maxTrailMs: 150 };

/** Window over which loudness is measured when looking for the first and last sound. */
const TRIM_WINDOW_MS = 10;
/**
 * RMS under which a window counts as silence: about -52 dBFS, above the synthesisers' noise
 * floor (Flite idles at RMS 5-25, with 5 ms bursts near 50) and below a "th" onset (RMS ~90).
 */
const SILENCE_RMS = 80;

/** Cuts leading silence (engines open with a pause segment) and caps trailing silence. */
export function trimSilence(samples: Int16Array, sampleRate: number, opts: TrimOptions = DEFAULT_TRIM): Int16Array {
  const win = Math.max(1, Math.round((TRIM_WINDOW_MS * sampleRate) / 1000));
  const loud = (at: number) => rms(samples.subarray(at, Math.min(samples.length, at + win))) >= SILENCE_RMS;
  let first = 0;
  while (first < samples.length && !loud(first)) first += win;
  if (first >= samples.length) return new Int16Array(0);
  let last = Math.floor((samples.length - 1) / win) * win;
  while (last > first && !loud(last)) last -= win;
  const start = Math.max(0, first - Math.round((opts.leadPadMs * sampleRate) / 1000));
  const end = Math.min(samples.length, last + win + Math.round((opts.maxTrailMs * sampleRate) / 1000));
  // A copy, not a view: AudioFrame (and so the resampler) reads the whole underlying buffer.
  return samples.slice(start, end);
}

/** Root-mean-square amplitude, used by tests and to tell speech from silence. */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

/** Splits a mono buffer into frames of `frameMs`; the last one may be shorter. */
export function toFrames(samples: Int16Array, sampleRate: number, frameMs: number): AudioFrame[] {
  const size = Math.round((sampleRate * frameMs) / 1000);
  const frames: AudioFrame[] = [];
  for (let i = 0; i < samples.length; i += size) {
    const chunk = samples.slice(i, Math.min(samples.length, i + size));
    frames.push(new AudioFrame(chunk, sampleRate, 1, chunk.length));
  }
  return frames;
}

/** 16-bit PCM as base64: how audio crosses the inference process's JSON IPC channels. */
export function encodePcm16(pcm: Int16Array): string {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');
}

export function decodePcm16(b64: string): Int16Array {
  const bytes = Buffer.from(b64, 'base64');
  // A copy: Buffer.from may hand out a slice of a shared pool at an odd offset.
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
}
