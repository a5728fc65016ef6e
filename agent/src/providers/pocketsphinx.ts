/** PocketSphinx: the light offline STT, in each job process through koffi. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const pocketsphinx: ProviderDescriptor = {
  info: PROVIDERS.pocketsphinx,
  names: { stt: ['pocketsphinx'] },
  engine: 'pocketsphinx',
  stt: async () => {
    const local = await import('./local/index.js');
    return new local.PocketSphinxSTT();
  },
};
