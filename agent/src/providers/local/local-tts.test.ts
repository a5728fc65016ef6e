import { initializeLogger, tts } from '@livekit/agents';
import { AudioFrame, AudioResampler, combineAudioFrames } from '@livekit/rtc-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalSpeechEngineError } from './errors.js';
import { EspeakTTS } from './espeak-tts.js';
import { FliteEngine } from './flite-engine.js';
import { FliteTTS } from './flite-tts.js';
import type { LocalTTS } from './local-tts.js';
import { rms, toFrames } from './pcm.js';

const TYPICAL = 'Thanks for joining today. Could you tell me about a project you led recently?';
/** Frame RMS of clearly voiced speech (synthesiser idle noise sits at 5-20). */
const VOICED_RMS = 200;
/** Raw Flite takes 250+ ms to reach voiced speech; trimmed output must get there far sooner. */
const MAX_MS_TO_VOICE = 120;

/** Milliseconds of audio before the first voiced 20 ms frame. */
function msToVoice(frames: AudioFrame[]): number {
  let ms = 0;
  for (const f of frames) {
    if (rms(f.data) >= VOICED_RMS) return ms;
    ms += (f.samplesPerChannel / f.sampleRate) * 1000;
  }
  return Number.POSITIVE_INFINITY;
}


async function collect(stream: AsyncIterable<tts.SynthesizedAudio>): Promise<tts.SynthesizedAudio[]> {
  const out: tts.SynthesizedAudio[] = [];
  for await (const audio of stream) out.push(audio);
  return out;
}

beforeAll(() => {
  initializeLogger({ pretty: false, level: 'warn' });
});

const engines: { name: string; make: (sampleRate: 24_000 | 48_000) => LocalTTS; label: string }[] = [
  { name: 'FliteTTS', make: (sampleRate) => new FliteTTS({ sampleRate }), label: 'local.FliteTTS' },
  { name: 'EspeakTTS', make: (sampleRate) => new EspeakTTS({ sampleRate }), label: 'local.EspeakTTS' },
];

