/** Deepgram: streaming STT over its live websocket (`recognize` posts to the same /v1/listen). */
import * as deepgramPlugin from '@livekit/agents-plugin-deepgram';
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const deepgram: ProviderDescriptor = {
  info: PROVIDERS.deepgram,
  names: { stt: ['deepgram'] },
  stt: async (cfg) =>
    new deepgramPlugin.STT({
      apiKey: cfg.deepgramApiKey,
      model: (cfg.sttModel ?? PROVIDERS.deepgram.stages.stt.defaultModel) as deepgramPlugin.STTModels,
      ...(cfg.sttBaseUrl ? { baseUrl: cfg.sttBaseUrl } : {}),
    }),
};
