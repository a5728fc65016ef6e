/**
 * The cloud adapters exercised end to end through the registry: each provider is built with its
 * base URL pointing at a local server on 127.0.0.1 that speaks the provider's wire protocol, so
 * the request shape (path, auth header, model) and the parsing of the reply are both checked
 * without a network or a key. The live tests at the bottom run only when the real key is set.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { initializeLogger, llm as agentsLlm, type tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { buildLlm, buildStt, buildTts, type ProviderConfig } from './registry.js';

initializeLogger({ pretty: false, level: 'error' });

const LOCAL: ProviderConfig = { sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local' };
const OPENAI_KEY = 'sk-fake-openai-0123456789';
const GROQ_KEY = 'gsk-fake-groq-0123456789';
const DEEPGRAM_KEY = 'dg-fake-deepgram-0123456789';
const ELEVEN_KEY = 'el-fake-eleven-0123456789';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

interface FakeServer {
  origin: string;
  seen: SeenRequest[];
}

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (s) await new Promise<void>((r) => s.close(() => r()));
});

/** Starts a one-handler HTTP server on an ephemeral loopback port and records every request. */
async function startFake(reply: (req: SeenRequest, res: ServerResponse) => void): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(request);
      reply(request, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A recognisable 16-bit ramp, so the test can tell the adapter passed our bytes through intact. */
function ramp(samples: number): Int16Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++) pcm[i] = ((i * 37) % 20000) - 10000;
  return pcm;
}

/** 100 ms of a 440 Hz tone at 16 kHz: what the session hands STT.recognize(). */
function toneFrame(): AudioFrame {
  const samples = 1600;
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000));
  return new AudioFrame(pcm, 16000, 1, samples);
}

function pcmBytes(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

async function collectFrames(stream: tts.ChunkedStream): Promise<AudioFrame[]> {
  const frames: AudioFrame[] = [];
  for await (const event of stream) frames.push(event.frame);
  return frames;
}

function joinedSamples(frames: AudioFrame[]): Int16Array {
  const total = frames.reduce((n, f) => n + f.data.length, 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const f of frames) {
    out.set(f.data, at);
    at += f.data.length;
  }
  return out;
}

/** The value of one multipart/form-data field, read from the raw body the SDK sent. */
function formField(body: Buffer, name: string): string | undefined {
  const match = new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)\\r\\n`).exec(body.toString('latin1'));
  return match?.[1];
}

async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message} ${String(e.stack)}` : String(e);
  }
  throw new Error('expected the call to fail');
}

describe('OpenAI TTS against a local /audio/speech', () => {
  it('posts the text with the key and model and yields the returned PCM as 24 kHz frames', async () => {
    // Three whole 100 ms frames at 24 kHz: the adapter emits only whole frames.
    const pcm = ramp(3 * 2400);
    const fake = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/pcm' });
      res.end(pcmBytes(pcm));
    });
    const engine = await buildTts({ ...LOCAL, ttsProvider: 'openai', openaiApiKey: OPENAI_KEY, ttsBaseUrl: `${fake.origin}/v1` });
    const frames = await collectFrames(engine.synthesize('Tell me about a project you led.'));

    expect(fake.seen).toHaveLength(1);
    const [req] = fake.seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/v1/audio/speech');
    expect(req!.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    const body = JSON.parse(req!.body.toString('utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
      response_format: 'pcm',
      input: 'Tell me about a project you led.',
    });
    expect(frames).toHaveLength(3);
    for (const f of frames) {
      expect(f.sampleRate).toBe(24000);
      expect(f.channels).toBe(1);
    }
    expect(Array.from(joinedSamples(frames))).toEqual(Array.from(pcm));
    await engine.close();
  });
});

