/** eSpeak NG: an offline formant voice, in each job process through koffi. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const espeak: ProviderDescriptor = {
  info: PROVIDERS.espeak,
  names: { tts: ['espeak'] },
  engine: 'espeak',
  tts: async (cfg) => {
    const local = await import('./local/index.js');
    return new local.EspeakTTS(cfg.ttsVoice ? { voice: cfg.ttsVoice } : {});
  },
};
