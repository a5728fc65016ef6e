import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect, afterEach } from 'vitest';
import { llm as agentsLlm, initializeLogger } from '@livekit/agents';
import { PROVIDER_IDS, PROVIDERS, STACK_IDS, type Stage } from '@mockroom/core/stacks';
import {
  allowedOverrides,
  applyInterviewChoice,
  applyOverride,
  applyStack,
  DESCRIPTORS,
  hasAdapter,
  inProcessSttSampleRate,
  assertProviders,
  buildLlm,
  buildStt,
  buildTts,
  localSpeechEngines,
  ProviderConfigError,
  providerProblems,
  type ProviderConfig,
} from './registry.js';

initializeLogger({ pretty: false, level: 'error' });
const LOCAL: ProviderConfig = { sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local' };
const KEYS = { openaiApiKey: 'sk-test', groqApiKey: 'gsk-test', deepgramApiKey: 'dg-test', elevenApiKey: 'el-test' };
const noRule = () => {
  throw new Error('rule interviewer not expected');
};

describe('provider registry', () => {
  it('accepts the offline defaults with no keys', () => {
    expect(providerProblems(LOCAL)).toEqual([]);
  });

  it('reports unknown names and missing keys in one error', () => {
    const cfg = { sttProvider: 'deepgram', llmProvider: 'claude', ttsProvider: 'openai' };
    expect(() => assertProviders(cfg)).toThrow(ProviderConfigError);
    try {
      assertProviders(cfg);
    } catch (e) {
      expect((e as ProviderConfigError).problems).toEqual([
        'STT_PROVIDER=deepgram needs DEEPGRAM_API_KEY',
        'LLM_PROVIDER: unknown provider "claude" (expected one of: local, openai, groq, openai-compatible)',
        'TTS_PROVIDER=openai needs OPENAI_API_KEY',
      ]);
    }
  });

  it('requires a base URL and model for an OpenAI-compatible endpoint, but no key', () => {
    expect(providerProblems({ ...LOCAL, llmProvider: 'openai-compatible' })).toEqual([
      'LLM_PROVIDER=openai-compatible needs LLM_BASE_URL',
      'LLM_PROVIDER=openai-compatible needs LLM_MODEL',
    ]);
    expect(providerProblems({ ...LOCAL, llmProvider: 'openai-compatible', llmBaseUrl: 'http://127.0.0.1:11434/v1', llmModel: 'llama3' })).toEqual([]);
  });

  it('builds each cloud provider from config', async () => {
    const cfg = { ...LOCAL, ...KEYS };
    expect((await buildStt({ ...cfg, sttProvider: 'openai' })).label).toMatch(/openai/i);
    expect((await buildStt({ ...cfg, sttProvider: 'groq' })).label).toMatch(/openai/i);
    expect((await buildStt({ ...cfg, sttProvider: 'deepgram' })).label).toMatch(/deepgram/i);
    expect(buildLlm({ ...cfg, llmProvider: 'openai' }, noRule).label()).toMatch(/openai/i);
    expect(buildLlm({ ...cfg, llmProvider: 'groq' }, noRule).model).toMatch(/llama/);
    expect((await buildTts({ ...cfg, ttsProvider: 'openai' })).label).toMatch(/openai/i);
    expect((await buildTts({ ...cfg, ttsProvider: 'elevenlabs' })).label).toMatch(/elevenlabs/i);
  });

  it('uses the rule-based interviewer for the local LLM', () => {
    const marker = { label: () => 'rule' } as unknown as agentsLlm.LLM;
    expect(buildLlm(LOCAL, () => marker)).toBe(marker);
  });

  it('builds Moonshine for STT_PROVIDER=local and =moonshine, and PocketSphinx only by its name', async () => {
    const moonshine = await buildStt({ ...LOCAL, sttProvider: 'moonshine' });
    expect(moonshine.provider).toBe('moonshine');
    expect((await buildStt({ ...LOCAL, sttProvider: 'pocketsphinx' })).provider).toBe('pocketsphinx');
    expect(localSpeechEngines({ sttProvider: 'moonshine', ttsProvider: 'openai' })).toMatchObject({ moonshine: true, stt: false });
    // The offline default is Moonshine; PocketSphinx only by its own name.
    expect((await buildStt(LOCAL)).provider).toBe('moonshine');
    expect(localSpeechEngines({ sttProvider: 'local', ttsProvider: 'openai' })).toMatchObject({ moonshine: true, stt: false });
    expect(localSpeechEngines({ sttProvider: 'pocketsphinx', ttsProvider: 'openai' })).toMatchObject({ moonshine: false, stt: true });
  });

  it('builds Piper for TTS_PROVIDER=piper (ignoring another engine\'s voice name) and keeps Flite selectable by name', async () => {
    const piper = await buildTts({ ...LOCAL, ttsProvider: 'piper', ttsVoice: 'kal' });
    expect(piper.label).toBe('local.PiperTTS');
    expect(piper.model).toBe('piper-en_US-joe-medium');
    expect((await buildTts({ ...LOCAL, ttsProvider: 'flite' })).label).toBe('local.FliteTTS');
    expect(localSpeechEngines({ sttProvider: 'openai', ttsProvider: 'piper' })).toMatchObject({ piper: true, flite: false, espeak: false });
  });

  it('takes an interview override only from the allowed set', () => {
    const { config, rejected } = applyOverride({ ...LOCAL, openaiApiKey: 'sk' }, { stt: 'deepgram', tts: 'espeak', llm: 'openai' });
    expect(config).toMatchObject({ sttProvider: 'local', ttsProvider: 'espeak', llmProvider: 'openai' });
    expect(rejected).toEqual(['stt']);
    expect(allowedOverrides(LOCAL)).toEqual({ stt: ['local', 'moonshine', 'pocketsphinx'], llm: ['local'], tts: ['local', 'piper', 'flite', 'espeak'] });
  });
});

describe('provider descriptors and stacks', () => {
  it('has one descriptor per provider in core, with an adapter for every stage core offers', () => {
    expect(DESCRIPTORS.map((d) => d.info.id).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) {
      for (const stage of Object.keys(PROVIDERS[id].stages) as Stage[]) expect(hasAdapter(id, stage), `${id} ${stage}`).toBe(true);
    }
  });

  it('applies an offline stack with no keys, naming the stack and using the names the interviewer knows', () => {
    const { config, rejected } = applyInterviewChoice(LOCAL, { stack: 'offline-neural', providers: null });
    expect(rejected).toEqual([]);
    expect(config).toMatchObject({ sttProvider: 'moonshine', llmProvider: 'local', ttsProvider: 'piper', stack: 'offline-neural' });
  });

  it('applies every stack whose keys are configured, and builds nothing it cannot', () => {
    for (const id of STACK_IDS) expect(applyStack({ ...LOCAL, ...KEYS }, id), id).not.toBeNull();
  });

  it('keeps the worker defaults when a stack needs a key this worker lacks, and reports it', () => {
    const cfg = { ...LOCAL, ttsVoice: 'kal' };
    const { config, rejected } = applyInterviewChoice(cfg, { stack: 'deepgram-elevenlabs', providers: null });
    expect(rejected).toEqual(['stack']);
    expect(config).toMatchObject({ sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local', ttsVoice: 'kal', stack: 'offline' });
    expect(applyInterviewChoice(cfg, { stack: 'no-such-stack' }).rejected).toEqual(['stack']);
  });

  it("drops the env's model and voice for a stage whose provider the stack changes, and keeps them otherwise", () => {
    const cfg: ProviderConfig = { ...KEYS, sttProvider: 'openai', llmProvider: 'openai', ttsProvider: 'openai', sttModel: 'whisper-1', llmModel: 'gpt-4.1', ttsVoice: 'nova' };
    const applied = applyStack(cfg, 'deepgram-elevenlabs')!;
    expect(applied).toMatchObject({ sttProvider: 'deepgram', llmProvider: 'openai', ttsProvider: 'elevenlabs', llmModel: 'gpt-4.1' });
    expect(applied.sttModel).toBeUndefined();
    expect(applied.ttsVoice).toBeUndefined();
  });

  it('turns the realtime stack into a realtime provider, and names the env default stack without a choice', () => {
    expect(applyStack({ ...LOCAL, openaiApiKey: 'sk' }, 'openai-realtime')).toMatchObject({ realtimeProvider: 'openai', stack: 'openai-realtime' });
    expect(applyInterviewChoice(LOCAL, { providers: null }).config.stack).toBe('offline');
    expect(applyInterviewChoice({ ...LOCAL, sttProvider: 'pocketsphinx' }, {}).config.stack).toBe('offline-classic');
  });

  it('asks the room for 16 kHz audio only when the STT decodes in-process', () => {
    expect(inProcessSttSampleRate({ sttProvider: 'local' })).toBe(16_000);
    expect(inProcessSttSampleRate({ sttProvider: 'moonshine' })).toBe(16_000);
    expect(inProcessSttSampleRate({ sttProvider: 'pocketsphinx' })).toBe(16_000);
    expect(inProcessSttSampleRate({ sttProvider: 'deepgram' })).toBeNull();
    expect(inProcessSttSampleRate({ sttProvider: 'local', realtimeProvider: 'openai' })).toBeNull();
  });
});

describe('OpenAI-compatible LLM adapter against a local server', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('streams a chat completion through LLM_BASE_URL', async () => {
    const seen: { path?: string; auth?: string; model?: string } = {};
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.path = req.url;
        seen.auth = req.headers.authorization;
        seen.model = JSON.parse(body).model;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const piece of ['Hello ', 'from ', 'the fake.']) {
          res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'llama3', choices: [{ index: 0, delta: { role: 'assistant', content: piece }, finish_reason: null }] })}\n\n`);
        }
        res.write('data: [DONE]\n\n');
        res.end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const model = buildLlm({ ...LOCAL, llmProvider: 'openai-compatible', llmBaseUrl: `http://127.0.0.1:${port}/v1`, llmModel: 'llama3' }, noRule);
    const chatCtx = agentsLlm.ChatContext.empty();
    chatCtx.addMessage({ role: 'user', content: 'hi' });
    const result = await model.chat({ chatCtx }).collect();
    expect(result.text).toBe('Hello from the fake.');
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.model).toBe('llama3');
    expect(seen.auth).toBe('Bearer not-needed');
  });

  it.skipIf(!process.env.OPENAI_API_KEY)('live: OpenAI LLM answers (runs only with OPENAI_API_KEY)', async () => {
    const model = buildLlm({ ...LOCAL, llmProvider: 'openai', openaiApiKey: process.env.OPENAI_API_KEY }, noRule);
    const chatCtx = agentsLlm.ChatContext.empty();
    chatCtx.addMessage({ role: 'user', content: 'Say OK.' });
    expect((await model.chat({ chatCtx }).collect()).text.length).toBeGreaterThan(0);
  });
});
if (!process.env.OPENAI_API_KEY) console.info('live OpenAI test skipped: OPENAI_API_KEY is not set');
