import { describe, expect, it } from 'vitest';
import { parseBenchArgs, parseDuration, UsageError } from './args.js';
import { classifySoakProc, renderSoakMarkdown, summarizeSoak, type RssSample } from './soak.js';
import type { SessionResult, TurnRow } from './voice.js';

function answer(replied: boolean, latencyMs = 1000): TurnRow {
  return {
    config: 'soak', level: 2, session: 0, interviewId: 'iv', kind: 'answer', text: 'x',
    speechStartAt: 0, speechEndAt: 1, recruiterOnsetAt: replied ? 1 + latencyMs : null, latencyMs: replied ? latencyMs : null, cutOff: false,
  };
}
function session(turns: TurnRow[], greeted = true): SessionResult {
  return { config: 'soak', level: 2, session: 0, interviewId: 'iv', greetingMs: greeted ? 900 : null, turns, stepsDone: turns.length, audioGaps: 0, recruiterLeft: false };
}

describe('soak', () => {
  it('parses durations and the --soak flag', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('0m')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    const opts = parseBenchArgs(['--soak', '10m']);
    expect(opts.soakMs).toBe(600_000);
    expect(opts.soakSessions).toBeNull();
    expect(parseBenchArgs(['--soak', '10m', '--sessions', '3']).soakSessions).toBe(3);
    expect(parseBenchArgs([]).soakMs).toBeNull();
    expect(() => parseBenchArgs(['--soak', 'later'])).toThrow(UsageError);
  });

  it('names the stack processes from their command lines', () => {
    expect(classifySoakProc('/repo/.tools/livekit-server --config x')).toBe('livekit-server');
    expect(classifySoakProc('node --import tsx api/src/index.ts')).toBe('api');
    expect(classifySoakProc('node --import tsx agent/src/main.ts start')).toBe('agent worker');
    expect(classifySoakProc('node .../job_proc_lazy_main.js agent')).toBe('job');
    expect(classifySoakProc('node .../inference_proc_lazy_main.js []')).toBe('inference');
  });

  it('counts answered turns and scales memory growth after the warm-up to an hour', () => {
    const samples: RssSample[] = [];
    // A 20-minute soak: the API grows from 100 MB (after the warm-up) to 105 MB; a job process comes and goes.
    for (let t = 0; t <= 1_200_000; t += 10_000) {
      const api = t < 180_000 ? 90 : 100 + (5 * (t - 180_000)) / (1_200_000 - 180_000);
      samples.push({ atMs: t, pid: 10, kind: 'api', rssKb: api * 1024 });
      if (t >= 300_000 && t <= 400_000) samples.push({ atMs: t, pid: 20, kind: 'job', rssKb: 300 * 1024 });
    }
    const s = summarizeSoak({
      durationMs: 1_200_000,
      sessions: 2,
      results: [session([answer(true, 800), answer(true, 1200), answer(false)]), session([], false), session([answer(true, 1000)])],
      samples,
      loads: [
        { atMs: 0, load1: 20 },
        { atMs: 10_000, load1: 24.5 },
        { atMs: 20_000, load1: 31 },
      ],
    });
    expect(s.loadMedian).toBe(24.5);
    expect(s.loadMax).toBe(31);
    // Two of the three interviews were greeted (900 ms each); the third got no recruiter.
    expect(s.greetingP50Ms).toBe(900);
    expect(s.answers).toBe(4);
    expect(s.answered).toBe(3);
    expect(s.turnSuccessRate).toBe(0.75);
    expect(s.interviews).toBe(3);
    expect(s.interviewsWithoutGreeting).toBe(1);
    expect(s.latencyP50Ms).toBe(1000);
    expect(s.processes).toHaveLength(1);
    const api = s.processes[0]!;
    expect(api.kind).toBe('api');
    expect(api.baselineMb).toBeCloseTo(100.1, 0);
    expect(api.endMb).toBeCloseTo(104.8, 0);
    // About +4.7 % over the 17-minute window → about 16–17 % per hour.
    expect(api.growthPctPerHour).toBeGreaterThan(15);
    expect(api.growthPctPerHour).toBeLessThan(18);
    expect(s.jobPeakEarlyMb).toBe(300);
    expect(s.jobPeakLateMb).toBeNull();
    const md = renderSoakMarkdown(s, { command: 'pnpm bench --soak 20m', startedAt: 'now', machine: '2 cores', settings: {} });
    expect(md).toContain('**75.00 %**');
    expect(md).toContain('median 24.5, highest 31');
    expect(md).toMatch(/\| api \| 10 \|/);
  });
});
