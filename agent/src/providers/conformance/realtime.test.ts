/**
 * Conformance of the speech-to-speech adapter (the `openai-realtime` stack: the openai plugin's
 * realtime model, built through the OpenAI descriptor) against a local fake of OpenAI's realtime
 * websocket: a reply streams audio at core's sample rate with its transcript and token usage;
 * the candidate's audio is heard (speech events and an input transcript); an interruption
 * cancels the reply; a rejected key and a server that never answers fail the reply in bounded
 * time with the key in no error or log. A live run needs OPENAI_API_KEY and is skipped, with
 * a printed reason, without it.
 */
import { initializeLogger, type llm } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { PROVIDERS } from '@mockroom/core/stacks';
import { afterAll, describe, expect, it } from 'vitest';
import { applyStack, buildRealtime, type ProviderConfig } from '../registry.js';
import { pcmBytes, ramp, startFakeServer, type FakeServer, type FakeServerOptions, type WsConnection } from './fake-server.js';
import { captureStdout, CONFORMANCE_RUNS } from './suite.js';

initializeLogger({ pretty: false, level: 'warn' });

const KEY = 'sk-conformance-realtime-0123456789';
const LOCAL: ProviderConfig = { sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local', openaiApiKey: KEY };
const REPLY = ['Hello, ', 'shall we start?'];
/** Three 100 ms chunks of 24 kHz audio per reply. */
const REPLY_AUDIO = [ramp(2_400), ramp(2_400), ramp(2_400)];
const HEARD = 'I am ready to start.';

type Sent = { type: string; response?: { metadata?: Record<string, string> }; audio?: string };

/**
 * OpenAI's realtime protocol, as much of it as a reply and a heard turn use: response.create is
 * answered with a message item whose audio and transcript stream as deltas, then response.done
 * with usage; response.cancel ends the reply as cancelled; appended audio past 0.5 s is "speech",
 * transcribed when it stops.
 */
function realtimeProtocol(conn: WsConnection, opts: { holdAfterFirstAudioMs?: number } = {}): void {
  let reply = 0;
  let heardBytes = 0;
  let speaking = false;
  let cancelled = false;
  const send = (event: Record<string, unknown>) => conn.socket.send(JSON.stringify(event));
  send({ type: 'session.created', session: { id: 'sess_1', model: 'gpt-realtime' } });
  conn.socket.on('message', (data) => {
    const event = JSON.parse(data.toString('utf8')) as Sent;
    if (event.type === 'response.cancel') cancelled = true;
    if (event.type === 'input_audio_buffer.append' && event.audio) {
      heardBytes += Buffer.from(event.audio, 'base64').length;
      if (!speaking && heardBytes >= 24_000) {
        speaking = true;
        send({ type: 'input_audio_buffer.speech_started', item_id: 'user_1', audio_start_ms: 0 });
      }
      if (speaking && heardBytes >= 48_000) {
        speaking = false;
        heardBytes = -Infinity;
        send({ type: 'input_audio_buffer.speech_stopped', item_id: 'user_1', audio_end_ms: 1000 });
        send({ type: 'conversation.item.input_audio_transcription.completed', item_id: 'user_1', content_index: 0, transcript: HEARD });
      }
    }
    if (event.type !== 'response.create') return;
    reply += 1;
    cancelled = false;
    const id = `resp_${reply}`;
    const item = `item_${reply}`;
    send({ type: 'response.created', response: { id, status: 'in_progress', metadata: event.response?.metadata ?? null, output: [] } });
    send({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { id: item, type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
    send({ type: 'response.content_part.added', response_id: id, item_id: item, output_index: 0, content_index: 0, part: { type: 'audio', transcript: '' } });
    // Paced like a server that speaks as it generates, so an interruption can land mid-reply.
    const steps: { run: () => void; audio: boolean }[] = [];
    const audioDelta = (pcm: Int16Array) => () =>
      send({ type: 'response.output_audio.delta', response_id: id, item_id: item, output_index: 0, content_index: 0, delta: pcmBytes(pcm).toString('base64') });
    REPLY.forEach((delta, i) => {
      steps.push({ run: () => send({ type: 'response.output_audio_transcript.delta', response_id: id, item_id: item, output_index: 0, content_index: 0, delta }), audio: false });
      steps.push({ run: audioDelta(REPLY_AUDIO[i]!), audio: true });
    });
    steps.push({ run: audioDelta(REPLY_AUDIO[2]!), audio: true });
    const finish = (status: 'completed' | 'cancelled') => {
      send({ type: 'response.output_audio.done', response_id: id, item_id: item, output_index: 0, content_index: 0 });
      send({ type: 'response.output_audio_transcript.done', response_id: id, item_id: item, output_index: 0, content_index: 0, transcript: REPLY.join('') });
      send({ type: 'response.content_part.done', response_id: id, item_id: item, output_index: 0, content_index: 0, part: { type: 'audio', transcript: REPLY.join('') } });
      send({ type: 'response.output_item.done', response_id: id, output_index: 0, item: { id: item, type: 'message', role: 'assistant', status, content: [] } });
      send({
        type: 'response.done',
        response: {
          id,
          status,
          output: [],
          usage: {
            total_tokens: 120,
            input_tokens: 80,
            output_tokens: 40,
            input_token_details: { text_tokens: 60, audio_tokens: 20, cached_tokens: 0 },
            output_token_details: { text_tokens: 10, audio_tokens: 30 },
          },
        },
      });
    };
    let audioSent = 0;
    const next = () => {
      if (cancelled) return finish('cancelled');
      const step = steps.shift();
      if (!step) return finish('completed');
      step.run();
      if (step.audio) audioSent += 1;
      // A slow generation holds after its first audio until a cancel arrives (or the hold ends), so
      // an interruption lands mid-reply however loaded the machine is.
      if (audioSent === 1 && step.audio && opts.holdAfterFirstAudioMs) {
        let resumed = false;
        const timer = setTimeout(() => {
          resumed = true;
          next();
        }, opts.holdAfterFirstAudioMs);
        const onCancel = () => {
          if (!cancelled || resumed) return;
          resumed = true;
          clearTimeout(timer);
          next();
        };
        conn.socket.on('message', () => setImmediate(onCancel));
        return;
      }
      setTimeout(next, 30);
    };
    next();
  });
}

const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function fake(opts: FakeServerOptions): Promise<FakeServer> {
  const s = await startFakeServer(opts);
  servers.push(s);
  return s;
}

async function realtimeModel(origin: string): Promise<llm.RealtimeModel> {
  const cfg = applyStack(LOCAL, 'openai-realtime');
  if (!cfg) throw new Error('openai-realtime should apply with OPENAI_API_KEY set');
  return buildRealtime({ ...cfg, realtimeBaseUrl: `${origin}/v1` });
}

/** Reads a generation: the transcript text and the audio frames of its messages. */
async function readGeneration(gen: llm.GenerationCreatedEvent, onFirstAudio?: () => void) {
  let text = '';
  const frames: AudioFrame[] = [];
  for await (const msg of gen.messageStream) {
    const audio = (async () => {
      for await (const f of msg.audioStream) {
        if (frames.length === 0) onFirstAudio?.();
        frames.push(f);
      }
    })();
    for await (const t of msg.textStream) text += typeof t === 'string' ? t : t.text;
    await audio;
  }
  return { text, frames };
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms))]);
}

