import { describe, expect, it } from 'vitest';
import { capacityLevels, parseBenchArgs, UsageError } from './args.js';
import { GOALS, METRIC_IDS, emptySummary, machineInfo, missingMetrics, renderMarkdown, type BenchSummary } from './report.js';

const full: BenchSummary = {
  L1: { p50_ms: 420, p95_ms: 690, n: 120 },
  L2: { ratio: 0.62, stock_p50_ms: 680, stock_p95_ms: 900, stock_n: 100 },
  L4: { end_of_turn_p50_ms: 150, stt_p50_ms: 60, llm_first_token_p50_ms: 5, tts_first_byte_p50_ms: 80, agent_total_p50_ms: 300, transport_p50_ms: 40, n: 100 },
  L6: { p50_ms: 800, p95_ms: 1200, n: 12 },
  Q1: { rate: 0.2, false_cutoffs: 2, n: 10 },
  Q2: { p50_ms: 300, p95_ms: 450, n: 10, not_stopped: 0 },
  C1: { sessions: 10, single_p95_ms: 600, max_tried: 12 },
  C3: { p95_mb: 180, max_mb: 200, n: 10 },
  A1: { rps: 12_000, p99_ms: 8, ratio: 0.4, health_rps: 30_000 },
  A2: { rps: 2500, p99_ms: 20, commit_p99_ms: 30, agent_commit_p99_ms: 40, postgres: 1 },
};

describe('goals', () => {
  it('passes and fails on the thresholds from the issue', () => {
    expect(GOALS.L1.check(full.L1)).toBe(true);
    expect(GOALS.L1.check({ p50_ms: 451, p95_ms: 600 })).toBe(false);
    expect(GOALS.Q1.check(full.Q1)).toBe(false);
    expect(GOALS.A1.check({ rps: 12_000, p99_ms: 8, ratio: 0.2 })).toBe(false);
    expect(GOALS.Q2.check({ p50_ms: 100, p95_ms: 200, not_stopped: 1 })).toBe(false);
    // A2's commit goal uses the agent's real turns when the run had them.
    expect(GOALS.A2.check({ rps: 2500, p99_ms: 20, commit_p99_ms: 30, agent_commit_p99_ms: 4000 })).toBe(false);
    expect(GOALS.A2.check({ rps: 2500, p99_ms: 20, commit_p99_ms: 30, agent_commit_p99_ms: null })).toBe(true);
  });
  it('says n/a rather than pass when a field was not measured', () => {
    expect(GOALS.L1.check({ p50_ms: null, p95_ms: null, n: 0 })).toBeNull();
  });
});

describe('missingMetrics', () => {
  it('lists metric ids without a numeric field', () => {
    expect(missingMetrics(full)).toEqual([]);
    expect(missingMetrics({ ...full, C3: { p95_mb: null } })).toEqual(['C3']);
    expect(missingMetrics(emptySummary())).toEqual([...METRIC_IDS]);
  });
});

describe('renderMarkdown', () => {
  it('has a row per metric with goal, measurement and verdict, and the machine info', () => {
    const md = renderMarkdown({
      summary: full,
      machine: machineInfo(),
      settings: { STT_PROVIDER: 'local', AGENT_TURN_TUNING: 'tuned' },
      command: 'pnpm bench',
      startedAt: '2025-01-01T00:00:00Z',
      durationS: 60,
      notes: { Q1: ['recruiter started inside the pause twice'] },
      comparisons: [{ change: 'tuned endpointing', before: 'p50 680 ms', after: 'p50 420 ms' }],
    });
    for (const id of METRIC_IDS) expect(md).toMatch(new RegExp(`^\\| ${id} \\|`, 'm'));
    expect(md).toContain('| L1 | voice-to-voice latency | p50 ≤ 450 ms, p95 ≤ 700 ms | p50 420 ms, p95 690 ms (n=120) | pass |');
    expect(md).toContain('| Q1 | false cut-offs | ≤ 10 % | 20.0 % (2/10) | FAIL |');
    expect(md).toContain(`Node ${process.version}`);
    expect(md).toContain('STT_PROVIDER=local');
    expect(md).toContain('recruiter started inside the pause twice');
  });
});

describe('parseBenchArgs', () => {
  it('defaults to the full run and shrinks everything in quick mode', () => {
    const full = parseBenchArgs([]);
    expect(full.turns).toBe(100);
    expect(full.only.size).toBe(METRIC_IDS.length);
    const quick = parseBenchArgs(['--quick']);
    expect([quick.quick, quick.sessions]).toEqual([true, 2]);
    expect(quick.turns).toBeLessThan(10);
  });
  it('selects metrics with --only and rejects unknown ids and bad numbers', () => {
    expect([...parseBenchArgs(['--only', 'l1,A1']).only]).toEqual(['L1', 'A1']);
    expect(() => parseBenchArgs(['--only', 'Z9'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--turns', '0'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--stock-turns', 'x'])).toThrow(UsageError);
  });
  it('runs as many stock turns as tuned ones unless told otherwise', () => {
    expect(parseBenchArgs(['--turns', '40']).stockTurns).toBe(40);
    expect(parseBenchArgs(['--turns', '100', '--stock-turns', '50']).stockTurns).toBe(50);
  });
  it('ramps capacity 1, 2, 4, … up to the maximum', () => {
    expect(capacityLevels(12)).toEqual([1, 2, 4, 6, 8, 10, 12]);
    expect(capacityLevels(5)).toEqual([1, 2, 4, 5]);
    expect(capacityLevels(1)).toEqual([1]);
  });
});
