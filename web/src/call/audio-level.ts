/**
 * Live input/output level of a MediaStreamTrack through a WebAudio AnalyserNode. Used by the
 * visible level meters (pre-call mic check, the recruiter's visualiser), which also expose the
 * level as `data-level` / `data-peak` so a browser test reads what the user sees.
 */

let sharedContext: AudioContext | null = null;

/** One AudioContext for the page; browsers cap how many may exist. */
export function getAudioContext(): AudioContext {
  if (!sharedContext || sharedContext.state === 'closed') sharedContext = new AudioContext();
  return sharedContext;
}

/** Resume the shared context; call from a click handler so autoplay rules allow it. */
export async function resumeAudio(): Promise<void> {
  const ctx = getAudioContext();
  if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
}

/** RMS of a block of float samples, 0..1. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/**
 * Maps RMS to a 0..1 meter value on a dB scale (-60 dBFS → 0, 0 dBFS → 1), so quiet speech still
 * moves the meter visibly.
 */
export function meterValue(rmsValue: number): number {
  if (rmsValue <= 0) return 0;
  const db = 20 * Math.log10(rmsValue);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

export interface LevelMeter {
  /** Current meter value 0..1. */
  read(): number;
  stop(): void;
}

export function createLevelMeter(track: MediaStreamTrack): LevelMeter {
  const ctx = getAudioContext();
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const buf = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(buf);
      return meterValue(rms(buf));
    },
    stop() {
      source.disconnect();
      analyser.disconnect();
    },
  };
}