/**
 * Runs `fn`, collecting exceptions thrown uncaught meanwhile, until the first of them
 * arrived or `settleMs` passed. The plugin (1.9.0) leaves a failed socket's error unlistened
 * (a rejected upgrade; its own connect timeout closing a socket that never opened), so it is
 * thrown uncaught, which in a job process (no uncaughtException handler) ends the process: the
 * job is lost. Captured so the tests can check it, and fail when the plugin changes.
 */
async function withUncaught<T>(fn: () => Promise<T>, settleMs: number): Promise<{ result: T; uncaught: unknown[] }> {
  const uncaught: unknown[] = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const collect = (e: unknown) => void uncaught.push(e);
  process.on('uncaughtException', collect);
  try {
    const result = await fn();
    const until = Date.now() + settleMs;
    while (uncaught.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    return { result, uncaught };
  } finally {
    process.off('uncaughtException', collect);
    for (const l of saved) process.on('uncaughtException', l);
  }
}

function reportedNoKey(errors: unknown[]): void {
  for (const e of errors) expect(e instanceof Error ? `${e.message} ${String(e.stack)}` : String(e)).not.toContain(KEY);
}

CONFORMANCE_RUNS.add('openai:realtime');

describe('realtime conformance: openai', () => {
  it('a reply streams audio at the rate core says, with its transcript and token usage', async () => {
    const server = await fake({ ws: realtimeProtocol });
    const model = await realtimeModel(server.origin);
    const session = model.session();
    const metrics: { type: string; inputTokens?: number; outputTokens?: number; ttftMs?: number }[] = [];
    session.on('metrics_collected', (m: (typeof metrics)[number]) => metrics.push(m));
    const errors: unknown[] = [];
    session.on('error', (e: { error: unknown }) => errors.push(e.error));
    try {
      const gen = await within(15_000, session.generateReply('Greet the candidate.'));
      const { text, frames } = await within(15_000, readGeneration(gen));
      expect(text).toBe(REPLY.join(''));
      expect(frames.length).toBe(REPLY_AUDIO.length);
      for (const f of frames) expect(f.sampleRate).toBe(PROVIDERS.openai.stages.realtime.sampleRateHz);
      expect(Array.from(frames[0]!.data)).toEqual(Array.from(REPLY_AUDIO[0]!));
      await new Promise((r) => setTimeout(r, 50));
      expect(metrics.find((m) => m.type === 'realtime_model_metrics')).toMatchObject({ inputTokens: 80, outputTokens: 40 });
      expect(errors).toEqual([]);

      const conn = server.connections[0]!;
      expect(new URL(conn.url, server.origin).pathname).toBe('/v1/realtime');
      expect(new URL(conn.url, server.origin).searchParams.get('model')).toBe(PROVIDERS.openai.stages.realtime.defaultModel);
      expect(conn.headers.authorization).toBe(`Bearer ${KEY}`);
      const sent = conn.messages.map((m) => (JSON.parse(String(m)) as Sent).type);
      expect(sent).toContain('session.update');
      expect(sent).toContain('response.create');
    } finally {
      await session.close();
      await model.close();
    }
  });

  it('hears the candidate: speech start and stop and the input transcript', async () => {
    const server = await fake({ ws: realtimeProtocol });
    const model = await realtimeModel(server.origin);
    const session = model.session();
    try {
      const transcript = new Promise<string>((resolve) =>
        session.on('input_audio_transcription_completed', (ev: { transcript: string; isFinal: boolean }) => {
          if (ev.isFinal) resolve(ev.transcript);
        }),
      );
      const started = new Promise<void>((resolve) => session.on('input_speech_started', () => resolve()));
      for (let i = 0; i < 15; i++) {
        const pcm = new Int16Array(2_400);
        for (let j = 0; j < pcm.length; j++) pcm[j] = Math.round(6000 * Math.sin((2 * Math.PI * 300 * (i * 2_400 + j)) / 24_000));
        session.pushAudio(new AudioFrame(pcm, 24_000, 1, 2_400));
      }
      await within(15_000, started);
      expect(await within(15_000, transcript)).toBe(HEARD);
    } finally {
      await session.close();
      await model.close();
    }
  });

  it('an interruption cancels the reply mid-stream: the server is told and the audio stops short', async () => {
    const server = await fake({ ws: (conn) => realtimeProtocol(conn, { holdAfterFirstAudioMs: 8_000 }) });
    const model = await realtimeModel(server.origin);
    const session = model.session();
    session.on('error', () => undefined);
    try {
      const gen = await within(15_000, session.generateReply('Greet the candidate.'));
      const { frames } = await within(
        15_000,
        readGeneration(gen, () => void session.interrupt()),
      );
      expect(frames.length).toBeGreaterThan(0);
      expect(frames.length).toBeLessThan(REPLY_AUDIO.length);
      const sent = server.connections[0]!.messages.map((m) => (JSON.parse(String(m)) as Sent).type);
      expect(sent).toContain('response.cancel');
    } finally {
      await session.close();
      await model.close();
    }
  });

  it('a rejected key fails the reply with an error that carries no key, nor do the logs', async () => {
    const server = await fake({ rejectUpgrade: 401 });
    const model = await realtimeModel(server.origin);
    const session = model.session();
    const errors: unknown[] = [];
    session.on('error', (e: { error: unknown }) => errors.push(e.error));
    try {
      const { result: run, uncaught } = await withUncaught(
        () => captureStdout(() => within(20_000, session.generateReply('Greet the candidate.'))),
        2_000,
      );
      expect(uncaught.map(String)).toContain('Error: Unexpected server response: 401');
      reportedNoKey(uncaught);
      const reported = [...errors, ...(run.error ? [run.error] : [])];
      expect(reported.length).toBeGreaterThan(0);
      expect(String(run.error ?? '')).not.toMatch(/did not settle/);
      reportedNoKey(reported);
      expect(run.out).not.toContain(KEY);
    } finally {
      await session.close().catch(() => undefined);
      await model.close();
    }
  });

  it('a server that never answers fails the reply after its timeout, not never', async () => {
    const server = await fake({ hang: true });
    const model = await realtimeModel(server.origin);
    const session = model.session();
    session.on('error', () => undefined);
    try {
      // The plugin gives a reply 10 s to be created (realtime_model.js createResponse), and its
      // socket as long to open, then closes it: that close is thrown uncaught (see withUncaught).
      const { result: run, uncaught } = await withUncaught(
        () => captureStdout(() => within(25_000, session.generateReply('Greet the candidate.'))),
        5_000,
      );
      expect(uncaught.map(String)).toContain('Error: WebSocket was closed before the connection was established');
      expect(run.error).toBeDefined();
      expect(String(run.error)).not.toMatch(/did not settle/);
      expect(run.out).not.toContain(KEY);
    } finally {
      await session.close().catch(() => undefined);
      await model.close();
    }
  }, 40_000);
});

if (!process.env.OPENAI_API_KEY) console.info('live OpenAI realtime conformance run skipped: OPENAI_API_KEY is not set');
describe.runIf(Boolean(process.env.OPENAI_API_KEY))('realtime conformance: openai (live)', () => {
  it('a reply streams audio', async () => {
    const model = await buildRealtime({ ...LOCAL, openaiApiKey: process.env.OPENAI_API_KEY, realtimeProvider: 'openai' });
    const session = model.session();
    try {
      const { frames } = await readGeneration(await session.generateReply('Say hello.'));
      expect(frames.length).toBeGreaterThan(0);
    } finally {
      await session.close();
      await model.close();
    }
  });
});
