/**
 * The voice providers and the named stacks an interview may run on, as data: what each provider
 * is (vendor, stages, hosted or in-process, the environment variables it needs, output sample
 * rate, list price) and which providers each stack combines. Browser-safe and I/O-free, so the
 * API (allow-list, refusal before a call, cost), the web (stack picker) and the bench import it
 * without the agent's adapters; the agent's descriptors (agent/src/providers/<vendor>.ts) build
 * the adapters for these same ids. Prices are defaults for a configurable price table: list
 * prices as published by each vendor for the default model, USD, rounded; an operator's own
 * table overrides them.
 */
import { z } from 'zod';

export const STAGES = ['stt', 'llm', 'tts', 'realtime'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * What a stage's price is counted in. `audio_minute`: minutes of audio the stage hears (STT) or
 * of the call (realtime); `thousand_characters`: text sent to TTS; `million_tokens`: LLM tokens,
 * `usd` for prompt and `outputUsd` for completion tokens; `none`: runs on the worker, no fee.
 */
export const PRICE_UNITS = ['audio_minute', 'thousand_characters', 'million_tokens', 'none'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export interface Price {
  unit: PriceUnit;
  usd: number;
  /** million_tokens only: completion tokens, when priced apart from prompt tokens. */
  outputUsd?: number;
}

export interface StageOffer {
  /** The model used when STT_MODEL / LLM_MODEL / TTS_MODEL is unset; null when the provider has one fixed model. */
  defaultModel: string | null;
  /** The rate of the audio the adapter emits (TTS, realtime) or decodes at (STT); null for text-only stages. */
  sampleRateHz: number | null;
  /** Whether the adapter streams (STT: interim results over one connection; TTS: audio per sentence as text arrives). */
  streaming: boolean;
  price: Price;
}

export type Hosting = 'hosted' | 'in-process';

export interface ProviderInfo {
  id: string;
  name: string;
  vendor: string;
  /** `in-process`: runs on the agent's own machine (job process or the worker's inference process), no network. */
  hosting: Hosting;
  /** Environment variables that must be set (non-empty) for this provider to be selectable. */
  envKeys: readonly string[];
  stages: Partial<Record<Stage, StageOffer>>;
}

const FREE: Price = { unit: 'none', usd: 0 };

export const PROVIDERS = {
  moonshine: {
    id: 'moonshine',
    name: 'Moonshine base',
    vendor: 'Useful Sensors',
    hosting: 'in-process',
    envKeys: [],
    stages: { stt: { defaultModel: 'moonshine-base', sampleRateHz: 16_000, streaming: true, price: FREE } },
  },
  pocketsphinx: {
    id: 'pocketsphinx',
    name: 'PocketSphinx',
    vendor: 'CMU Sphinx',
    hosting: 'in-process',
    envKeys: [],
    stages: { stt: { defaultModel: 'en-us', sampleRateHz: 16_000, streaming: true, price: FREE } },
  },
  rules: {
    id: 'rules',
    name: 'Rule-based interviewer',
    vendor: 'Mockroom',
    hosting: 'in-process',
    envKeys: [],
    stages: { llm: { defaultModel: null, sampleRateHz: null, streaming: true, price: FREE } },
  },
  piper: {
    id: 'piper',
    name: 'Piper',
    vendor: 'Rhasspy',
    hosting: 'in-process',
    envKeys: [],
    stages: { tts: { defaultModel: 'piper-en_US-joe-medium', sampleRateHz: 24_000, streaming: true, price: FREE } },
  },
  flite: {
    id: 'flite',
    name: 'Flite',
    vendor: 'CMU',
    hosting: 'in-process',
    envKeys: [],
    stages: { tts: { defaultModel: 'kal', sampleRateHz: 24_000, streaming: true, price: FREE } },
  },
  espeak: {
    id: 'espeak',
    name: 'eSpeak NG',
    vendor: 'eSpeak NG',
    hosting: 'in-process',
    envKeys: [],
    stages: { tts: { defaultModel: 'en-us', sampleRateHz: 24_000, streaming: true, price: FREE } },
  },
  openai: {
    id: 'openai',
    name: 'OpenAI',
    vendor: 'OpenAI',
    hosting: 'hosted',
    envKeys: ['OPENAI_API_KEY'],
    stages: {
      // gpt-4o-mini-transcribe over the realtime transcription websocket: $0.003 per minute.
      stt: { defaultModel: 'gpt-4o-mini-transcribe', sampleRateHz: 24_000, streaming: true, price: { unit: 'audio_minute', usd: 0.003 } },
      // gpt-4.1-mini: $0.40 / $1.60 per million prompt / completion tokens.
      llm: { defaultModel: 'gpt-4.1-mini', sampleRateHz: null, streaming: true, price: { unit: 'million_tokens', usd: 0.4, outputUsd: 1.6 } },
      // Speech priced per character as tts-1 is ($15 per million characters); gpt-4o-mini-tts lands near it.
      tts: { defaultModel: 'gpt-4o-mini-tts', sampleRateHz: 24_000, streaming: false, price: { unit: 'thousand_characters', usd: 0.015 } },
      // gpt-realtime audio tokens, blended over a conversation: about $0.10 per call minute.
      realtime: { defaultModel: 'gpt-realtime', sampleRateHz: 24_000, streaming: true, price: { unit: 'audio_minute', usd: 0.1 } },
    },
  },
  groq: {
    id: 'groq',
    name: 'Groq',
    vendor: 'Groq',
    hosting: 'hosted',
    envKeys: ['GROQ_API_KEY'],
    stages: {
      // whisper-large-v3-turbo: $0.04 per hour.
      stt: { defaultModel: 'whisper-large-v3-turbo', sampleRateHz: 16_000, streaming: false, price: { unit: 'audio_minute', usd: 0.00067 } },
      // llama-3.3-70b-versatile: $0.59 / $0.79 per million tokens.
      llm: { defaultModel: 'llama-3.3-70b-versatile', sampleRateHz: null, streaming: true, price: { unit: 'million_tokens', usd: 0.59, outputUsd: 0.79 } },
    },
  },
  'openai-compatible': {
    id: 'openai-compatible',
    name: 'OpenAI-compatible endpoint',
    vendor: 'self-hosted (Ollama, vLLM, llama.cpp)',
    hosting: 'hosted',
    envKeys: ['LLM_BASE_URL', 'LLM_MODEL'],
    stages: { llm: { defaultModel: null, sampleRateHz: null, streaming: true, price: FREE } },
  },
  deepgram: {
    id: 'deepgram',
    name: 'Deepgram',
    vendor: 'Deepgram',
    hosting: 'hosted',
    envKeys: ['DEEPGRAM_API_KEY'],
    // nova-3 streaming, pay as you go: $0.0077 per minute.
    stages: { stt: { defaultModel: 'nova-3', sampleRateHz: 16_000, streaming: true, price: { unit: 'audio_minute', usd: 0.0077 } } },
  },
  elevenlabs: {
    id: 'elevenlabs',
    name: 'ElevenLabs',
    vendor: 'ElevenLabs',
    hosting: 'hosted',
    envKeys: ['ELEVEN_API_KEY'],
    // Flash / Turbo models through the API: $0.05 per thousand characters.
    stages: { tts: { defaultModel: 'eleven_flash_v2_5', sampleRateHz: 22_050, streaming: true, price: { unit: 'thousand_characters', usd: 0.05 } } },
  },
} as const satisfies Record<string, ProviderInfo>;

export type ProviderId = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

/**
 * What `local` means per stage in STT_PROVIDER / LLM_PROVIDER / TTS_PROVIDER (the offline
 * default with no keys): Moonshine, the rule interviewer and Flite.
 */
export const LOCAL_PROVIDER: { stt: 'moonshine'; llm: 'rules'; tts: 'flite' } = { stt: 'moonshine', llm: 'rules', tts: 'flite' };

export interface PipelineStack {
  id: string;
  name: string;
  description: string;
  kind: 'pipeline';
  stt: ProviderId;
  llm: ProviderId;
  tts: ProviderId;
}

/** One speech-to-speech model instead of STT → LLM → TTS. */
export interface RealtimeStack {
  id: string;
  name: string;
  description: string;
  kind: 'realtime';
  realtime: ProviderId;
}

export type StackInfo = PipelineStack | RealtimeStack;

export const STACKS = {
  offline: {
    id: 'offline',
    name: 'Offline (default)',
    description: 'Moonshine STT, the rule-based interviewer and Flite: what `local` means, no keys, no network.',
    kind: 'pipeline',
    stt: 'moonshine',
    llm: 'rules',
    tts: 'flite',
  },
  'offline-neural': {
    id: 'offline-neural',
    name: 'Offline neural',
    description: 'Moonshine STT, the rule-based interviewer and the Piper neural voice.',
    kind: 'pipeline',
    stt: 'moonshine',
    llm: 'rules',
    tts: 'piper',
  },
  'offline-classic': {
    id: 'offline-classic',
    name: 'Offline classic',
    description: 'PocketSphinx STT, the rule-based interviewer and Flite: the lightest on CPU and memory.',
    kind: 'pipeline',
    stt: 'pocketsphinx',
    llm: 'rules',
    tts: 'flite',
  },
  'offline-espeak': {
    id: 'offline-espeak',
    name: 'Offline eSpeak',
    description: 'PocketSphinx STT, the rule-based interviewer and eSpeak NG.',
    kind: 'pipeline',
    stt: 'pocketsphinx',
    llm: 'rules',
    tts: 'espeak',
  },
  openai: {
    id: 'openai',
    name: 'OpenAI',
    description: 'OpenAI transcription, gpt-4.1-mini and OpenAI speech.',
    kind: 'pipeline',
    stt: 'openai',
    llm: 'openai',
    tts: 'openai',
  },
  groq: {
    id: 'groq',
    name: 'Groq with Piper',
    description: 'Groq Whisper, a Llama model on Groq and the offline Piper voice.',
    kind: 'pipeline',
    stt: 'groq',
    llm: 'groq',
    tts: 'piper',
  },
  'deepgram-elevenlabs': {
    id: 'deepgram-elevenlabs',
    name: 'Deepgram, OpenAI, ElevenLabs',
    description: 'Deepgram streaming STT, gpt-4.1-mini and ElevenLabs streaming speech.',
    kind: 'pipeline',
    stt: 'deepgram',
    llm: 'openai',
    tts: 'elevenlabs',
  },
  'openai-realtime': {
    id: 'openai-realtime',
    name: 'OpenAI realtime (speech to speech)',
    description: 'One OpenAI realtime model hears and speaks; no separate STT or TTS.',
    kind: 'realtime',
    realtime: 'openai',
  },
} as const satisfies Record<string, StackInfo>;

export type StackId = keyof typeof STACKS;
export const STACK_IDS = Object.keys(STACKS) as StackId[];
export const StackIdSchema = z.enum(STACK_IDS as [StackId, ...StackId[]]);

/**
 * The operator's allow-list: a comma-separated list of stack ids. Unset or empty: every stack
 * whose keys are configured.
 */
export const STACKS_ENV = 'INTERVIEW_STACKS';

export function isStackId(value: string): value is StackId {
  return Object.hasOwn(STACKS, value);
}

export function getStack(id: string): StackInfo | null {
  return isStackId(id) ? STACKS[id] : null;
}

/** The providers a stack runs, one per stage it uses. */
export function stackProviders(stack: StackInfo): Partial<Record<Stage, ProviderId>> {
  return stack.kind === 'realtime' ? { realtime: stack.realtime } : { stt: stack.stt, llm: stack.llm, tts: stack.tts };
}

export interface StackAvailability {
  stackId: string;
  known: boolean;
  available: boolean;
  /** Environment variable names that must be set for the stack to run; never their values. */
  missingEnv: string[];
}

type EnvLike = Readonly<Record<string, string | undefined>>;

function isSet(env: EnvLike, name: string): boolean {
  const v = env[name];
  return typeof v === 'string' && v.trim() !== '';
}

/** Whether a stack can run under an environment: known, and every key its providers need is set. */
export function stackAvailability(stackId: string, env: EnvLike): StackAvailability {
  const stack = getStack(stackId);
  if (!stack) return { stackId, known: false, available: false, missingEnv: [] };
  const needed = new Set<string>();
  for (const id of Object.values(stackProviders(stack))) for (const key of PROVIDERS[id].envKeys) needed.add(key);
  const missingEnv = [...needed].filter((k) => !isSet(env, k));
  return { stackId, known: true, available: missingEnv.length === 0, missingEnv };
}

export interface AllowedStacks {
  /** Allowed by the operator and runnable under env, in STACKS order. */
  available: StackId[];
  /** Allowed by the operator but not runnable now (a key missing), with what is missing. */
  unavailable: StackAvailability[];
  /** Names in the allow-list that are not stacks (a typo): reported, never offered. */
  unknown: string[];
}

/** The stacks an interview may choose under an environment (INTERVIEW_STACKS and the provider keys). */
export function allowedStacks(env: EnvLike): AllowedStacks {
  const raw = env[STACKS_ENV];
  const listed = isSet(env, STACKS_ENV)
    ? [...new Set(raw!.split(',').map((s) => s.trim()).filter((s) => s !== ''))]
    : null;
  const unknown = listed ? listed.filter((s) => !isStackId(s)) : [];
  const candidates = STACK_IDS.filter((id) => listed === null || listed.includes(id));
  const checks = candidates.map((id) => stackAvailability(id, env));
  return {
    available: checks.filter((c) => c.available).map((c) => c.stackId as StackId),
    // Unset allow-list: a stack without its keys is not something the operator asked for.
    unavailable: listed === null ? [] : checks.filter((c) => !c.available),
    unknown,
  };
}

/**
 * The stack a set of per-stage provider names amounts to (names as STT_PROVIDER etc. take them,
 * `local` included), or null when no stack combines them: lets the worker's env default be
 * reported under a stack id.
 */
export function stackForProviders(names: { stt: string; llm: string; tts: string }): StackId | null {
  const resolve = (stage: 'stt' | 'llm' | 'tts', name: string) => (name === 'local' ? LOCAL_PROVIDER[stage] : name);
  const stt = resolve('stt', names.stt);
  const llm = resolve('llm', names.llm);
  const tts = resolve('tts', names.tts);
  for (const id of STACK_IDS) {
    const s: StackInfo = STACKS[id];
    if (s.kind === 'pipeline' && s.stt === stt && s.llm === llm && s.tts === tts) return id;
  }
  return null;
}

/** Usage of one turn or one interview, as the agent posts it per turn (all optional: a stage may not report). */
export interface StageUsage {
  sttAudioSeconds?: number | null;
  llmPromptTokens?: number | null;
  llmCompletionTokens?: number | null;
  ttsCharacters?: number | null;
  /** Realtime stacks: seconds of the conversation the model heard and spoke. */
  realtimeAudioSeconds?: number | null;
}

export type PriceTable = Partial<Record<ProviderId, Partial<Record<Stage, Price>>>>;

/** The default price table (each provider's list price per stage), for an operator's table to override. */
export function defaultPriceTable(): PriceTable {
  const table: PriceTable = {};
  for (const id of PROVIDER_IDS) {
    const stages: ProviderInfo['stages'] = PROVIDERS[id].stages;
    const row: Partial<Record<Stage, Price>> = {};
    for (const stage of STAGES) {
      const offer = stages[stage];
      if (offer) row[stage] = { ...offer.price };
    }
    table[id] = row;
  }
  return table;
}

function priceOf(table: PriceTable, provider: ProviderId, stage: Stage): Price | null {
  const stages: ProviderInfo['stages'] = PROVIDERS[provider].stages;
  return table[provider]?.[stage] ?? stages[stage]?.price ?? null;
}

function costAt(price: Price | null, amount: number | null | undefined, outputAmount?: number | null): number {
  if (!price || price.unit === 'none') return 0;
  const n = amount ?? 0;
  switch (price.unit) {
    case 'audio_minute':
      return (n / 60) * price.usd;
    case 'thousand_characters':
      return (n / 1000) * price.usd;
    case 'million_tokens':
      return (n * price.usd + (outputAmount ?? 0) * (price.outputUsd ?? price.usd)) / 1_000_000;
  }
}

/** Cost in USD of some usage on a stack, per stage and in total; prices from `table`, else the defaults. */
export function usageCostUsd(
  stackId: string,
  usage: StageUsage,
  table: PriceTable = {},
): { total: number; byStage: Partial<Record<Stage, number>> } | null {
  const stack = getStack(stackId);
  if (!stack) return null;
  const p = stackProviders(stack);
  const byStage: Partial<Record<Stage, number>> = {};
  if (p.stt) byStage.stt = costAt(priceOf(table, p.stt, 'stt'), usage.sttAudioSeconds);
  if (p.llm) byStage.llm = costAt(priceOf(table, p.llm, 'llm'), usage.llmPromptTokens, usage.llmCompletionTokens);
  if (p.tts) byStage.tts = costAt(priceOf(table, p.tts, 'tts'), usage.ttsCharacters);
  if (p.realtime) byStage.realtime = costAt(priceOf(table, p.realtime, 'realtime'), usage.realtimeAudioSeconds);
  const total = Object.values(byStage).reduce((a, b) => a + b, 0);
  return { total, byStage };
}
