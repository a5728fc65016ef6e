/**
 * Piper TTS on the real voice fetched by the set-up (models/piper-en_US-joe-medium): Piper's
 * phoneme-id conventions, audio that is speech of a plausible length, streaming, and a round trip
 * through Moonshine. Missing model files fail the suite with the set-up step to run.
 */
import { initializeLogger, tts } from '@livekit/agents';
import { AudioFrame, combineAudioFrames } from '@livekit/rtc-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { resampleMono, rms } from './pcm.js';
import { floatToInt16, PiperModel, sharedPiperModel } from './piper-model.js';
import { clausePhonemes, phonemesToIds, piperPhonemeIds, splitClauses } from './piper-phonemizer.js';
import PiperRunner from './piper-runner.js';
import { decodePcm16, encodePcm16 } from './pcm.js';
import { PiperTTS, splitLeadClause } from './piper-tts.js';
import { parsePiperConfig, piperVoiceFiles, PiperModelMissingError, readPiperConfig, type PiperVoiceConfig } from './piper-voice.js';
import { MOONSHINE_SAMPLE_RATE, MoonshineModel } from '../../inference/moonshine-model.js';

const TYPICAL = 'Thanks for joining today. Could you tell me about a project you led recently?';
/** Frame RMS of clearly voiced speech. */
const VOICED_RMS = 300;

/** Interview-style sentences with content words a recogniser should get back (no numbers: Moonshine writes digits). */
const SENTENCES: { text: string; keywords: string[] }[] = [
  { text: 'I led the migration to TypeScript and reduced errors by forty percent.', keywords: ['migration', 'typescript', 'reduced', 'errors'] },
  { text: 'Our team shipped the new payment service in three months.', keywords: ['team', 'payment', 'service', 'months'] },
  { text: 'I worked closely with the product manager to define the roadmap.', keywords: ['closely', 'product', 'manager', 'define'] },
  { text: 'We improved the database performance by adding better indexes.', keywords: ['database', 'performance', 'better', 'indexes'] },
  { text: 'My biggest challenge was hiring engineers for a remote team.', keywords: ['biggest', 'challenge', 'hiring', 'engineers'] },
  { text: 'I wrote automated tests for the mobile application.', keywords: ['automated', 'tests', 'mobile', 'application'] },
];

let config: PiperVoiceConfig;

beforeAll(async () => {
  initializeLogger({ pretty: false, level: 'warn' });
  // Throws PiperModelMissingError ("run scripts/setup.sh") when the set-up has not fetched the voice.
  config = readPiperConfig(piperVoiceFiles().config);
  await sharedPiperModel();
}, 60_000);

async function collect(stream: AsyncIterable<tts.SynthesizedAudio>): Promise<tts.SynthesizedAudio[]> {
  const out: tts.SynthesizedAudio[] = [];
  for await (const audio of stream) out.push(audio);
  return out;
}

describe('Piper phonemes', () => {
  it('cuts clauses at punctuation before whitespace, keeping abbreviations and decimals whole', () => {
    expect(splitClauses('Hello, Mr. Smith paid $3.50; really? Yes: twice!')).toEqual([
      { text: 'Hello', punctuation: ',' },
      { text: 'Mr. Smith paid $3.50', punctuation: ';' },
      { text: 'really', punctuation: '?' },
      { text: 'Yes', punctuation: ':' },
      { text: 'twice', punctuation: '!' },
    ]);
    expect(splitClauses('no punctuation here')).toEqual([{ text: 'no punctuation here', punctuation: '' }]);
    expect(splitClauses(' ... ')).toEqual([]);
  });

  it('appends clause punctuation as phonemes with Piper spacing, decomposes to NFD and drops language flags', () => {
    const cfg = { phonemeMap: new Map<string, string[]>() };
    expect(clausePhonemes([{ ipa: 'a', punctuation: ',' }, { ipa: 'b', punctuation: '.' }, { ipa: 'c', punctuation: '?' }], cfg).join('')).toBe('a, b. c?');
    expect(clausePhonemes([{ ipa: 'ç(fr)x(en)', punctuation: '' }], cfg)).toEqual(['c', '\u0327', 'x']);
    expect(clausePhonemes([{ ipa: 'c', punctuation: '' }], { phonemeMap: new Map([['c', ['k']]]) })).toEqual(['k']);
  });

  it('frames ids as BOS, PAD, each phoneme followed by PAD, EOS and skips unknown phonemes', () => {
    const cfg = { phonemeIdMap: new Map([['_', [0]], ['^', [1]], ['$', [2]], ['a', [14]], ['b', [15, 16]]]) };
    expect(phonemesToIds(['a', '?', 'b'], cfg)).toEqual([1, 0, 14, 0, 15, 16, 0, 2]);
  });

  it("reads the voice's config: eSpeak voice, rate and inference scales", () => {
    expect(config.espeakVoice).toBe('en-us');
    expect(config.sampleRate).toBe(22_050);
    expect([config.noiseScale, config.lengthScale, config.noiseW]).toEqual([0.667, 1, 0.8]);
    expect(config.phonemeIdMap.get('ˈ')).toEqual([120]);
    expect(() => parsePiperConfig({ phoneme_id_map: { a: [1] } })).toThrow(PiperModelMissingError);
  });

  it('phonemizes with eSpeak NG IPA into the ids the voice was trained on', async () => {
    // "Hi." → h ˈ a ɪ . in eSpeak's en-us IPA.
    expect(await piperPhonemeIds('Hi.', config)).toEqual([1, 0, 20, 0, 120, 0, 14, 0, 74, 0, 10, 0, 2]);
    expect(await piperPhonemeIds('  ', config)).toEqual([]);
  });

  it('scales float audio to a peak below full scale', () => {
    const pcm = floatToInt16(Float32Array.from([0, 0.25, -0.5]));
    expect(Array.from(pcm)).toEqual([0, Math.round(0.45 * 32767), Math.round(-0.9 * 32767)]);
  });

  it('names the set-up step when the voice files are missing', () => {
    expect(() => piperVoiceFiles('en_US-nobody-medium')).toThrow(/scripts\/setup\.sh/);
  });
});

