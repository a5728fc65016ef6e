/**
 * The conformance suite over every hosted adapter, each built through its descriptor with its
 * base URL on a local fake that speaks its wire protocol: OpenAI-protocol HTTP (transcriptions,
 * speech, streamed chat completions with usage) for OpenAI, Groq and OpenAI-compatible servers,
 * Deepgram's /v1/listen (HTTP and the live websocket), ElevenLabs' HTTP stream and multi-stream
 * websocket. A few protocol checks the suite cannot make in general follow (what went over the
 * websockets). Live runs against the real services are at the bottom and run only with the key.
 */
import type { ServerResponse } from 'node:http';
import { initializeLogger, llm as agentsLlm, stt } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { PROVIDER_IDS, PROVIDERS, type Stage } from '@mockroom/core/stacks';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLlm, buildStt, buildTts, DESCRIPTORS, type ProviderConfig } from '../registry.js';
import { pcmBytes, ramp, startFakeServer, type FakeServer, type FakeServerOptions, type SeenRequest, type WsConnection } from './fake-server.js';
import { CONFORMANCE_RUNS, describeLlmConformance, describeSttConformance, describeTtsConformance, type HostedFailure } from './suite.js';

initializeLogger({ pretty: false, level: 'warn' });

const LOCAL: ProviderConfig = { sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local' };
const KEYS = {
  openai: 'sk-conformance-openai-0123456789',
  groq: 'gsk-conformance-groq-0123456789',
  deepgram: 'dg-conformance-deepgram-0123456789',
  elevenlabs: 'el-conformance-eleven-0123456789',
} as const;
const TRANSCRIPT = 'I led the billing migration last spring.';
const ANSWER = ['Thanks. ', 'What did ', 'you measure?'];
/** The fakes speak 2400 samples (a whole 100 ms frame at 24 kHz) per word they are given, as a ramp: the suite can check every sample arrived. */
const SAMPLES_PER_WORD = 2_400;
const SPOKEN = 'Tell me about a project you led. What was the hardest decision you made on it?';

const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function fake(opts: FakeServerOptions): Promise<FakeServer> {
  const s = await startFakeServer(opts);
  servers.push(s);
  return s;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

function speechFor(text: string): Buffer {
  return pcmBytes(ramp(SAMPLES_PER_WORD * wordCount(text)));
}

/** One second of a 440 Hz tone at 16 kHz in 100 ms frames: audio the fakes "recognise". */
async function tone() {
  const frames: AudioFrame[] = [];
  for (let f = 0; f < 10; f++) {
    const pcm = new Int16Array(1600);
    for (let i = 0; i < 1600; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (f * 1600 + i)) / 16000));
    frames.push(new AudioFrame(pcm, 16000, 1, 1600));
  }
  return { frames, words: ['billing', 'migration'], minWords: 2 };
}

function joined(frames: AudioFrame[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.data.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f.data, at);
    at += f.data.length;
  }
  return out;
}

/** Every sample the fake spoke for SPOKEN arrived, in order (each flushed piece restarts the ramp). */
async function verifySpoken(frames: AudioFrame[]): Promise<void> {
  const samples = joined(frames);
  expect(samples.length).toBe(SAMPLES_PER_WORD * wordCount(SPOKEN));
  expect(Array.from(samples.subarray(0, SAMPLES_PER_WORD))).toEqual(Array.from(ramp(SAMPLES_PER_WORD)));
}

async function waitFor(cond: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const REJECTED_BODY = { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } };

