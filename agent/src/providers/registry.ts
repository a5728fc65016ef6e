/**
 * Provider registry: STT, LLM and TTS chosen by name from configuration, never by code edits.
 * `providerProblems` validates a selection without building anything (start-up check, every
 * problem at once); `buildProviders` constructs the instances for one session. Adding a provider
 * is adding a name here and a builder below.
 */
import { stt, tts, type llm } from '@livekit/agents';
import * as deepgram from '@livekit/agents-plugin-deepgram';
import * as elevenlabs from '@livekit/agents-plugin-elevenlabs';
import * as openai from '@livekit/agents-plugin-openai';
import type { ProviderOverride } from '@mockroom/core';
import { ConfigProblemsError } from '../config-problems-error.js';

export const STT_PROVIDERS = ['local', 'moonshine', 'pocketsphinx', 'openai', 'groq', 'deepgram'] as const;
export const LLM_PROVIDERS = ['local', 'openai', 'groq', 'openai-compatible'] as const;
export const TTS_PROVIDERS = ['local', 'piper', 'flite', 'espeak', 'openai', 'elevenlabs'] as const;
export type SttProviderName = (typeof STT_PROVIDERS)[number];
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];
export type TtsProviderName = (typeof TTS_PROVIDERS)[number];

/** What the registry reads from the environment (see env.ts for the variable names). */
export interface ProviderConfig {
  sttProvider: string;
  llmProvider: string;
  ttsProvider: string;
  sttModel?: string;
  llmModel?: string;
  ttsModel?: string;
  ttsVoice?: string;
  sttBaseUrl?: string;
  llmBaseUrl?: string;
  ttsBaseUrl?: string;
  openaiApiKey?: string;
  groqApiKey?: string;
  deepgramApiKey?: string;
  elevenApiKey?: string;
}

export class ProviderConfigError extends ConfigProblemsError {
  override name = 'ProviderConfigError';
  constructor(problems: string[]) {
    super('Invalid provider configuration', problems);
  }
}

const KEY_FOR: Record<string, { field: keyof ProviderConfig; env: string } | undefined> = {
  openai: { field: 'openaiApiKey', env: 'OPENAI_API_KEY' },
  groq: { field: 'groqApiKey', env: 'GROQ_API_KEY' },
  deepgram: { field: 'deepgramApiKey', env: 'DEEPGRAM_API_KEY' },
  elevenlabs: { field: 'elevenApiKey', env: 'ELEVEN_API_KEY' },
};

/** Every problem with a selection, in one list (empty: the selection can be built). */
export function providerProblems(cfg: ProviderConfig): string[] {
  const problems: string[] = [];
  const stage = (envName: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value)) {
      problems.push(`${envName}: unknown provider "${value}" (expected one of: ${allowed.join(', ')})`);
      return;
    }
    const key = KEY_FOR[value];
    if (key && !cfg[key.field]) problems.push(`${envName}=${value} needs ${key.env}`);
  };
  stage('STT_PROVIDER', cfg.sttProvider, STT_PROVIDERS);
  stage('LLM_PROVIDER', cfg.llmProvider, LLM_PROVIDERS);
  stage('TTS_PROVIDER', cfg.ttsProvider, TTS_PROVIDERS);
  if (cfg.llmProvider === 'openai-compatible') {
    if (!cfg.llmBaseUrl) problems.push('LLM_PROVIDER=openai-compatible needs LLM_BASE_URL');
    if (!cfg.llmModel) problems.push('LLM_PROVIDER=openai-compatible needs LLM_MODEL');
  }
  return problems;
}

export function assertProviders(cfg: ProviderConfig): void {
  const problems = providerProblems(cfg);
  if (problems.length > 0) throw new ProviderConfigError(problems);
}

/**
 * Applies an interview's provider override. Only names that are valid for this deployment (known,
 * and with their keys configured) are taken; anything else is reported and the default kept, so
 * an override can never make a call fail.
 */
