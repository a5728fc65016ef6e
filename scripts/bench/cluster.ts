/**
 * `pnpm bench --cluster`: C1 (most simultaneous interviews whose voice-to-voice p95 stays within
 * 100 ms of one interview's, no refused dispatch) on the loopback cluster against a single node in
 * the same run, with the same CPU per node: the single node's livekit-server, API and agent worker
 * pinned to core 0; in the cluster, livekit-1 and agent-1 pinned to core 0, livekit-2 and agent-2
 * to core 1 (taskset; job processes inherit their worker's affinity). The bot candidates, and the
 * cluster's API instances, balancer, Redis and PostgreSQL, are not pinned: on a 2-core machine
 * they share the same two cores, which is why this machine cannot show the cluster's full gain
 * (docs/decisions/020). Writes bench/results/cluster.md (quick: cluster-quick.md) and the JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startCluster } from '../cluster-stack.js';
import { REPO_ROOT, startStack } from '../lib/stack.js';
import { capacityLevels, type BenchOptions } from './args.js';
import { ApiClient } from './bot.js';
import type { Rtc } from './deps.js';
import type { MachineInfo } from './report.js';
import { capacityTurnsPerBot, judgeLevel, planSteps, runConversation, type CapacityLevel, type Corpus, type SessionResult } from './voice.js';

/** Answers per bot at each level (quick: a smoke run), and the fewest latencies a level is judged on. */
const TURNS = { quick: 2, full: 5 };
const MIN_SAMPLES = 20;

export interface ModeResult {
  mode: 'single node' | 'cluster';
  levels: CapacityLevel[];
  c1: number;
  /** Rooms per livekit node id over the whole ramp (cluster only). */
  roomsPerNode: Record<string, number>;
  loadAtStart: number;
  loadAtEnd: number;
  error?: string;
}

/** C1 of a ramp: the highest level that passed. */
export function c1Of(levels: CapacityLevel[]): number {
  return levels.filter((l) => l.ok).reduce((m, l) => Math.max(m, l.level), 0);
}

/** Cluster C1 ÷ single-node C1, null when the single node reached nothing. */
export function scaling(single: ModeResult, cluster: ModeResult): number | null {
  return single.c1 > 0 ? Math.round((cluster.c1 / single.c1) * 100) / 100 : null;
}

export function renderClusterMarkdown(r: { command: string; startedAt: string; machine: MachineInfo; single: ModeResult; cluster: ModeResult }): string {
  const ratio = scaling(r.single, r.cluster);
  const row = (m: ModeResult) =>
    `| ${m.mode} | ${m.c1} | ${m.levels.map((l) => `${l.level}: p95 ${l.p95Ms === null ? '—' : Math.round(l.p95Ms)} ms ${l.ok ? 'ok' : `FAIL (${l.reason})`}`).join('; ') || '—'} | ${m.loadAtStart.toFixed(1)} → ${m.loadAtEnd.toFixed(1)} | ${Object.values(m.roomsPerNode).join(' / ') || '—'} |`;
  return `# Cluster vs single node (C1)

\`${r.command}\` · ${r.startedAt} · ${r.machine.cores} cores (${r.machine.cpuModel}), Node ${r.machine.node}

Single node: livekit-server, API and agent worker pinned to core 0. Cluster: livekit-1 + agent-1 on core 0, livekit-2 + agent-2
on core 1; the API instances, haproxy, Redis, PostgreSQL and the bot candidates unpinned (they share both cores).

| mode | C1 | levels (voice-to-voice p95) | load average (1 min) start → end | rooms per node |
| --- | --- | --- | --- | --- |
${row(r.single)}
${row(r.cluster)}

Scaling (cluster C1 ÷ single-node C1): ${ratio === null ? 'not computable (the single node reached no level)' : `${ratio}×`}.
${[r.single, r.cluster].filter((m) => m.error).map((m) => `\n- ${m.mode}: ${m.error}`).join('')}
Why this machine cannot show the cluster's ≥ 1.8×: it has two cores. The single node gets one core for its SFU, API and
worker; the cluster's two node sets get one core each, so the cluster already uses the whole machine, and the bots
(which speak and time every answer), the second API instance, the balancer, Redis and PostgreSQL have no core of their
own — they take from both node sets, more as the level rises. The machine is also shared with other work (load above).
The projection: on machines where each node set has its own cores and the bots run elsewhere, C1 grows with the
number of node sets times the single-node C1 (LiveKit places rooms on the node with the fewest, jobs go to the least
loaded worker: no shared resource on the call path besides Redis's few messages per room and the API's few requests
per turn).
`;
}