/** An OpenAI-protocol server: transcriptions, speech and streamed chat completions with a usage chunk. */
function openaiProtocol(req: SeenRequest, res: ServerResponse): void {
  if (req.url.endsWith('/audio/transcriptions')) return json(res, 200, { text: TRANSCRIPT });
  if (req.url.endsWith('/audio/speech')) {
    const { input } = JSON.parse(req.body.toString('utf8')) as { input: string };
    res.writeHead(200, { 'content-type': 'audio/pcm' });
    res.end(speechFor(input));
    return;
  }
  if (req.url.endsWith('/chat/completions')) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'm', choices, ...extra })}\n\n`);
    for (const piece of ANSWER) chunk([{ index: 0, delta: { role: 'assistant', content: piece }, finish_reason: null }]);
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    chunk([], { usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 } });
    res.end('data: [DONE]\n\n');
    return;
  }
  json(res, 404, { error: { message: 'not found' } });
}

function rejecting(req: SeenRequest, res: ServerResponse): void {
  void req;
  json(res, 401, REJECTED_BODY);
}

function failure<T>(secret: string, opts: FakeServerOptions, build: (origin: string) => Promise<T>): () => Promise<HostedFailure<T>> {
  return async () => {
    const s = await startFakeServer(opts);
    return { build: () => build(s.origin), secret, done: () => s.close() };
  };
}

function chat(): agentsLlm.ChatContext {
  const ctx = agentsLlm.ChatContext.empty();
  ctx.addMessage({ role: 'system', content: 'You are a recruiter.' });
  ctx.addMessage({ role: 'user', content: 'I am ready.' });
  return ctx;
}

const noRule = () => {
  throw new Error('rule interviewer not expected');
};

// --- OpenAI and Groq (OpenAI protocol) ----------------------------------------------------------

/**
 * OpenAI's realtime transcription websocket (/v1/realtime?intent=transcription), which the STT
 * adapter streams over: base64 PCM in input_audio_buffer.append; the fake's "server VAD" reports
 * speech after half a second of audio and completes the item after 0.9 s (or on a commit).
 */
function openaiTranscription(conn: WsConnection): void {
  let bytes = 0;
  let started = false;
  let completed = false;
  const complete = () => {
    if (completed) return;
    completed = true;
    const endMs = Math.round((bytes / 2 / 24_000) * 1000);
    conn.socket.send(JSON.stringify({ type: 'input_audio_buffer.speech_stopped', item_id: 'item-1', audio_end_ms: endMs }));
    conn.socket.send(JSON.stringify({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'item-1', delta: 'I led the ' }));
    conn.socket.send(
      JSON.stringify({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'item-1',
        transcript: TRANSCRIPT,
        usage: { type: 'tokens', input_tokens: 20, output_tokens: 9 },
      }),
    );
  };
  conn.socket.on('message', (data) => {
    const msg = JSON.parse(data.toString('utf8')) as { type: string; audio?: string };
    if (msg.type === 'input_audio_buffer.append' && msg.audio) {
      bytes += Buffer.from(msg.audio, 'base64').length;
      if (!started && bytes >= 24_000) {
        started = true;
        conn.socket.send(JSON.stringify({ type: 'input_audio_buffer.speech_started', item_id: 'item-1', audio_start_ms: 0 }));
      }
      if (bytes >= 0.9 * 48_000) complete();
    }
    if (msg.type === 'input_audio_buffer.commit') complete();
  });
}

const openaiServer = fake({ http: openaiProtocol, ws: openaiTranscription });

for (const p of [
  { id: 'openai' as const, key: { openaiApiKey: KEYS.openai }, secret: KEYS.openai, path: '/v1' },
  { id: 'groq' as const, key: { groqApiKey: KEYS.groq }, secret: KEYS.groq, path: '/openai/v1' },
]) {
  describeSttConformance({
    provider: p.id,
    build: async () => buildStt({ ...LOCAL, ...p.key, sttProvider: p.id, sttBaseUrl: `${(await openaiServer).origin}${p.path}` }),
    speech: tone,
    rejected: failure(p.secret, { http: rejecting }, (o) => buildStt({ ...LOCAL, ...p.key, sttProvider: p.id, sttBaseUrl: `${o}${p.path}` })),
    hung: failure(p.secret, { hang: true }, (o) => buildStt({ ...LOCAL, ...p.key, sttProvider: p.id, sttBaseUrl: `${o}${p.path}` })),
  });
  describeLlmConformance({
    provider: p.id,
    build: async () => buildLlm({ ...LOCAL, ...p.key, llmProvider: p.id, llmBaseUrl: `${(await openaiServer).origin}${p.path}` }, noRule),
    chatCtx: chat,
    verify: (text) => expect(text).toBe(ANSWER.join('')),
    reportsTokens: true,
    rejected: failure(p.secret, { http: rejecting }, async (o) => buildLlm({ ...LOCAL, ...p.key, llmProvider: p.id, llmBaseUrl: `${o}${p.path}` }, noRule)),
    hung: failure(p.secret, { hang: true }, async (o) => buildLlm({ ...LOCAL, ...p.key, llmProvider: p.id, llmBaseUrl: `${o}${p.path}` }, noRule)),
  });
}

describeTtsConformance({
  provider: 'openai',
  build: async () => buildTts({ ...LOCAL, openaiApiKey: KEYS.openai, ttsProvider: 'openai', ttsBaseUrl: `${(await openaiServer).origin}/v1` }),
  text: SPOKEN,
  verify: verifySpoken,
  rejected: failure(KEYS.openai, { http: rejecting }, (o) => buildTts({ ...LOCAL, openaiApiKey: KEYS.openai, ttsProvider: 'openai', ttsBaseUrl: `${o}/v1` })),
  hung: failure(KEYS.openai, { hang: true }, (o) => buildTts({ ...LOCAL, openaiApiKey: KEYS.openai, ttsProvider: 'openai', ttsBaseUrl: `${o}/v1` })),
});

describeLlmConformance({
  provider: 'openai-compatible',
  build: async () => buildLlm({ ...LOCAL, llmProvider: 'openai-compatible', llmModel: 'llama3', llmBaseUrl: `${(await openaiServer).origin}/v1` }, noRule),
  chatCtx: chat,
  verify: (text) => expect(text).toBe(ANSWER.join('')),
  reportsTokens: true,
  // A self-hosted endpoint may still want a key (vLLM --api-key): OPENAI_API_KEY is sent as the bearer.
  rejected: failure(KEYS.openai, { http: rejecting }, async (o) =>
    buildLlm({ ...LOCAL, openaiApiKey: KEYS.openai, llmProvider: 'openai-compatible', llmModel: 'llama3', llmBaseUrl: `${o}/v1` }, noRule),
  ),
  hung: failure(KEYS.openai, { hang: true }, async (o) =>
    buildLlm({ ...LOCAL, openaiApiKey: KEYS.openai, llmProvider: 'openai-compatible', llmModel: 'llama3', llmBaseUrl: `${o}/v1` }, noRule),
  ),
});

// --- Deepgram: /v1/listen over HTTP (recognize) and the live websocket (stream) ------------------

function deepgramResults(isFinal: boolean) {
  return {
    type: 'Results',
    is_final: isFinal,
    speech_final: isFinal,
    metadata: { request_id: 'req-1' },
    channel: {
      alternatives: [
        {
          transcript: isFinal ? TRANSCRIPT : 'I led the',
          confidence: 0.93,
          words: [
            { word: 'i', punctuated_word: 'I', start: 0.1, end: 0.2, confidence: 0.9 },
            { word: 'spring', punctuated_word: 'spring.', start: 1.0, end: 1.4, confidence: 0.95 },
          ],
        },
      ],
    },
  };
}

/** Deepgram's live protocol: audio as binary frames; Finalize asks for the final; CloseStream ends with Metadata. */
function deepgramLive(conn: WsConnection): void {
  let speaking = false;
  conn.socket.on('message', (data, isBinary) => {
    if (isBinary) {
      if (!speaking) {
        speaking = true;
        conn.socket.send(JSON.stringify({ type: 'SpeechStarted', channel: [0], timestamp: 0 }));
        conn.socket.send(JSON.stringify(deepgramResults(false)));
      }
      return;
    }
    const msg = JSON.parse(data.toString('utf8')) as { type: string };
    if (msg.type === 'Finalize') conn.socket.send(JSON.stringify(deepgramResults(true)));
    // Deepgram answers CloseStream with the request's Metadata, then closes.
    if (msg.type === 'CloseStream') {
      conn.socket.send(JSON.stringify({ type: 'Metadata', request_id: 'req-1', duration: 1, channels: 1 }));
      conn.socket.close(1000);
    }
  });
}

function deepgramHttp(req: SeenRequest, res: ServerResponse): void {
  json(res, 200, { metadata: { request_id: 'req-1' }, results: { channels: [deepgramResults(true).channel] } });
}

const deepgramServer = fake({ http: deepgramHttp, ws: deepgramLive });
const deepgramCfg = (origin: string): ProviderConfig => ({ ...LOCAL, sttProvider: 'deepgram', deepgramApiKey: KEYS.deepgram, sttBaseUrl: origin });

describeSttConformance({
  provider: 'deepgram',
  build: async () => buildStt(deepgramCfg((await deepgramServer).origin)),
  speech: tone,
  rejected: failure(KEYS.deepgram, { http: rejecting, rejectUpgrade: 401 }, (o) => buildStt(deepgramCfg(o))),
  hung: failure(KEYS.deepgram, { hang: true }, (o) => buildStt(deepgramCfg(o))),
});

describe('Deepgram live websocket (protocol)', () => {
  it('sends the key as a Token header, the model and format in the query, the audio as binary frames, then Finalize and CloseStream', async () => {
    const server = await fake({ ws: deepgramLive });
    const engine = await buildStt(deepgramCfg(server.origin));
    const { frames } = await tone();
    const stream = engine.stream();
    const events: stt.SpeechEvent[] = [];
    const reader = (async () => {
      for await (const ev of stream) events.push(ev);
    })();
    for (const f of frames) stream.pushFrame(f);
    stream.flush();
    // Input ended before the socket opens is never sent (the plugin's loop checks it first): as a
    // session does, the stream stays open until the transcript is back.
    await waitFor(() => events.some((e) => e.type === stt.SpeechEventType.FINAL_TRANSCRIPT));
    stream.endInput();
    await reader;

    const [conn] = server.connections;
    expect(conn).toBeDefined();
    const url = new URL(conn!.url, server.origin);
    expect(url.pathname).toBe('/v1/listen');
    expect(url.searchParams.get('model')).toBe(PROVIDERS.deepgram.stages.stt.defaultModel);
    expect(url.searchParams.get('encoding')).toBe('linear16');
    expect(url.searchParams.get('sample_rate')).toBe('16000');
    expect(conn!.headers.authorization).toBe(`Token ${KEYS.deepgram}`);
    const audioBytes = conn!.messages.filter((m): m is Buffer => Buffer.isBuffer(m)).reduce((n, b) => n + b.length, 0);
    expect(audioBytes).toBe(frames.length * 1600 * 2);
    const controls = conn!.messages.filter((m): m is string => typeof m === 'string').map((m) => (JSON.parse(m) as { type: string }).type);
    expect(controls).toContain('Finalize');
    expect(controls.at(-1)).toBe('CloseStream');
    const types = events.map((e) => e.type);
    expect(types).toContain(stt.SpeechEventType.START_OF_SPEECH);
    expect(types).toContain(stt.SpeechEventType.INTERIM_TRANSCRIPT);
    expect(types).toContain(stt.SpeechEventType.FINAL_TRANSCRIPT);
    expect(types.indexOf(stt.SpeechEventType.INTERIM_TRANSCRIPT)).toBeLessThan(types.indexOf(stt.SpeechEventType.FINAL_TRANSCRIPT));
    await engine.close();
  });
});

// --- ElevenLabs: HTTP stream (synthesize) and the multi-stream websocket (stream) ----------------

/**
 * ElevenLabs' multi-stream-input protocol: JSON messages per context_id; text accumulates until a
 * flush, which is answered with base64 PCM; close_context is answered with isFinal.
 */
function elevenlabsMultiStream(conn: WsConnection): void {
  const pending = new Map<string, string>();
  conn.socket.on('message', (data) => {
    const msg = JSON.parse(data.toString('utf8')) as { text?: string; context_id: string; flush?: boolean; close_context?: boolean };
    const ctx = msg.context_id;
    if (msg.text !== undefined) pending.set(ctx, `${pending.get(ctx) ?? ''}${msg.text}`);
    if (msg.flush) {
      const text = pending.get(ctx) ?? '';
      pending.set(ctx, '');
      if (wordCount(text) > 0) conn.socket.send(JSON.stringify({ contextId: ctx, audio: speechFor(text).toString('base64') }));
    }
    if (msg.close_context) conn.socket.send(JSON.stringify({ contextId: ctx, isFinal: true }));
  });
}

function elevenlabsHttp(req: SeenRequest, res: ServerResponse): void {
  const { text } = JSON.parse(req.body.toString('utf8')) as { text: string };
  res.writeHead(200, { 'content-type': 'audio/pcm' });
  const bytes = speechFor(text);
  // Split across writes so the adapter's incremental reader is exercised.
  res.write(bytes.subarray(0, 1001));
  res.end(bytes.subarray(1001));
}

const elevenServer = fake({ http: elevenlabsHttp, ws: elevenlabsMultiStream });
const elevenCfg = (origin: string): ProviderConfig => ({
  ...LOCAL,
  ttsProvider: 'elevenlabs',
  elevenApiKey: KEYS.elevenlabs,
  ttsVoice: 'voice-abc',
  ttsBaseUrl: `${origin}/v1`,
});

describeTtsConformance({
  provider: 'elevenlabs',
  build: async () => buildTts(elevenCfg((await elevenServer).origin)),
  text: SPOKEN,
  verify: verifySpoken,
  rejected: failure(KEYS.elevenlabs, { http: rejecting, rejectUpgrade: 401 }, (o) => buildTts(elevenCfg(o))),
  hung: failure(KEYS.elevenlabs, { hang: true }, (o) => buildTts(elevenCfg(o))),
});

describe('ElevenLabs multi-stream websocket (protocol)', () => {
  it('opens one socket with the key header, model and format, and speaks two streams as two contexts on it', async () => {
    const server = await fake({ ws: elevenlabsMultiStream });
    const engine = await buildTts(elevenCfg(server.origin));
    const speak = async (text: string) => {
      const s = engine.stream();
      s.pushText(text);
      s.flush();
      s.endInput();
      const frames: AudioFrame[] = [];
      for await (const ev of s) {
        if (typeof ev === 'symbol') break;
        frames.push(ev.frame);
      }
      return frames;
    };
    const [a, b] = await Promise.all([speak('First question for you.'), speak('And a second one, please.')]);
    expect(joined(a).length).toBe(SAMPLES_PER_WORD * 4);
    expect(joined(b).length).toBe(SAMPLES_PER_WORD * 5);

    expect(server.connections).toHaveLength(1);
    const conn = server.connections[0]!;
    const url = new URL(conn.url, server.origin);
    expect(url.pathname).toBe('/v1/text-to-speech/voice-abc/multi-stream-input');
    expect(url.searchParams.get('model_id')).toBe(PROVIDERS.elevenlabs.stages.tts.defaultModel);
    expect(url.searchParams.get('output_format')).toBe('pcm_22050');
    expect(conn.headers['xi-api-key']).toBe(KEYS.elevenlabs);
    const sent = conn.messages.map((m) => JSON.parse(String(m)) as { context_id: string; close_context?: boolean });
    const contexts = new Set(sent.map((m) => m.context_id));
    expect(contexts.size).toBe(2);
    for (const id of contexts) expect(sent.some((m) => m.context_id === id && m.close_context)).toBe(true);
    await engine.close();
  });

  it('a socket the server drops mid-sentence ends the stream with an error, not a hang', async () => {
    const server = await fake({
      ws: (conn) => conn.socket.on('message', () => conn.socket.close(1011)),
    });
    const engine = await buildTts(elevenCfg(server.origin));
    const errors: unknown[] = [];
    engine.on('error', (e) => errors.push(e.error));
    const s = engine.stream({ connOptions: { maxRetry: 0, retryIntervalMs: 0, timeoutMs: 2_000 } });
    s.pushText('This sentence will not be spoken.');
    s.flush();
    s.endInput();
    const frames: AudioFrame[] = [];
    for await (const ev of s) {
      if (typeof ev === 'symbol') break;
      frames.push(ev.frame);
    }
    expect(frames).toHaveLength(0);
    expect(errors.length).toBeGreaterThan(0);
    await engine.close();
  });
});

// --- coverage and live runs ---------------------------------------------------------------------

describe('hosted conformance coverage', () => {
  it('runs the suite for every stage of every hosted provider', () => {
    const missing: string[] = [];
    for (const d of DESCRIPTORS.filter((x) => x.info.hosting === 'hosted')) {
      for (const stage of Object.keys(d.info.stages) as Stage[]) {
        // The realtime model has its own conformance file (realtime.test.ts).
        if (stage === 'realtime') continue;
        if (!CONFORMANCE_RUNS.has(`${d.info.id}:${stage}`)) missing.push(`${d.info.id}:${stage}`);
      }
    }
    expect(missing).toEqual([]);
    expect(PROVIDER_IDS.length).toBe(DESCRIPTORS.length);
  });
});

const live = {
  openai: process.env.OPENAI_API_KEY,
  groq: process.env.GROQ_API_KEY,
  deepgram: process.env.DEEPGRAM_API_KEY,
  elevenlabs: process.env.ELEVEN_API_KEY,
};
for (const [name, key] of Object.entries(live)) {
  if (!key) console.info(`live ${name} conformance run skipped: its API key is not set`);
}

if (live.deepgram) {
  describeSttConformance({
    provider: 'deepgram',
    build: () => buildStt({ ...LOCAL, sttProvider: 'deepgram', deepgramApiKey: live.deepgram }),
    speech: async () => ({ ...(await tone()), words: [], minWords: 0 }),
  });
}
if (live.elevenlabs) {
  describeTtsConformance({
    provider: 'elevenlabs',
    build: () => buildTts({ ...LOCAL, ttsProvider: 'elevenlabs', elevenApiKey: live.elevenlabs }),
    text: 'Hello, and welcome.',
    verify: async (frames) => expect(frames.length).toBeGreaterThan(0),
  });
}
if (live.openai) {
  describeLlmConformance({
    provider: 'openai',
    build: async () => buildLlm({ ...LOCAL, llmProvider: 'openai', openaiApiKey: live.openai }, noRule),
    chatCtx: chat,
    verify: (text) => expect(text.length).toBeGreaterThan(0),
    reportsTokens: true,
  });
}
if (live.groq) {
  describeLlmConformance({
    provider: 'groq',
    build: async () => buildLlm({ ...LOCAL, llmProvider: 'groq', groqApiKey: live.groq }, noRule),
    chatCtx: chat,
    verify: (text) => expect(text.length).toBeGreaterThan(0),
    reportsTokens: true,
  });
}