describe('PiperTTS', () => {
  it('splits a long sentence after its first clause, and leaves short ones whole', () => {
    expect(splitLeadClause("Hi Grace, I'm an AI recruiter, and this is a practice interview.")).toEqual([
      'Hi Grace,',
      "I'm an AI recruiter, and this is a practice interview.",
    ]);
    expect(splitLeadClause('Hi, I am here.')).toEqual(['Hi, I am here.']);
    expect(splitLeadClause('Well, that is a good answer to the question.')).toEqual(['Well, that is a good answer to the question.']);
    expect(splitLeadClause('We paid 3,500 dollars for the new servers last year.')).toEqual(['We paid 3,500 dollars for the new servers last year.']);
  });

  it('speaks a split sentence as one piece of text, first clause first', async () => {
    const sentence = "Hi Grace, I'm an AI recruiter, and this is a practice interview for the backend role.";
    const audio = await collect(new PiperTTS().synthesize(sentence));
    expect(audio.map((a) => a.deltaText).filter(Boolean)).toEqual([sentence]);
    expect(audio.filter((a) => a.final).length).toBe(1);
    const seconds = audio.reduce((n, a) => n + a.frame.samplesPerChannel, 0) / 24_000;
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(9);
  }, 60_000);

  it('synthesize() yields 20 ms frames of speech at 24 kHz, of a plausible length, starting with speech', async () => {
    const voice = new PiperTTS();
    expect(voice.label).toBe('local.PiperTTS');
    expect(voice.model).toBe('piper-en_US-joe-medium');
    expect(voice.sampleRate).toBe(24_000);
    const started = performance.now();
    let firstAudioMs = Number.NaN;
    const audio: tts.SynthesizedAudio[] = [];
    for await (const a of voice.synthesize(TYPICAL)) {
      if (audio.length === 0) firstAudioMs = performance.now() - started;
      audio.push(a);
    }
    const frames = audio.map((a) => a.frame);
    const whole = combineAudioFrames(frames);
    const seconds = whole.samplesPerChannel / 24_000;
    console.info(`[piper] synthesize(): first audio after ${firstAudioMs.toFixed(0)} ms; ${seconds.toFixed(2)} s of audio`);

    for (const frame of frames) {
      expect(frame).toBeInstanceOf(AudioFrame);
      expect(frame.sampleRate).toBe(24_000);
      expect(frame.channels).toBe(1);
    }
    for (const frame of frames.slice(0, -1)) expect(frame.samplesPerChannel).toBe(480);
    expect(audio.filter((a) => a.final).length).toBe(1);
    // 14 words: human speech at 120-220 words a minute is 3.8-7 s; allow for the pause between sentences.
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(9);
    // Speech, not noise or silence: most 20 ms frames voiced, and voiced from the first 100 ms.
    const voiced = frames.filter((f) => rms(f.data) >= VOICED_RMS).length;
    expect(voiced / frames.length).toBeGreaterThan(0.6);
    expect(frames.slice(0, 5).some((f) => rms(f.data) >= VOICED_RMS)).toBe(true);
    // Not clipped: the level stays under full scale after resampling.
    expect(whole.data.reduce((m, s) => Math.max(m, Math.abs(s)), 0)).toBeLessThan(32_767);
  }, 60_000);

  it('stream() speaks each sentence as it completes, with its text, and ends the segment once', async () => {
    const stream = new PiperTTS().stream();
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
    await gotFirstAudio;
    console.info(`[piper] stream(): first audio ${(performance.now() - started).toFixed(0)} ms after the first sentence was pushed`);
    expect(received.length).toBeGreaterThan(0);
    for (const token of ['tell ', 'me ', 'about ', 'a ', 'project ', 'you ', 'led ', 'recently?']) stream.pushText(token);
    stream.endInput();
    await reader;

    expect(received.at(-1)).toBe(tts.SynthesizeStream.END_OF_STREAM);
    const audio = received.filter((r): r is tts.SynthesizedAudio => r !== tts.SynthesizeStream.END_OF_STREAM);
    expect(audio.filter((a) => a.final).length).toBe(1);
    expect(audio.map((a) => a.deltaText).filter(Boolean)).toEqual(['Thanks for joining today.', 'Could you tell me about a project you led recently?']);
  }, 60_000);

  it('reports first-audio latency and real-time factor per sentence', async () => {
    const model = await PiperModel.load();
    const rows: string[] = [];
    let audioSeconds = 0;
    let busySeconds = 0;
    for (const { text } of SENTENCES) {
      const out = await model.synthesize(text);
      const seconds = out.samples.length / out.sampleRate;
      audioSeconds += seconds;
      busySeconds += (out.phonemizeMs + out.inferMs) / 1000;
      rows.push(`${(out.phonemizeMs + out.inferMs).toFixed(0)} ms for ${seconds.toFixed(2)} s`);
      expect(seconds).toBeGreaterThan(1);
    }
    await model.close();
    console.info(`[piper] per sentence (first audio = whole sentence): ${rows.join('; ')}; RTF ${(busySeconds / audioSeconds).toFixed(3)}`);
    expect(audioSeconds).toBeGreaterThan(SENTENCES.length * 1.5);
  }, 120_000);

  it('round trip: Moonshine recognises most keywords in Piper speech', async () => {
    const voice = new PiperTTS({ sampleRate: 24_000 });
    const recognizer = await MoonshineModel.load();
    let hits = 0;
    let total = 0;
    const misses: string[] = [];
    try {
      for (const { text, keywords } of SENTENCES) {
        const frames = (await collect(voice.synthesize(text))).map((a) => a.frame);
        const pcm = resampleMono(combineAudioFrames(frames).data, 24_000, MOONSHINE_SAMPLE_RATE);
        const result = await recognizer.transcribe(Float32Array.from(pcm, (v) => v / 32768));
        const heard = new Set(result.text.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/));
        for (const k of keywords) {
          total += 1;
          if (heard.has(k)) hits += 1;
          else misses.push(k);
        }
      }
    } finally {
      await recognizer.release();
    }
    const recall = hits / total;
    console.info(`[piper→moonshine] keyword recall ${(recall * 100).toFixed(1)}% (${hits}/${total}); missed: ${misses.join(', ')}`);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  }, 180_000);
});

