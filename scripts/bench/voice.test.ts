import { describe, expect, it } from 'vitest';
import { capacityTurnsPerBot, judgeLevel, planSteps, type SessionResult, type TurnRow } from './voice.js';

function session(latencies: (number | null)[], over: Partial<SessionResult> = {}): SessionResult {
  const turns = latencies.map(
    (latencyMs): TurnRow => ({
      config: 'tuned', level: 1, session: 0, interviewId: 'iv', kind: 'answer', text: 'x',
      speechStartAt: 0, speechEndAt: 1000, recruiterOnsetAt: latencyMs === null ? null : 1000 + latencyMs, latencyMs, cutOff: false,
    }),
  );
  return { config: 'tuned', level: 1, session: 0, interviewId: 'iv', greetingMs: 900, turns, stepsDone: turns.length, audioGaps: 0, recruiterLeft: false, ...over };
}

describe('planSteps', () => {
  it('keeps every answer and spreads paused answers and barge-ins after the first answer', () => {
    const steps = planSteps(10, 2, 2);
    expect(steps).toHaveLength(14);
    expect(steps.filter((s) => s === 'answer')).toHaveLength(10);
    expect(steps.filter((s) => s === 'paused')).toHaveLength(2);
    expect(steps.filter((s) => s === 'barge')).toHaveLength(2);
    expect(steps[0]).toBe('answer');
  });
  it('handles runs without answers or extras', () => {
    expect(planSteps(0, 0, 0)).toEqual([]);
    expect(planSteps(3, 0, 0)).toEqual(['answer', 'answer', 'answer']);
  });
});

describe('judgeLevel', () => {
  it('passes a level whose p95 stays within single + 100 ms', () => {
    const j = judgeLevel(4, [session([400, 420, 450]), session([430, 440, 460])], 420);
    expect(j.ok).toBe(true);
    expect(j.n).toBe(6);
  });
  it('fails on latency growth, refused dispatch, dropped audio or missing replies', () => {
    expect(judgeLevel(4, [session([400, 900])], 420).reason).toMatch(/p95 .* > single/);
    expect(judgeLevel(4, [session([400]), session([], { greetingMs: null })], 420).reason).toMatch(/refused/);
    expect(judgeLevel(4, [session([400], { audioGaps: 3 })], 420).reason).toMatch(/gap/);
    expect(judgeLevel(4, [session([400, null])], 420).reason).toMatch(/without a reply/);
  });
});

describe('capacityTurnsPerBot', () => {
  it('gives every level at least the minimum number of samples, and each bot at least its minimum', () => {
    expect(capacityTurnsPerBot(2, 5, 20)).toBe(10);
    expect(capacityTurnsPerBot(3, 5, 20)).toBe(7);
    expect(capacityTurnsPerBot(8, 5, 20)).toBe(5);
    expect(capacityTurnsPerBot(2, 2, 0)).toBe(2);
  });
});