export function applyOverride(
  cfg: ProviderConfig,
  override: ProviderOverride | null | undefined,
): { config: ProviderConfig; rejected: string[] } {
  if (!override) return { config: cfg, rejected: [] };
  const rejected: string[] = [];
  let config = { ...cfg };
  const tryStage = (stage: 'stt' | 'llm' | 'tts', value: string | undefined) => {
    if (!value) return;
    const field = `${stage}Provider` as const;
    const candidate = { ...config, [field]: value };
    if (providerProblems(candidate).length > providerProblems(config).length) rejected.push(stage);
    else config = candidate;
  };
  tryStage('stt', override.stt);
  tryStage('llm', override.llm);
  tryStage('tts', override.tts);
  if (override.voice) config = { ...config, ttsVoice: override.voice.replace(/[^A-Za-z0-9_.+-]/g, '').slice(0, 80) };
  return { config, rejected };
}

/** Which in-process offline speech engines a configuration runs (each costs memory and CPU in every job process). */
export function localSpeechEngines(cfg: Pick<ProviderConfig, 'sttProvider' | 'ttsProvider'>): {
  stt: boolean;
  flite: boolean;
  espeak: boolean;
  moonshine: boolean;
  piper: boolean;
} {
  return {
    stt: cfg.sttProvider === 'pocketsphinx',
    flite: cfg.ttsProvider === 'local' || cfg.ttsProvider === 'flite',
    espeak: cfg.ttsProvider === 'espeak',
    // Moonshine (the offline default) runs in the worker's shared inference process, not in each job process.
    moonshine: cfg.sttProvider === 'local' || cfg.sttProvider === 'moonshine',
    // Piper's voice is held once by the same inference process; jobs only phonemize (eSpeak).
    piper: cfg.ttsProvider === 'piper',
  };
}

/** Names an interview may pick under this deployment's keys. */
export function allowedOverrides(cfg: ProviderConfig): { stt: string[]; llm: string[]; tts: string[] } {
  const ok = (field: 'sttProvider' | 'llmProvider' | 'ttsProvider', names: readonly string[]) =>
    names.filter((name) => providerProblems({ ...cfg, [field]: name }).length === 0);
  return {
    stt: ok('sttProvider', STT_PROVIDERS),
    llm: ok('llmProvider', LLM_PROVIDERS),
    tts: ok('ttsProvider', TTS_PROVIDERS),
  };
}

export interface BuiltProviders {
  stt: stt.STT;
  llm: llm.LLM;
  tts: tts.TTS;
  names: { stt: string; llm: string; tts: string };
}

/** The offline engines, loaded on first use so cloud-only deployments never touch them. */
async function loadLocal() {
  return import('./local/index.js');
}

export async function buildStt(cfg: ProviderConfig): Promise<stt.STT> {
  switch (cfg.sttProvider as SttProviderName) {
    case 'pocketsphinx': {
      const local = await loadLocal();
      return new local.PocketSphinxSTT();
    }
    case 'local':
    case 'moonshine': {
      const { MoonshineSTT } = await import('./local/moonshine-stt.js');
      return new MoonshineSTT();
    }
    case 'openai':
      return new openai.STT({
        apiKey: cfg.openaiApiKey,
        model: cfg.sttModel ?? 'gpt-4o-mini-transcribe',
        ...(cfg.sttBaseUrl ? { baseURL: cfg.sttBaseUrl } : {}),
      });
    case 'groq':
      return openai.STT.withGroq({
        apiKey: cfg.groqApiKey,
        model: cfg.sttModel ?? 'whisper-large-v3-turbo',
        ...(cfg.sttBaseUrl ? { baseURL: cfg.sttBaseUrl } : {}),
      });
    case 'deepgram':
      return new deepgram.STT({
        apiKey: cfg.deepgramApiKey,
        model: (cfg.sttModel ?? 'nova-3') as deepgram.STTModels,
        ...(cfg.sttBaseUrl ? { baseUrl: cfg.sttBaseUrl } : {}),
      });
    default:
      throw new ProviderConfigError([`STT_PROVIDER: unknown provider "${cfg.sttProvider}"`]);
  }
}

