/** Piper: the offline neural voice (docs/decisions/013), held once by the worker's inference process. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const piper: ProviderDescriptor = {
  info: PROVIDERS.piper,
  names: { tts: ['piper'] },
  engine: 'piper',
  tts: async (cfg) => {
    const { PiperTTS } = await import('./local/piper-tts.js');
    const { isPiperVoiceName } = await import('./local/piper-voice.js');
    // TTS_VOICE may name another engine's voice (an override's "kal"): Piper then keeps its default.
    return new PiperTTS(cfg.ttsVoice && isPiperVoiceName(cfg.ttsVoice) ? { voice: cfg.ttsVoice } : {});
  },
};
