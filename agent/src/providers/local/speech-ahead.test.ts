import { initializeLogger, tts } from '@livekit/agents';
import { beforeAll, describe, expect, it } from 'vitest';
import { FliteTTS } from './flite-tts.js';
import { MAX_SENTENCES, SpeechAhead } from './speech-ahead.js';

/** A render that finishes when the test says so, recording what was started. */
function controlledRenders() {
  const started: string[] = [];
  const finish = new Map<string, (pcm: Int16Array) => void>();
  const start = (text: string) => {
    started.push(text);
    return [new Promise<Int16Array>((resolve) => finish.set(text, resolve))];
  };
  return { started, finish, start };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

beforeAll(() => {
  initializeLogger({ pretty: false, level: 'warn' });
});

describe('SpeechAhead', () => {
  it('renders wanted sentences one at a time, in order, and hands each over once', async () => {
    const r = controlledRenders();
    const ahead = new SpeechAhead(r.start);
    ahead.want(['Next question?', 'Thank you.']);
    await tick();
    expect(r.started).toEqual(['Next question?']);
    r.finish.get('Next question?')!(new Int16Array([1, 2, 3]));
    await tick();
    await tick();
    expect(r.started).toEqual(['Next question?', 'Thank you.']);
    const parts = ahead.take('Next  question?');
    expect(parts).not.toBeNull();
    expect(Array.from(await parts![0]!)).toEqual([1, 2, 3]);
    expect(ahead.take('Next question?')).toBeNull();
    expect(ahead.stats.hits).toBe(1);
  });

  it('drops what is no longer expected and never starts a dropped render', async () => {
    const r = controlledRenders();
    const ahead = new SpeechAhead(r.start);
    ahead.want(['First.', 'Second.']);
    await tick();
    ahead.want(['Third.']);
    r.finish.get('First.')!(new Int16Array(1));
    for (let i = 0; i < 4; i++) await tick();
    // First had started (its audio is simply not used); Second was cancelled while queued.
    expect(r.started).toEqual(['First.', 'Third.']);
    expect(ahead.sentences).toEqual(['Third.']);
    expect(ahead.take('Second.')).toBeNull();
    expect(ahead.stats.dropped).toBe(2);
  });

  it('gives a sentence still queued back to the live path instead of making it wait', async () => {
    const r = controlledRenders();
    const ahead = new SpeechAhead(r.start);
    ahead.want(['Slow one.', 'Queued one.']);
    await tick();
    expect(ahead.take('Queued one.')).toBeNull();
    r.finish.get('Slow one.')!(new Int16Array(1));
    for (let i = 0; i < 4; i++) await tick();
    expect(r.started).toEqual(['Slow one.']);
  });

  it('holds at most MAX_SENTENCES sentences', () => {
    const ahead = new SpeechAhead(() => [Promise.resolve(new Int16Array(1))]);
    ahead.want(Array.from({ length: MAX_SENTENCES + 4 }, (_, i) => `Sentence ${i}.`));
    expect(ahead.sentences).toHaveLength(MAX_SENTENCES);
  });
});

describe('LocalTTS with sentences rendered ahead (Flite)', () => {
  async function frames(voice: FliteTTS, text: string): Promise<tts.SynthesizedAudio[]> {
    const out: tts.SynthesizedAudio[] = [];
    const stream = voice.stream();
    stream.pushText(text);
    stream.endInput();
    for await (const a of stream) {
      if (a === tts.SynthesizeStream.END_OF_STREAM) break;
      out.push(a);
    }
    return out;
  }

  it('speaks a prefetched sentence with the same audio as rendering it live', async () => {
    const text = 'How would you design a rate limiter for a public API?';
    const live = await frames(new FliteTTS(), text);
    const voice = new FliteTTS();
    voice.prefetch([text]);
    await tick();
    const ahead = await frames(voice, text);
    expect(voice.ahead.stats.hits).toBe(1);
    const samples = (xs: tts.SynthesizedAudio[]) => xs.reduce((n, a) => n + a.frame.samplesPerChannel, 0);
    expect(samples(ahead)).toBe(samples(live));
    expect(samples(ahead)).toBeGreaterThan(24_000);
    // The sentence's text rides on its first frame, for captions, as it does live.
    expect(ahead[0]!.deltaText).toBe(text);
    await voice.close();
  });
});
