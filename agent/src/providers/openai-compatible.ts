/** Any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp) at LLM_BASE_URL with LLM_MODEL. */
import * as openaiPlugin from '@livekit/agents-plugin-openai';
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const openaiCompatible: ProviderDescriptor = {
  info: PROVIDERS['openai-compatible'],
  names: { llm: ['openai-compatible'] },
  llm: (cfg) =>
    // Ollama, vLLM and llama.cpp accept any bearer token; the SDK insists on one being set.
    new openaiPlugin.LLM({ apiKey: cfg.openaiApiKey ?? 'not-needed', model: cfg.llmModel ?? 'default', baseURL: cfg.llmBaseUrl }),
};
