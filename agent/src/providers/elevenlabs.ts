/** ElevenLabs: streaming speech over its multi-stream websocket, or one HTTP stream per `synthesize`. */
import * as elevenlabsPlugin from '@livekit/agents-plugin-elevenlabs';
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const elevenlabs: ProviderDescriptor = {
  info: PROVIDERS.elevenlabs,
  names: { tts: ['elevenlabs'] },
  tts: async (cfg) =>
    new elevenlabsPlugin.TTS({
      apiKey: cfg.elevenApiKey,
      // Core's default (priced in core/src/stacks.ts) rather than the plugin's own.
      model: cfg.ttsModel ?? PROVIDERS.elevenlabs.stages.tts.defaultModel,
      ...(cfg.ttsVoice ? { voiceId: cfg.ttsVoice } : {}),
      ...(cfg.ttsBaseUrl ? { baseURL: cfg.ttsBaseUrl } : {}),
    }),
};
