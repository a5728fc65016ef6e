/** Moonshine base: the offline default STT (`local`), served by the worker's shared inference process. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const moonshine: ProviderDescriptor = {
  info: PROVIDERS.moonshine,
  names: { stt: ['moonshine', 'local'] },
  engine: 'moonshine',
  stt: async () => {
    const { MoonshineSTT } = await import('./local/moonshine-stt.js');
    return new MoonshineSTT();
  },
};
