import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './args.js';
import { renderStacksMarkdown, toStackRow, workerSettingsFor, workerSettingsOf, type StackRun } from './stacks.js';
import type { SessionResult, TurnRow } from './voice.js';

function answer(latencyMs: number | null, over: Partial<TurnRow> = {}): TurnRow {
  return {
    config: 'x', level: 1, session: 0, interviewId: 'iv', kind: 'answer', text: 'a',
    speechStartAt: 0, speechEndAt: 1000, recruiterOnsetAt: latencyMs === null ? null : 1000 + latencyMs, latencyMs, cutOff: false, ...over,
  } as TurnRow;
}

function session(turns: TurnRow[]): SessionResult {
  return { config: 'x', level: 1, session: 0, interviewId: 'iv', greetingMs: 900, turns, stepsDone: turns.length, audioGaps: 0, recruiterLeft: false };
}

const stage = (totalMs: number, transportMs: number | null = 80) => ({ endOfTurnDelayMs: 500, sttMs: 120, llmFirstTokenMs: 5, ttsFirstByteMs: 150, transportMs, totalMs });

describe('toStackRow', () => {
  it('combines the bot-measured latency with the stored stage metrics and cost', () => {
    const run: StackRun = {
      stackId: 'offline-classic',
      name: 'Offline classic',
      sessions: [session([answer(800), answer(1000), answer(null)])],
      metrics: [
        { stack: { id: 'offline-classic', name: 'Offline classic' }, durationMinutes: 2, turns: [stage(700), stage(900, null)], cost: { totalUsd: 0, perMinuteUsd: 0, missingUsage: [] } },
      ],
    };
    const row = toStackRow(run);
    expect(row).toMatchObject({ answers: 3, noReply: 1, l1P50Ms: 900, agentTotalP50Ms: 800, transportP50Ms: 80, replies: 2, costUsd: 0, minutes: 2, costPerMinuteUsd: 0, error: null });
  });

  it('leaves cost unknown when an interview has no price and renders dashes for what was not measured', () => {
    const row = toStackRow({ stackId: 'openai', name: 'OpenAI', sessions: [], metrics: [], error: 'not runnable here: needs OPENAI_API_KEY' });
    expect(row).toMatchObject({ answers: 0, l1P50Ms: null, costUsd: null });
    const md = renderStacksMarkdown({
      rows: [row],
      command: 'pnpm bench --stacks openai',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationS: 3,
      machine: { cores: 2, cpuModel: 'cpu', memoryGb: 4, node: 'v22', os: 'linux', loadAverage: [1, 1, 1] },
      quick: true,
      turnsPerStack: 3,
    });
    expect(md).toContain('| OpenAI (`openai`) | 0 | — | — |');
    expect(md).toContain('- `openai`: not runnable here: needs OPENAI_API_KEY');
  });
});

describe('--stacks', () => {
  it('takes a comma-separated list of stack ids, once each', () => {
    expect(parseBenchArgs(['--stacks', 'offline, offline-classic,offline']).stacks).toEqual(['offline', 'offline-classic']);
    expect(parseBenchArgs([]).stacks).toBeNull();
    expect(() => parseBenchArgs(['--stacks', ','])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--stacks', 'Offline!'])).toThrow(/not a stack id/);
  });
});

describe('workerSettingsOf', () => {
  it('takes the worker settings a stack lacks, never a key', () => {
    expect(workerSettingsOf([{ missingEnv: ['TTS_PROVIDER=piper'] }, { missingEnv: ['OPENAI_API_KEY'] }, { missingEnv: [] }])).toEqual({ TTS_PROVIDER: 'piper' });
    expect(workerSettingsFor(['offline', 'offline-neural', 'offline-classic'])).toEqual({ TTS_PROVIDER: 'piper' });
    expect(workerSettingsFor(['offline', 'no-such-stack'])).toEqual({});
  });
});
