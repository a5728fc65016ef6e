import { describe, expect, it } from 'vitest';
import { workerSettingsMissing } from './stack-worker.js';
import { STACKS } from './stacks.js';

describe('workerSettingsMissing', () => {
  it("asks for the worker's TTS to be Piper for the Piper stack, and nothing for engines a job loads itself", () => {
    expect(workerSettingsMissing(STACKS['offline-neural'], {})).toEqual(['TTS_PROVIDER=piper']);
    expect(workerSettingsMissing(STACKS['offline-neural'], { STT_PROVIDER: 'local', TTS_PROVIDER: 'piper' })).toEqual([]);
    expect(workerSettingsMissing(STACKS.offline, {})).toEqual([]);
    expect(workerSettingsMissing(STACKS.offline, { STT_PROVIDER: 'pocketsphinx' })).toEqual(['STT_PROVIDER=moonshine']);
    expect(workerSettingsMissing(STACKS['offline-classic'], { STT_PROVIDER: 'deepgram', TTS_PROVIDER: 'elevenlabs' })).toEqual([]);
    expect(workerSettingsMissing(STACKS['openai-realtime'], {})).toEqual([]);
  });
});