function pin(pids: number[], cpu: number): void {
  for (const pid of pids) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    } catch {
      /* the process ended between listing and pinning */
    }
  }
}

async function ramp(o: { url: string; rtc: Rtc; corpus: Corpus; opts: BenchOptions; mode: string; log: (l: string) => void }): Promise<{ levels: CapacityLevel[]; sessions: SessionResult[] }> {
  const levels: CapacityLevel[] = [];
  const all: SessionResult[] = [];
  let single: number | null = null;
  for (const level of capacityLevels(o.opts.sessions)) {
    const turns = o.opts.quick ? TURNS.quick : capacityTurnsPerBot(level, TURNS.full, MIN_SAMPLES);
    o.log(`${o.mode}: ${level} simultaneous interview(s), ${turns} answers each …`);
    const sessions = await Promise.all(
      Array.from({ length: level }, async (_, i) => {
        const client = new ApiClient(o.url);
        await client.signUp();
        return runConversation({ rtc: o.rtc, apiUrl: o.url, client, config: o.mode, level, session: i, corpus: o.corpus, steps: planSteps(turns, 0, 0), seed: i * 3, log: o.log });
      }),
    );
    all.push(...sessions);
    const judged = judgeLevel(level, sessions, single);
    single ??= judged.p95Ms;
    levels.push(judged);
    o.log(`  ${o.mode} level ${level}: p95 ${Math.round(judged.p95Ms ?? NaN)} ms, n=${judged.n} → ${judged.reason}`);
    if (!judged.ok) break;
  }
  return { levels, sessions: all };
}

export async function benchCluster(o: {
  opts: BenchOptions;
  command: string;
  machine: MachineInfo;
  loadRtc: () => Rtc;
  buildCorpus: () => Promise<Corpus>;
  log: (line: string) => void;
}): Promise<number> {
  const startedAt = new Date().toISOString();
  const rtc = o.loadRtc();
  const corpus = await o.buildCorpus();
  const env = { AGENT_MAX_JOBS: String(Math.max(2, o.opts.sessions)) };
  const raw: Record<string, unknown> = { command: o.command, startedAt, machine: o.machine };

  const single: ModeResult = { mode: 'single node', levels: [], c1: 0, roomsPerNode: {}, loadAtStart: loadavg()[0]!, loadAtEnd: 0 };
  const stack = await startStack({ env });
  try {
    pin(stack.processIds(), 0);
    const r = await ramp({ url: stack.apiUrl, rtc, corpus, opts: o.opts, mode: 'single node', log: o.log });
    single.levels = r.levels;
    raw.single = r.sessions;
  } catch (err) {
    single.error = String(err instanceof Error ? err.message : err).slice(0, 300);
  } finally {
    single.loadAtEnd = loadavg()[0]!;
    await stack.stop();
  }
  single.c1 = c1Of(single.levels);

  const cluster: ModeResult = { mode: 'cluster', levels: [], c1: 0, roomsPerNode: {}, loadAtStart: loadavg()[0]!, loadAtEnd: 0 };
  const c = await startCluster({ env, autoRestart: false });
  try {
    pin([...c.processGroup('livekit-1'), ...c.processGroup('agent-1')], 0);
    pin([...c.processGroup('livekit-2'), ...c.processGroup('agent-2')], 1);
    const r = await ramp({ url: c.url, rtc, corpus, opts: o.opts, mode: 'cluster', log: o.log });
    cluster.levels = r.levels;
    raw.cluster = r.sessions;
    const nodes = await c.roomNodes();
    for (const node of Object.values(nodes)) cluster.roomsPerNode[node] = (cluster.roomsPerNode[node] ?? 0) + 1;
  } catch (err) {
    cluster.error = String(err instanceof Error ? err.message : err).slice(0, 300);
  } finally {
    cluster.loadAtEnd = loadavg()[0]!;
    await c.stop(5_000);
  }
  cluster.c1 = c1Of(cluster.levels);

  const outDir = resolve(REPO_ROOT, o.opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const name = o.opts.quick ? 'cluster-quick' : 'cluster';
  writeFileSync(join(outDir, `${name}.md`), renderClusterMarkdown({ command: o.command, startedAt, machine: o.machine, single, cluster }));
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ ...raw, summary: { single, cluster, scaling: scaling(single, cluster) } }, null, 2));
  o.log(`single node C1 ${single.c1}, cluster C1 ${cluster.c1} → ${join(o.opts.outDir, `${name}.md`)}`);
  return 0;
}
