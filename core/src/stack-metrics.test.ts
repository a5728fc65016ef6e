import { describe, expect, it } from 'vitest';
import { compareStacks, costOf, minutesBetween, percentile, stageLatencies, usageTotals, type TurnMetricsRow } from './stack-metrics.js';
import { defaultPriceTable } from './stacks.js';

function row(over: Partial<TurnMetricsRow> = {}): TurnMetricsRow {
  return {
    endOfTurnDelayMs: null,
    sttMs: null,
    llmFirstTokenMs: null,
    ttsFirstByteMs: null,
    transportMs: null,
    totalMs: null,
    sttAudioSeconds: null,
    llmPromptTokens: null,
    llmCompletionTokens: null,
    ttsCharacters: null,
    ttsAudioSeconds: null,
    ...over,
  };
}

describe('percentile', () => {
  it('interpolates between the closest ranks and is null for no samples', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBeCloseTo(95.5);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('stageLatencies', () => {
  it('gives p50 and p95 per stage over the turns that reported it', () => {
    const rows = [row({ sttMs: 100, totalMs: 900 }), row({ sttMs: 300, totalMs: 1100 }), row({ sttMs: null, totalMs: 1000 })];
    const byStage = Object.fromEntries(stageLatencies(rows).map((s) => [s.stage, s]));
    expect(byStage.stt).toMatchObject({ p50Ms: 200, n: 2 });
    expect(byStage.total).toMatchObject({ p50Ms: 1000, p95Ms: 1090, n: 3 });
    expect(byStage.transport).toMatchObject({ p50Ms: null, p95Ms: null, n: 0 });
  });
});

describe('costOf', () => {
  const prices = defaultPriceTable();

  it('prices hosted usage from the table: STT per minute, LLM per million tokens, TTS per thousand characters', () => {
    // deepgram-elevenlabs: Deepgram $0.0077/min, gpt-4.1-mini $0.40/$1.60 per M tokens, ElevenLabs $0.05 per 1k chars.
    const rows = [row({ sttAudioSeconds: 60, llmPromptTokens: 1_000_000, llmCompletionTokens: 0, ttsCharacters: 1000 }), row({ sttAudioSeconds: 60, llmCompletionTokens: 500_000, ttsCharacters: 1000 })];
    const cost = costOf('deepgram-elevenlabs', rows, prices, 4)!;
    expect(cost.byStage.stt).toBeCloseTo(0.0154);
    expect(cost.byStage.llm).toBeCloseTo(0.4 + 0.8);
    expect(cost.byStage.tts).toBeCloseTo(0.1);
    expect(cost.totalUsd).toBeCloseTo(1.3154);
    expect(cost.perMinuteUsd).toBeCloseTo(1.3154 / 4);
    expect(cost.missingUsage).toEqual([]);
  });

  it('uses an operator price over the default', () => {
    const table = { ...prices, deepgram: { stt: { unit: 'audio_minute' as const, usd: 1 } } };
    expect(costOf('deepgram-elevenlabs', [row({ sttAudioSeconds: 120 })], table, null)!.byStage.stt).toBe(2);
  });

  it('costs nothing on an offline stack, and names priced stages whose usage no turn reported', () => {
    expect(costOf('offline', [row({ sttAudioSeconds: 30, ttsCharacters: 400 })], prices, 2)).toMatchObject({ totalUsd: 0, perMinuteUsd: 0, missingUsage: [] });
    expect(costOf('openai', [row({ llmPromptTokens: 10 })], prices, null)!.missingUsage).toEqual(['stt', 'tts']);
    expect(costOf('no-such-stack', [], prices, null)).toBeNull();
  });
});

describe('usageTotals', () => {
  it('sums what each turn reported', () => {
    expect(usageTotals([row({ ttsCharacters: 10, sttAudioSeconds: 1.25 }), row({ ttsCharacters: 5 })])).toMatchObject({ ttsCharacters: 15, sttAudioSeconds: 1.25, llmPromptTokens: 0 });
  });
});

describe('compareStacks', () => {
  it('groups interviews by stack, with cost per minute over the interviews of known length only', () => {
    const prices = defaultPriceTable();
    const rows = compareStacks(
      [
        { stackId: 'offline', minutes: 2, rows: [row({ totalMs: 800 }), row({ totalMs: 1200 })] },
        { stackId: 'offline-classic', minutes: 3, rows: [row({ totalMs: 500 })] },
        { stackId: 'deepgram-elevenlabs', minutes: 1, rows: [row({ sttAudioSeconds: 60, llmPromptTokens: 0, ttsCharacters: 0 })] },
        { stackId: 'deepgram-elevenlabs', minutes: null, rows: [row({ sttAudioSeconds: 60, llmPromptTokens: 0, ttsCharacters: 0 })] },
        { stackId: null, minutes: 1, rows: [row({ totalMs: 5 })] },
      ],
      prices,
    );
    expect(rows.map((r) => r.stackId)).toEqual(['deepgram-elevenlabs', 'offline', 'offline-classic']);
    const dg = rows[0]!;
    expect(dg).toMatchObject({ interviews: 2, turns: 2, minutes: 1 });
    expect(dg.costUsd).toBeCloseTo(0.0154);
    expect(dg.costPerMinuteUsd).toBeCloseTo(0.0077);
    expect(rows[1]!.stages.find((s) => s.stage === 'total')).toMatchObject({ p50Ms: 1000, n: 2 });
  });
});

describe('minutesBetween', () => {
  it('is null when an end is missing or before the start', () => {
    expect(minutesBetween(new Date(0), new Date(90_000))).toBe(1.5);
    expect(minutesBetween(new Date(0), null)).toBeNull();
    expect(minutesBetween(new Date(10), new Date(0))).toBeNull();
  });
});
