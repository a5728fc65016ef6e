/**
 * OpenAI: transcription, chat completions, speech, and the realtime speech-to-speech model, each
 * through the framework's openai plugin. A base URL per stage points a stage at another
 * OpenAI-protocol server (the conformance fakes use it).
 */
import * as openaiPlugin from '@livekit/agents-plugin-openai';
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

const offer = PROVIDERS.openai.stages;

export const openai: ProviderDescriptor = {
  info: PROVIDERS.openai,
  names: { stt: ['openai'], llm: ['openai'], tts: ['openai'] },
  stt: async (cfg) =>
    new openaiPlugin.STT({
      apiKey: cfg.openaiApiKey,
      model: cfg.sttModel ?? offer.stt.defaultModel,
      ...(cfg.sttBaseUrl ? { baseURL: cfg.sttBaseUrl } : {}),
    }),
  llm: (cfg) =>
    new openaiPlugin.LLM({
      apiKey: cfg.openaiApiKey,
      model: cfg.llmModel ?? offer.llm.defaultModel,
      ...(cfg.llmBaseUrl ? { baseURL: cfg.llmBaseUrl } : {}),
    }),
  tts: async (cfg) =>
    new openaiPlugin.TTS({
      apiKey: cfg.openaiApiKey,
      model: cfg.ttsModel ?? offer.tts.defaultModel,
      voice: (cfg.ttsVoice ?? 'alloy') as openaiPlugin.TTSVoices,
      ...(cfg.ttsBaseUrl ? { baseURL: cfg.ttsBaseUrl } : {}),
    }),
  realtime: async (cfg) =>
    new openaiPlugin.realtime.RealtimeModel({
      apiKey: cfg.openaiApiKey,
      model: offer.realtime.defaultModel,
      ...(cfg.realtimeBaseUrl ? { baseURL: cfg.realtimeBaseUrl } : {}),
    }),
};