describe('Piper in the shared inference service', () => {
  it('keeps the caller\'s event loop running while a sentence renders (the model has its own thread)', async () => {
    const model = await sharedPiperModel();
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    try {
      await model.synthesize('We moved our servers to the cloud and cut costs in half, which took about six months.');
    } finally {
      clearInterval(timer);
    }
    // On the calling thread, onnxruntime's run() would hold the loop for the whole sentence: no tick at all.
    expect(ticks).toBeGreaterThan(3);
  }, 60_000);

  it('the runner answers a sentence with base64 PCM at the voice rate, and a bad request with an error', async () => {
    const runner = new PiperRunner();
    await runner.initialize();
    const res = await runner.run({ text: 'Could you tell me about a project you led recently?', voice: 'en_US-joe-medium' });
    if ('error' in res) throw new Error(res.error);
    expect(res.sampleRate).toBe(22_050);
    const pcm = decodePcm16(res.pcm);
    expect(pcm.length / res.sampleRate).toBeGreaterThan(1.5);
    expect(rms(pcm)).toBeGreaterThan(1_000);
    const bad = await runner.run({ text: 42, voice: 'x' } as unknown as { text: string; voice: string });
    expect(bad).toEqual({ error: 'PiperService: bad request' });
    const secret = 'my secret project name';
    const missing = await runner.run({ text: secret, voice: 'en_US-nobody-medium' });
    expect('error' in missing && missing.error).toMatch(/PiperModelMissingError/);
    expect(JSON.stringify(missing)).not.toContain(secret);
  }, 60_000);

  it('PCM survives the IPC encoding', () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768]);
    expect(Array.from(decodePcm16(encodePcm16(pcm)))).toEqual(Array.from(pcm));
  });
});
