import { describe, expect, it } from 'vitest';
import {
  allowedStacks,
  defaultPriceTable,
  PROVIDERS,
  STACK_IDS,
  STACKS,
  stackAvailability,
  stackForProviders,
  stackProviders,
  usageCostUsd,
} from './stacks.js';

describe('stacks', () => {
  it('names only known providers that serve the stage each stack uses them for', () => {
    for (const id of STACK_IDS) {
      for (const [stage, provider] of Object.entries(stackProviders(STACKS[id]))) {
        expect(PROVIDERS[provider].stages, `${id} uses ${provider} for ${stage}`).toHaveProperty(stage);
      }
    }
  });

  it('reports the offline stacks available with no keys at all', () => {
    for (const id of ['offline', 'offline-neural', 'offline-classic', 'offline-espeak']) {
      expect(stackAvailability(id, {})).toEqual({ stackId: id, known: true, available: true, missingEnv: [] });
    }
  });

  it('lists every missing key name of a hosted stack, and counts blank values as unset', () => {
    expect(stackAvailability('deepgram-elevenlabs', { OPENAI_API_KEY: '  ', DEEPGRAM_API_KEY: 'dg' })).toEqual({
      stackId: 'deepgram-elevenlabs',
      known: true,
      available: false,
      missingEnv: ['OPENAI_API_KEY', 'ELEVEN_API_KEY'],
    });
    expect(stackAvailability('openai-realtime', { OPENAI_API_KEY: 'sk' }).available).toBe(true);
  });

  it('never reports a key value, only names', () => {
    const result = JSON.stringify(stackAvailability('openai', { OPENAI_API_KEY: 'sk-secret-value', GROQ_API_KEY: 'gsk-other' }));
    expect(result).not.toContain('sk-secret-value');
    expect(result).not.toContain('gsk-other');
  });

  it('refuses an unknown stack', () => {
    expect(stackAvailability('toString', {})).toEqual({ stackId: 'toString', known: false, available: false, missingEnv: [] });
  });

  it('allows every runnable stack when the operator sets no list', () => {
    const allowed = allowedStacks({ GROQ_API_KEY: 'gsk' });
    expect(allowed.available).toEqual(['offline', 'offline-neural', 'offline-classic', 'offline-espeak', 'groq']);
    expect(allowed.unavailable).toEqual([]);
  });

  it('keeps to the operator list, reporting listed stacks without keys and unknown names', () => {
    const allowed = allowedStacks({ INTERVIEW_STACKS: 'offline-neural, openai,nope,offline-neural' });
    expect(allowed.available).toEqual(['offline-neural']);
    expect(allowed.unavailable.map((u) => [u.stackId, u.missingEnv])).toEqual([['openai', ['OPENAI_API_KEY']]]);
    expect(allowed.unknown).toEqual(['nope']);
  });

  it('maps the per-stage env names, local included, to the stack they form', () => {
    expect(stackForProviders({ stt: 'local', llm: 'local', tts: 'local' })).toBe('offline');
    expect(stackForProviders({ stt: 'moonshine', llm: 'local', tts: 'piper' })).toBe('offline-neural');
    expect(stackForProviders({ stt: 'pocketsphinx', llm: 'local', tts: 'flite' })).toBe('offline-classic');
    expect(stackForProviders({ stt: 'deepgram', llm: 'groq', tts: 'flite' })).toBeNull();
  });

  it('prices usage per stage from the defaults, and from an operator table when given', () => {
    // One minute of audio on Deepgram, 1M prompt + 1M completion tokens on gpt-4.1-mini, 2k characters on ElevenLabs.
    const usage = { sttAudioSeconds: 60, llmPromptTokens: 1_000_000, llmCompletionTokens: 1_000_000, ttsCharacters: 2_000 };
    const cost = usageCostUsd('deepgram-elevenlabs', usage)!;
    expect(cost.byStage.stt).toBeCloseTo(0.0077, 6);
    expect(cost.byStage.llm).toBeCloseTo(2.0, 6);
    expect(cost.byStage.tts).toBeCloseTo(0.1, 6);
    expect(cost.total).toBeCloseTo(2.1077, 6);
    const custom = usageCostUsd('deepgram-elevenlabs', usage, { elevenlabs: { tts: { unit: 'thousand_characters', usd: 0.3 } } })!;
    expect(custom.byStage.tts).toBeCloseTo(0.6, 6);
    expect(usageCostUsd('offline-neural', usage)!.total).toBe(0);
    expect(usageCostUsd('openai-realtime', { realtimeAudioSeconds: 120 })!.byStage).toEqual({ realtime: 0.2 });
    expect(usageCostUsd('nope', usage)).toBeNull();
  });

  it('gives a default price table that is a copy, not the descriptors themselves', () => {
    const table = defaultPriceTable();
    table.openai!.stt!.usd = 99;
    expect(PROVIDERS.openai.stages.stt.price.usd).toBe(0.003);
  });
});