describe.each(engines)('$name', ({ make, label }) => {
  it.each([24_000, 48_000] as const)('synthesize() yields 20 ms mono frames at %i Hz that start with speech', async (rate) => {
    const voice = make(rate);
    expect(voice.label).toBe(label);
    expect(voice.sampleRate).toBe(rate);
    const started = performance.now();
    let firstAudioMs = Number.NaN;
    const audio: tts.SynthesizedAudio[] = [];
    for await (const a of voice.synthesize(TYPICAL)) {
      if (audio.length === 0) firstAudioMs = performance.now() - started;
      audio.push(a);
    }
    console.info(`[${label}] synthesize() first audio after ${firstAudioMs.toFixed(1)} ms at ${rate} Hz`);

    const frames = audio.map((a) => a.frame);
    expect(frames.length).toBeGreaterThan(50);
    for (const frame of frames) {
      expect(frame).toBeInstanceOf(AudioFrame);
      expect(frame.sampleRate).toBe(rate);
      expect(frame.channels).toBe(1);
    }
    for (const frame of frames.slice(0, -1)) expect(frame.samplesPerChannel).toBe(rate / 50);
    expect(audio.filter((a) => a.final).length).toBe(1);
    expect(audio.at(-1)?.final).toBe(true);

    // Leading silence trimmed: voiced speech starts almost at once.
    expect(msToVoice(frames)).toBeLessThan(MAX_MS_TO_VOICE);
    const whole = combineAudioFrames(frames);
    expect(rms(whole.data)).toBeGreaterThan(500);
    const seconds = whole.samplesPerChannel / rate;
    expect(seconds).toBeGreaterThan(2.5);
    expect(seconds).toBeLessThan(10);

    // The framework's native audio path accepts the frames (here its resampler, as the room output does).
    const resampler = new AudioResampler(rate, 48_000);
    const out = [...frames.flatMap((f) => resampler.push(f)), ...resampler.flush()];
    resampler.close();
    expect(out.reduce((n, f) => n + f.samplesPerChannel, 0)).toBeGreaterThan(whole.samplesPerChannel * (48_000 / rate) * 0.95);
  });

  it('stream() speaks the first sentence before the rest of the text is pushed', async () => {
    const voice = make(24_000);
    const stream = voice.stream();
    const received: (tts.SynthesizedAudio | typeof tts.SynthesizeStream.END_OF_STREAM)[] = [];
    let firstAudio: () => void = () => undefined;
    const gotFirstAudio = new Promise<void>((resolve) => (firstAudio = resolve));
    const reader = (async () => {
      for await (const item of stream) {
        received.push(item);
        firstAudio();
      }
    })();

    const started = performance.now();
    for (const token of ['Thanks ', 'for ', 'joining ', 'today. ', 'Could ', 'you ']) stream.pushText(token);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
    expect(await Promise.race([gotFirstAudio.then(() => 'audio' as const), timeout])).toBe('audio');
    console.info(`[${label}] stream() first audio ${(performance.now() - started).toFixed(1)} ms after the first sentence was pushed`);
    const framesBeforeRest = received.length;
    expect(framesBeforeRest).toBeGreaterThan(0);

    for (const token of ['tell ', 'me ', 'about ', 'a ', 'project ', 'you ', 'led ', 'recently?']) stream.pushText(token);
    stream.endInput();
    await reader;

    expect(received.at(-1)).toBe(tts.SynthesizeStream.END_OF_STREAM);
    const audio = received.filter((r): r is tts.SynthesizedAudio => r !== tts.SynthesizeStream.END_OF_STREAM);
    expect(audio.length).toBeGreaterThan(framesBeforeRest);
    expect(audio.filter((a) => a.final).length).toBe(1);
    const spoken = audio.map((a) => a.deltaText).filter(Boolean);
    expect(spoken).toEqual(['Thanks for joining today.', 'Could you tell me about a project you led recently?']);
    expect(msToVoice(audio.map((a) => a.frame))).toBeLessThan(MAX_MS_TO_VOICE);
  });
});

describe('FliteTTS', () => {
  it('trims the leading pause Flite puts before every utterance', async () => {
    const raw = await new FliteEngine('kal').synthesize('Hello there.');
    const firstSound = raw.samples.findIndex((s) => Math.abs(s) >= 328);
    // Flite opens with a ~250 ms pause segment; that is the latency the trimming removes.
    expect(firstSound / raw.sampleRate).toBeGreaterThan(0.1);
    const rawFrames = toFrames(raw.samples, raw.sampleRate, 20);
    expect(msToVoice(rawFrames)).toBeGreaterThan(MAX_MS_TO_VOICE);
    const trimmed = await collect(new FliteTTS().synthesize('Hello there.'));
    expect(msToVoice(trimmed.map((a) => a.frame))).toBeLessThan(MAX_MS_TO_VOICE);
  });

  it('marks the last frame of each flushed segment as final', async () => {
    const stream = new FliteTTS().stream();
    stream.pushText('First part.');
    stream.flush();
    stream.pushText('Second part.');
    stream.endInput();
    const items: (tts.SynthesizedAudio | typeof tts.SynthesizeStream.END_OF_STREAM)[] = [];
    for await (const item of stream) items.push(item);
    const audio = items.filter((r): r is tts.SynthesizedAudio => r !== tts.SynthesizeStream.END_OF_STREAM);
    const finals = audio.filter((a) => a.final);
    expect(finals.length).toBe(2);
    expect(new Set(audio.map((a) => a.segmentId)).size).toBe(2);
  });

  it('rejects an unknown voice with a named error', () => {
    expect(() => new FliteTTS({ voice: 'nobody' })).toThrow(LocalSpeechEngineError);
  });
});