export function buildLlm(cfg: ProviderConfig, createRuleInterviewer: () => llm.LLM): llm.LLM {
  switch (cfg.llmProvider as LlmProviderName) {
    case 'local':
      return createRuleInterviewer();
    case 'openai':
      return new openai.LLM({
        apiKey: cfg.openaiApiKey,
        model: cfg.llmModel ?? 'gpt-4.1-mini',
        ...(cfg.llmBaseUrl ? { baseURL: cfg.llmBaseUrl } : {}),
      });
    case 'groq':
      return openai.LLM.withGroq({
        apiKey: cfg.groqApiKey,
        model: cfg.llmModel ?? 'llama-3.3-70b-versatile',
        ...(cfg.llmBaseUrl ? { baseURL: cfg.llmBaseUrl } : {}),
      });
    case 'openai-compatible':
      // Ollama, vLLM and llama.cpp accept any bearer token; the SDK insists on one being set.
      return new openai.LLM({
        apiKey: cfg.openaiApiKey ?? 'not-needed',
        model: cfg.llmModel ?? 'default',
        baseURL: cfg.llmBaseUrl,
      });
    default:
      throw new ProviderConfigError([`LLM_PROVIDER: unknown provider "${cfg.llmProvider}"`]);
  }
}

export async function buildTts(cfg: ProviderConfig): Promise<tts.TTS> {
  switch (cfg.ttsProvider as TtsProviderName) {
    case 'local':
    case 'flite': {
      const local = await loadLocal();
      return new local.FliteTTS(cfg.ttsVoice ? { voice: cfg.ttsVoice } : {});
    }
    case 'piper': {
      const { PiperTTS } = await import('./local/piper-tts.js');
      const { isPiperVoiceName } = await import('./local/piper-voice.js');
      // TTS_VOICE may name another engine's voice (an override's "kal"): Piper then keeps its default.
      return new PiperTTS(cfg.ttsVoice && isPiperVoiceName(cfg.ttsVoice) ? { voice: cfg.ttsVoice } : {});
    }
    case 'espeak': {
      const local = await loadLocal();
      return new local.EspeakTTS(cfg.ttsVoice ? { voice: cfg.ttsVoice } : {});
    }
    case 'openai':
      return new openai.TTS({
        apiKey: cfg.openaiApiKey,
        model: cfg.ttsModel ?? 'gpt-4o-mini-tts',
        voice: (cfg.ttsVoice ?? 'alloy') as openai.TTSVoices,
        ...(cfg.ttsBaseUrl ? { baseURL: cfg.ttsBaseUrl } : {}),
      });
    case 'elevenlabs':
      return new elevenlabs.TTS({
        apiKey: cfg.elevenApiKey,
        ...(cfg.ttsModel ? { model: cfg.ttsModel } : {}),
        ...(cfg.ttsVoice ? { voiceId: cfg.ttsVoice } : {}),
        ...(cfg.ttsBaseUrl ? { baseURL: cfg.ttsBaseUrl } : {}),
      });
    default:
      throw new ProviderConfigError([`TTS_PROVIDER: unknown provider "${cfg.ttsProvider}"`]);
  }
}

/** Builds the three stages for one session; throws one error listing every problem. */
export async function buildProviders(cfg: ProviderConfig, createRuleInterviewer: () => llm.LLM): Promise<BuiltProviders> {
  assertProviders(cfg);
  const [sttInstance, ttsInstance] = await Promise.all([buildStt(cfg), buildTts(cfg)]);
  return {
    stt: sttInstance,
    llm: buildLlm(cfg, createRuleInterviewer),
    tts: ttsInstance,
    names: { stt: cfg.sttProvider, llm: cfg.llmProvider, tts: cfg.ttsProvider },
  };
}
