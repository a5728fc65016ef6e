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

/**
 * Amplitude under which a sample counts as silence: 1 % of full scale (-40 dBFS), well above
 * synthesiser dither and well below any voiced sound.
 */
const SILENCE_THRESHOLD = 328;

/** Cuts leading silence (engines open with a pause segment) and caps trailing silence. */
export function trimSilence(samples: Int16Array, sampleRate: number, opts: TrimOptions = DEFAULT_TRIM): Int16Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] ?? 0) < SILENCE_THRESHOLD) first++;
  if (first === samples.length) return samples.subarray(0, 0);
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] ?? 0) < SILENCE_THRESHOLD) last--;
  const start = Math.max(0, first - Math.round((opts.leadPadMs * sampleRate) / 1000));
  const end = Math.min(samples.length, last + 1 + Math.round((opts.maxTrailMs * sampleRate) / 1000));
  return samples.subarray(start, end);
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
