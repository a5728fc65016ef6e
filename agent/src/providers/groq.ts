/** Groq: Whisper transcription and Llama chat over Groq's OpenAI-compatible API (the openai plugin's withGroq). */
import * as openaiPlugin from '@livekit/agents-plugin-openai';
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

const offer = PROVIDERS.groq.stages;

export const groq: ProviderDescriptor = {
  info: PROVIDERS.groq,
  names: { stt: ['groq'], llm: ['groq'] },
  stt: async (cfg) =>
    openaiPlugin.STT.withGroq({
      apiKey: cfg.groqApiKey,
      model: cfg.sttModel ?? offer.stt.defaultModel,
      ...(cfg.sttBaseUrl ? { baseURL: cfg.sttBaseUrl } : {}),
    }),
  llm: (cfg) =>
    openaiPlugin.LLM.withGroq({
      apiKey: cfg.groqApiKey,
      model: cfg.llmModel ?? offer.llm.defaultModel,
      ...(cfg.llmBaseUrl ? { baseURL: cfg.llmBaseUrl } : {}),
    }),
};