describe('OpenAI-protocol STT against a local /audio/transcriptions', () => {
  const cases = [
    { name: 'openai', key: OPENAI_KEY, model: 'gpt-4o-mini-transcribe', cfg: { openaiApiKey: OPENAI_KEY } },
    { name: 'groq', key: GROQ_KEY, model: 'whisper-large-v3-turbo', cfg: { groqApiKey: GROQ_KEY } },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: uploads the audio as WAV with the key and model and returns the server's text`, async () => {
      const fake = await startFake((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ text: `I led the ${c.name} migration.` }));
      });
      const engine = await buildStt({ ...LOCAL, ...c.cfg, sttProvider: c.name, sttBaseUrl: `${fake.origin}/v1` });
      const event = await engine.recognize(toneFrame());

      expect(event.alternatives?.[0]?.text).toBe(`I led the ${c.name} migration.`);
      expect(fake.seen).toHaveLength(1);
      const [req] = fake.seen;
      expect(req!.method).toBe('POST');
      expect(req!.url).toBe('/v1/audio/transcriptions');
      expect(req!.headers.authorization).toBe(`Bearer ${c.key}`);
      expect(req!.headers['content-type']).toMatch(/^multipart\/form-data/);
      expect(formField(req!.body, 'model')).toBe(c.model);
      const raw = req!.body.toString('latin1');
      const wavAt = raw.indexOf('RIFF');
      expect(wavAt).toBeGreaterThan(0);
      // 44-byte WAV header then the 1600 samples we recorded, at the rate we recorded them.
      expect(req!.body.readUInt32LE(wavAt + 24)).toBe(16000);
      expect(req!.body.readUInt32LE(wavAt + 40)).toBe(1600 * 2);
    });

    it(`${c.name}: a rejected key fails the call without the key in the error`, async () => {
      const fake = await startFake((_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } }));
      });
      const engine = await buildStt({ ...LOCAL, ...c.cfg, sttProvider: c.name, sttBaseUrl: `${fake.origin}/v1` });
      const message = await rejectionMessage(engine.recognize(toneFrame()));
      expect(message).toMatch(/401/);
      expect(message).not.toContain(c.key);
      expect(fake.seen).toHaveLength(1);
    });
  }
});

describe('Groq LLM against a local /chat/completions', () => {
  it('streams a completion with the Groq key and default model', async () => {
    const fake = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of ['Thanks, ', 'next question.']) {
        const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'llama-3.3-70b-versatile', choices: [{ index: 0, delta: { role: 'assistant', content: piece }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    });
    const model = buildLlm({ ...LOCAL, llmProvider: 'groq', groqApiKey: GROQ_KEY, llmBaseUrl: `${fake.origin}/openai/v1` }, () => {
      throw new Error('rule interviewer not expected');
    });
    const chatCtx = agentsLlm.ChatContext.empty();
    chatCtx.addMessage({ role: 'user', content: 'I am ready.' });
    const result = await model.chat({ chatCtx }).collect();

    expect(result.text).toBe('Thanks, next question.');
    const [req] = fake.seen;
    expect(req!.url).toBe('/openai/v1/chat/completions');
    expect(req!.headers.authorization).toBe(`Bearer ${GROQ_KEY}`);
    const body = JSON.parse(req!.body.toString('utf8')) as { model: string; stream: boolean; messages: { role: string; content: unknown }[] };
    expect(body.model).toBe('llama-3.3-70b-versatile');
    expect(body.stream).toBe(true);
    expect(JSON.stringify(body.messages)).toContain('I am ready.');
  });
});

describe('Deepgram STT against a local /v1/listen', () => {
  it('posts WAV with the Token header and model and returns the transcript', async () => {
    const fake = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          metadata: { request_id: 'req-1' },
          results: {
            channels: [
              {
                alternatives: [
                  {
                    transcript: 'I would start with the data model.',
                    confidence: 0.93,
                    words: [
                      { word: 'i', punctuated_word: 'I', start: 0.1, end: 0.2, confidence: 0.9 },
                      { word: 'model', punctuated_word: 'model.', start: 1.0, end: 1.4, confidence: 0.95 },
                    ],
                  },
                ],
              },
            ],
          },
        }),
      );
    });
    const engine = await buildStt({ ...LOCAL, sttProvider: 'deepgram', deepgramApiKey: DEEPGRAM_KEY, sttBaseUrl: fake.origin });
    const event = await engine.recognize(toneFrame());

    const alt = event.alternatives?.[0];
    expect(alt?.text).toBe('I would start with the data model.');
    expect(alt?.confidence).toBe(0.93);
    expect(alt?.startTime).toBe(0.1);
    expect(alt?.endTime).toBe(1.4);
    const [req] = fake.seen;
    const url = new URL(req!.url, fake.origin);
    expect(req!.method).toBe('POST');
    expect(url.pathname).toBe('/v1/listen');
    expect(url.searchParams.get('model')).toBe('nova-3');
    expect(req!.headers.authorization).toBe(`Token ${DEEPGRAM_KEY}`);
    expect(req!.headers['content-type']).toBe('audio/wav');
    expect(req!.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(req!.body.readUInt32LE(24)).toBe(16000);
    expect(req!.body.length).toBe(44 + 1600 * 2);
  });

  it('a rejected key fails the call without the key in the error', async () => {
    const fake = await startFake((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' }));
    });
    const engine = await buildStt({ ...LOCAL, sttProvider: 'deepgram', deepgramApiKey: DEEPGRAM_KEY, sttBaseUrl: fake.origin });
    const message = await rejectionMessage(engine.recognize(toneFrame()));
    expect(message).toMatch(/401/);
    expect(message).not.toContain(DEEPGRAM_KEY);
    expect(fake.seen).toHaveLength(1);
  });
});

