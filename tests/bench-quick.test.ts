/**
 * The benchmark's CI smoke: `pnpm bench --quick` runs the whole harness against a real stack
 * (a few turns, two simultaneous interviews, short load runs) so it cannot rot. Goals are not
 * asserted here — they live in the report — only that every metric was measured.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/lib/stack.js';
import { METRIC_IDS, missingMetrics } from '../scripts/bench/report.js';

// A few minutes on an idle 2-core machine; generous because CI machines are shared.
const QUICK_RUN_TIMEOUT_MS = 570_000;

function runQuick(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/main.ts', '--quick'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm bench --quick', () => {
  it(
    'measures every metric against the local stack and writes quick.json and the table',
    async () => {
      const { code, output } = await runQuick();
      expect(code, output.slice(-4000)).toBe(0);
      const summary = JSON.parse(readFileSync(join(REPO_ROOT, 'bench/results/quick.json'), 'utf8')) as Record<string, Record<string, unknown>>;
      expect(Object.keys(summary).sort()).toEqual([...METRIC_IDS].sort());
      expect(missingMetrics(summary as never)).toEqual([]);
      expect(summary.L1!.n).toBeGreaterThan(0);
      expect(summary.A1!.rps).toBeGreaterThan(0);
      const table = readFileSync(join(REPO_ROOT, 'bench/results/quick.md'), 'utf8');
      for (const id of METRIC_IDS) expect(table).toMatch(new RegExp(`^\\| ${id} \\|`, 'm'));
      expect(table).toMatch(/Machine: \d+ cores/);
      // Progress lines while it runs.
      expect(output).toMatch(/\[bench +\d+ s\] tuned:/);
    },
    QUICK_RUN_TIMEOUT_MS,
  );
});
