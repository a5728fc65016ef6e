import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.js';
import { c1Of, renderClusterMarkdown, scaling, type ModeResult } from './cluster.js';
import type { CapacityLevel } from './voice.js';

const level = (n: number, ok: boolean, p95: number | null = 900): CapacityLevel => ({
  level: n,
  ok,
  p95Ms: p95,
  p50Ms: p95,
  n: 20,
  refused: 0,
  audioGaps: 0,
  cutOffs: 0,
  reason: ok ? 'ok' : 'p95 over single + 100 ms',
});
const mode = (m: ModeResult['mode'], levels: CapacityLevel[], rooms: Record<string, number> = {}): ModeResult => ({ mode: m, levels, c1: c1Of(levels), roomsPerNode: rooms, loadAtStart: 12.5, loadAtEnd: 20 });

describe('bench --cluster', () => {
  it('is chosen by --cluster and keeps --quick and --sessions', () => {
    const o = parseBenchArgs(['--cluster', '--quick', '--sessions', '4']);
    expect([o.cluster, o.quick, o.sessions]).toEqual([true, true, 4]);
    expect(parseBenchArgs([]).cluster).toBe(false);
  });

  it('takes C1 as the highest level that passed and the scaling as the cluster over the single node', () => {
    const single = mode('single node', [level(1, true), level(2, true), level(4, false)]);
    const cluster = mode('cluster', [level(1, true), level(2, true), level(4, true), level(6, false)]);
    expect([single.c1, cluster.c1]).toEqual([2, 4]);
    expect(scaling(single, cluster)).toBe(2);
    expect(scaling(mode('single node', [level(1, false)]), cluster)).toBeNull();
  });

  it('reports both modes, the rooms per node, the load and why a 2-core machine cannot show the gain', () => {
    const md = renderClusterMarkdown({
      command: 'pnpm bench --cluster --quick',
      startedAt: '2026-11-29T19:00:00.000Z',
      machine: { cores: 2, cpuModel: 'test cpu', node: 'v20', memoryGb: 23.5, os: 'linux', loadAverage: [12.5, 10, 8] },
      single: mode('single node', [level(1, true), level(2, false)]),
      cluster: mode('cluster', [level(1, true), level(2, true)], { ND_a: 2, ND_b: 1 }),
    });
    expect(md).toContain('| single node | 1 |');
    expect(md).toContain('| cluster | 2 |');
    expect(md).toContain('2 / 1');
    expect(md).toContain('12.5 → 20.0');
    expect(md).toContain('Scaling (cluster C1 ÷ single-node C1): 2×');
    expect(md).toMatch(/cannot show the cluster's ≥ 1.8×: it has two cores/);
  });
});
