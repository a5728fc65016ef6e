/** Flite: the offline default voice (`local`), in each job process through koffi. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const flite: ProviderDescriptor = {
  info: PROVIDERS.flite,
  names: { tts: ['flite', 'local'] },
  engine: 'flite',
  tts: async (cfg) => {
    const local = await import('./local/index.js');
    return new local.FliteTTS(cfg.ttsVoice ? { voice: cfg.ttsVoice } : {});
  },
};