describe('ElevenLabs TTS against a local /text-to-speech/{voice}/stream', () => {
  it('posts the text with xi-api-key and model and yields every returned sample at 22.05 kHz', async () => {
    // Two whole 100 ms frames plus a partial one, which the adapter must flush rather than drop.
    const pcm = ramp(2 * 2205 + 500);
    const fake = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/pcm' });
      // Split across writes so the adapter's incremental reader is exercised.
      const bytes = pcmBytes(pcm);
      res.write(bytes.subarray(0, 3001));
      res.end(bytes.subarray(3001));
    });
    const engine = await buildTts({
      ...LOCAL,
      ttsProvider: 'elevenlabs',
      elevenApiKey: ELEVEN_KEY,
      ttsVoice: 'voice-abc',
      ttsModel: 'eleven_flash_v2_5',
      ttsBaseUrl: `${fake.origin}/v1`,
    });
    const frames = await collectFrames(engine.synthesize('Walk me through your design.'));

    const [req] = fake.seen;
    const url = new URL(req!.url, fake.origin);
    expect(req!.method).toBe('POST');
    expect(url.pathname).toBe('/v1/text-to-speech/voice-abc/stream');
    expect(url.searchParams.get('output_format')).toBe('pcm_22050');
    expect(req!.headers['xi-api-key']).toBe(ELEVEN_KEY);
    expect(req!.headers.authorization).toBeUndefined();
    const body = JSON.parse(req!.body.toString('utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ text: 'Walk me through your design.', model_id: 'eleven_flash_v2_5' });
    expect(frames.length).toBe(3);
    for (const f of frames) expect(f.sampleRate).toBe(22050);
    expect(Array.from(joinedSamples(frames))).toEqual(Array.from(pcm));
    await engine.close();
  });
});

const live = {
  openai: process.env.OPENAI_API_KEY,
  groq: process.env.GROQ_API_KEY,
  deepgram: process.env.DEEPGRAM_API_KEY,
  elevenlabs: process.env.ELEVEN_API_KEY,
};
for (const [name, key] of Object.entries(live)) {
  if (!key) console.info(`live ${name} adapter tests skipped: its API key is not set`);
}

describe('live cloud adapters (run only when the key is set)', () => {
  it.skipIf(!live.openai)('live: OpenAI TTS returns audio and STT returns an event', async () => {
    const speech = await buildTts({ ...LOCAL, ttsProvider: 'openai', openaiApiKey: live.openai });
    expect((await collectFrames(speech.synthesize('Hello.'))).length).toBeGreaterThan(0);
    const listener = await buildStt({ ...LOCAL, sttProvider: 'openai', openaiApiKey: live.openai });
    expect((await listener.recognize(toneFrame())).type).toBeDefined();
  });

  it.skipIf(!live.groq)('live: Groq STT returns an event', async () => {
    const listener = await buildStt({ ...LOCAL, sttProvider: 'groq', groqApiKey: live.groq });
    expect((await listener.recognize(toneFrame())).type).toBeDefined();
  });

  it.skipIf(!live.deepgram)('live: Deepgram STT returns an event', async () => {
    const listener = await buildStt({ ...LOCAL, sttProvider: 'deepgram', deepgramApiKey: live.deepgram });
    expect((await listener.recognize(toneFrame())).type).toBeDefined();
  });

  it.skipIf(!live.elevenlabs)('live: ElevenLabs TTS returns audio', async () => {
    const speech = await buildTts({ ...LOCAL, ttsProvider: 'elevenlabs', elevenApiKey: live.elevenlabs });
    expect((await collectFrames(speech.synthesize('Hello.'))).length).toBeGreaterThan(0);
  });
});
