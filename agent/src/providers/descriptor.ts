/**
 * The shape of one provider's descriptor: its data from core (vendor, stages, keys, sample rate,
 * price: core/src/stacks.ts, which the API and web read) and how the agent builds its adapter for
 * each stage. One file per vendor in this folder exports one descriptor; registry.ts lists them.
 */
import type { llm, stt, tts } from '@livekit/agents';
import type { ProviderInfo, Stage } from '@mockroom/core/stacks';

/** What the registry reads from the environment (see env.ts for the variable names). */
export interface ProviderConfig {
  sttProvider: string;
  llmProvider: string;
  ttsProvider: string;
  /** Set only by a realtime stack: one speech-to-speech model instead of the three stages above. */
  realtimeProvider?: string;
  /** The named stack (core/src/stacks.ts) these providers form, when they form one; for metrics. */
  stack?: string | null;
  sttModel?: string;
  llmModel?: string;
  ttsModel?: string;
  ttsVoice?: string;
  sttBaseUrl?: string;
  llmBaseUrl?: string;
  ttsBaseUrl?: string;
  realtimeBaseUrl?: string;
  openaiApiKey?: string;
  groqApiKey?: string;
  deepgramApiKey?: string;
  elevenApiKey?: string;
}

/** The configuration field each environment variable a descriptor requires is read into. */
export const ENV_FIELD: Record<string, keyof ProviderConfig> = {
  OPENAI_API_KEY: 'openaiApiKey',
  GROQ_API_KEY: 'groqApiKey',
  DEEPGRAM_API_KEY: 'deepgramApiKey',
  ELEVEN_API_KEY: 'elevenApiKey',
  LLM_BASE_URL: 'llmBaseUrl',
  LLM_MODEL: 'llmModel',
};

/** Which in-process engines a provider runs, so the worker prewarms or registers only those. */
export type LocalEngine = 'pocketsphinx' | 'flite' | 'espeak' | 'moonshine' | 'piper';

export interface BuildContext {
  /** The rule-based interviewer, which is the session's LLM when LLM_PROVIDER=local. */
  createRuleInterviewer: () => llm.LLM;
}

export interface ProviderDescriptor {
  info: ProviderInfo;
  /**
   * The names STT_PROVIDER / LLM_PROVIDER / TTS_PROVIDER take for this provider, first the one
   * the rest of the agent knows it by (the rule interviewer is `local`).
   */
  names: Partial<Record<Exclude<Stage, 'realtime'>, readonly string[]>>;
  engine?: LocalEngine;
  stt?: (cfg: ProviderConfig) => Promise<stt.STT>;
  llm?: (cfg: ProviderConfig, ctx: BuildContext) => llm.LLM;
  tts?: (cfg: ProviderConfig) => Promise<tts.TTS>;
  realtime?: (cfg: ProviderConfig) => Promise<llm.RealtimeModel>;
}
