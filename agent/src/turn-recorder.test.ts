import { llm } from '@livekit/agents';
import type { TurnInput, TurnMetricsInput } from '@mockroom/core';
import { describe, expect, it } from 'vitest';
import { TurnRecorder } from './turn-recorder.js';

/** Records what the recorder would post to the API. */
function fakeClient() {
  const turns: TurnInput[] = [];
  const metrics: TurnMetricsInput[] = [];
  return {
    turns,
    metrics,
    client: {
      postTurn: async (_id: string, t: TurnInput) => void turns.push(t),
      postMetrics: async (_id: string, m: TurnMetricsInput) => void metrics.push(m),
    },
  };
}

const T0 = 1_800_000_000;
const say = (role: 'user' | 'assistant', text: string, startedAt: number, stoppedAt: number, extra: llm.MetricsReport = {}) =>
  llm.ChatMessage.create({ role, content: text, metrics: { startedSpeakingAt: startedAt, stoppedSpeakingAt: stoppedAt, ...extra } });

describe('TurnRecorder metrics', () => {
  it('posts each reply with its stage latencies and the usage since the previous reply', async () => {
    const { client, metrics } = fakeClient();
    const rec = new TurnRecorder('iv', 'job', 0, client, () => null);
    rec.onMetrics({ type: 'stt_metrics', audioDurationMs: 2_500 });
    rec.onMetrics({ type: 'stt_metrics', audioDurationMs: 1_000 });
    rec.onMetrics({ type: 'eou_metrics', endOfUtteranceDelayMs: 400, transcriptionDelayMs: 120 });
    rec.onMetrics({ type: 'llm_metrics', ttftMs: 300, promptTokens: 900, completionTokens: 40 });
    rec.onMetrics({ type: 'llm_metrics', ttftMs: 999, promptTokens: 100, completionTokens: 10 });
    rec.onMetrics({ type: 'tts_metrics', ttfbMs: 200, charactersCount: 57, audioDurationMs: 3_200 });
    await rec.onItem(say('user', 'I led the migration.', T0, T0 + 3.5));
    await rec.onItem(say('assistant', 'What did you measure?', T0 + 4.6, T0 + 7.8, { e2eLatency: 1.1 }));

    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({
      endOfTurnDelayMs: 400,
      sttMs: 120,
      llmFirstTokenMs: 300,
      ttsFirstByteMs: 200,
      totalMs: 1_100,
      transportMs: 200,
      sttAudioSeconds: 3.5,
      llmPromptTokens: 1_000,
      llmCompletionTokens: 50,
      ttsCharacters: 57,
      ttsAudioSeconds: 3.2,
    });
    expect(metrics[0]).not.toHaveProperty('realtimeAudioSeconds');

    // The next reply carries only its own usage; a stage that reported nothing stays null.
    rec.onMetrics({ type: 'tts_metrics', ttfbMs: 150, charactersCount: 10, audioDurationMs: 900 });
    await rec.onItem(say('assistant', 'Thanks.', T0 + 20, T0 + 21));
    expect(metrics[1]).toMatchObject({ ttsCharacters: 10, sttAudioSeconds: null, llmPromptTokens: null });
    expect(metrics[1]!.transportMs).toBeUndefined();
  });

  it('counts the audio a realtime model heard and spoke, and its first token as the first-token latency', async () => {
    const { client, metrics } = fakeClient();
    const rec = new TurnRecorder('iv', 'job', 0, client, () => null, true);
    rec.onMetrics({ type: 'realtime_model_metrics', ttftMs: 450, inputTokens: 300, outputTokens: 120 });
    await rec.onItem(say('user', 'Hello there.', T0, T0 + 2));
    await rec.onItem(say('assistant', 'Hi, shall we start?', T0 + 2.5, T0 + 5.5));
    expect(metrics[0]).toMatchObject({ llmFirstTokenMs: 450, llmPromptTokens: 300, llmCompletionTokens: 120, realtimeAudioSeconds: 5 });
  });

  it('does not count a typed answer as audio the model heard', async () => {
    const { client, metrics, turns } = fakeClient();
    const rec = new TurnRecorder('iv', 'job', 0, client, () => null, true);
    rec.noteTyped('A typed answer');
    await rec.onItem(llm.ChatMessage.create({ role: 'user', content: 'A typed answer' }));
    await rec.onItem(say('assistant', 'Noted.', T0 + 1, T0 + 2));
    expect(turns[0]!.source).toBe('typed');
    expect(metrics[0]!.realtimeAudioSeconds).toBe(1);
  });
});
