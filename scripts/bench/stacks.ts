/**
 * `pnpm bench --stacks a,b,…`: the same voice benchmark (bot candidates speaking the Flite
 * corpus, timing the recruiter's audio) once per provider stack, on one stack of services whose
 * allow-list (INTERVIEW_STACKS) holds exactly those stacks; each interview picks its stack when
 * it is created, as a candidate does on the pre-call page. Per stack: client voice-to-voice
 * latency (L1), the agent's stage latencies and cost read back from the API's metrics route (what
 * the report page shows), then one comparison table in bench/results/stacks.md (quick:
 * stacks-quick.md) with the raw numbers in the JSON beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, startStack, type Stack } from '../lib/stack.js';
import type { BenchOptions } from './args.js';
// Core's stack data by path, as this harness reaches the tests' API client (no workspace dependency).
import { workerSettingsMissing } from '../../core/src/stack-worker.js';
import { isStackId, STACKS } from '../../core/src/stacks.js';
import { ApiClient } from './bot.js';
import type { MachineInfo } from './report.js';
import { percentile, round } from './stats.js';
import { planSteps, runSequential, type Corpus, type SessionResult } from './voice.js';
import type { Rtc } from './deps.js';

/** A candidate client whose interviews run on one stack (the API refuses one it cannot run). */
export class StackClient extends ApiClient {
  constructor(
    apiUrl: string,
    readonly stack: string,
  ) {
    super(apiUrl);
  }

  override async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const withStack = method === 'POST' && path === '/api/interviews' && body && typeof body === 'object' ? { ...body, stack: this.stack } : body;
    return super.ok<T>(method, path, withStack);
  }
}

/** The parts of GET /api/interviews/{id}/metrics the table uses. */
export interface StoredMetrics {
  stack: { id: string; name: string } | null;
  durationMinutes: number | null;
  turns: { endOfTurnDelayMs: number | null; sttMs: number | null; llmFirstTokenMs: number | null; ttsFirstByteMs: number | null; transportMs: number | null; totalMs: number | null }[];
  cost: { totalUsd: number; perMinuteUsd: number | null; missingUsage: string[] } | null;
}

export interface StackRun {
  stackId: string;
  name: string;
  sessions: SessionResult[];
  metrics: StoredMetrics[];
  error?: string;
}

export interface StackRow {
  stack: string;
  name: string;
  answers: number;
  noReply: number;
  cutOffs: number;
  l1P50Ms: number | null;
  l1P95Ms: number | null;
  /** p50 of each agent stage over every measured reply (ms). */
  endOfTurnP50Ms: number | null;
  sttP50Ms: number | null;
  llmP50Ms: number | null;
  ttsP50Ms: number | null;
  transportP50Ms: number | null;
  agentTotalP50Ms: number | null;
  agentTotalP95Ms: number | null;
  replies: number;
  costUsd: number | null;
  minutes: number | null;
  costPerMinuteUsd: number | null;
  error: string | null;
}

const p = (xs: (number | null)[], q: number) => round(percentile(xs.filter((x): x is number => x !== null), q));

/** One table row from a stack's sessions (client timing) and stored metrics (agent stages, cost). */
export function toStackRow(run: StackRun): StackRow {
  const answers = run.sessions.flatMap((s) => s.turns.filter((t) => t.kind === 'answer'));
  const turns = run.metrics.flatMap((m) => m.turns);
  const minutes = run.metrics.reduce<number | null>((a, m) => (m.durationMinutes === null ? a : (a ?? 0) + m.durationMinutes), null);
  const costs = run.metrics.map((m) => m.cost?.totalUsd ?? null);
  const costUsd = costs.length && costs.every((c) => c !== null) ? costs.reduce<number>((a, c) => a + (c ?? 0), 0) : null;
  return {
    stack: run.stackId,
    name: run.name,
    answers: answers.length,
    noReply: answers.filter((t) => t.recruiterOnsetAt === null).length,
    cutOffs: answers.filter((t) => t.cutOff).length,
    l1P50Ms: p(answers.map((t) => t.latencyMs), 50),
    l1P95Ms: p(answers.map((t) => t.latencyMs), 95),
    endOfTurnP50Ms: p(turns.map((t) => t.endOfTurnDelayMs), 50),
    sttP50Ms: p(turns.map((t) => t.sttMs), 50),
    llmP50Ms: p(turns.map((t) => t.llmFirstTokenMs), 50),
    ttsP50Ms: p(turns.map((t) => t.ttsFirstByteMs), 50),
    transportP50Ms: p(turns.map((t) => t.transportMs), 50),
    agentTotalP50Ms: p(turns.map((t) => t.totalMs), 50),
    agentTotalP95Ms: p(turns.map((t) => t.totalMs), 95),
    replies: turns.length,
    costUsd: costUsd === null ? null : Math.round(costUsd * 1e6) / 1e6,
    minutes: minutes === null ? null : round(minutes, 2),
    costPerMinuteUsd: costUsd !== null && minutes ? Math.round((costUsd / minutes) * 1e6) / 1e6 : null,
    error: run.error ?? null,
  };
}

const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)}`);
const usd = (v: number | null) => (v === null ? '—' : v === 0 ? '$0' : `$${v.toFixed(5)}`);

export interface StacksReport {
  rows: StackRow[];
  command: string;
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  quick: boolean;
  turnsPerStack: number;
  /** The worker's own provider settings during the run (each interview's stack overrides them). */
  workerEnv?: Record<string, string>;
}

/** The comparison as Markdown: one row per stack, milliseconds unless marked. */
export function renderStacksMarkdown(r: StacksReport): string {
  const lines = [
    `# Provider stacks compared (${r.quick ? 'quick' : 'full'} run)`,
    '',
    `\`${r.command}\` · ${r.startedAt} · ${Math.round(r.durationS)} s · ${r.machine.cores} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}, load average at start ${r.machine.loadAverage.join(' / ')}`,
    '',
    `${r.turnsPerStack} spoken answers per stack, one stack after another on the same services${r.workerEnv && Object.keys(r.workerEnv).length ? ` (worker: ${Object.entries(r.workerEnv).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}. L1: end of the bot's speech → first recruiter audio, measured by the bot. Stages: p50 of the agent's per-reply metrics as stored by the API (GET /api/interviews/{id}/metrics); transport = the agent's end-to-end minus its stages. Cost from the price table (offline stacks have no fee).`,
    '',
    '| stack | answers | L1 p50 | L1 p95 | end of turn | STT | LLM first token | TTS first audio | transport | agent total p50 / p95 | replies measured | cost | per minute | no reply / cut off |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const x of r.rows) {
    lines.push(
      `| ${x.name} (\`${x.stack}\`) | ${x.answers} | ${ms(x.l1P50Ms)} | ${ms(x.l1P95Ms)} | ${ms(x.endOfTurnP50Ms)} | ${ms(x.sttP50Ms)} | ${ms(x.llmP50Ms)} | ${ms(x.ttsP50Ms)} | ${ms(x.transportP50Ms)} | ${ms(x.agentTotalP50Ms)} / ${ms(x.agentTotalP95Ms)} | ${x.replies} | ${usd(x.costUsd)} | ${usd(x.costPerMinuteUsd)} | ${x.noReply} / ${x.cutOffs} |`,
    );
  }
  const failed = r.rows.filter((x) => x.error);
  if (failed.length) lines.push('', ...failed.map((x) => `- \`${x.stack}\`: ${x.error}`));
  lines.push('', 'Times in milliseconds; — where nothing was measured.');
  return `${lines.join('\n')}\n`;
}

/** Worker settings (`TTS_PROVIDER=piper`) the requested stacks need; unknown ids need none (the API refuses them). */
export function workerSettingsFor(stacks: string[]): Record<string, string> {
  return workerSettingsOf(stacks.map((id) => ({ missingEnv: isStackId(id) ? workerSettingsMissing(STACKS[id], {}) : [] })));
}

export function workerSettingsOf(stacks: { missingEnv: string[] }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of stacks) {
    for (const m of s.missingEnv) {
      const match = /^(STT_PROVIDER|TTS_PROVIDER)=([a-z0-9-]+)$/.exec(m);
      if (match) out[match[1]!] = match[2]!;
    }
  }
  return out;
}

export interface RunStacksOptions {
  rtc: Rtc;
  apiUrl: string;
  corpus: Corpus;
  stacks: string[];
  turns: number;
  log: (line: string) => void;
  /** Runs before each stack's interviews (benchStacks restarts the worker there). */
  beforeStack?: (index: number) => Promise<void>;
}

/** Runs the voice benchmark once per stack, one after another (each on an idle worker). */
export async function runStacks(o: RunStacksOptions): Promise<StackRun[]> {
  const lister = new ApiClient(o.apiUrl);
  await lister.signUp();
  const offered = await lister.ok<{ stacks: { id: string; name: string; available: boolean; missingEnv: string[] }[] }>('GET', '/api/stacks');
  const runs: StackRun[] = [];
  for (const [index, stackId] of o.stacks.entries()) {
    const info = offered.stacks.find((s) => s.id === stackId);
    if (!info || !info.available) {
      const why = !info ? 'no such stack' : info.missingEnv.length ? `not runnable here: needs ${info.missingEnv.join(', ')}` : 'not offered';
      o.log(`stack ${stackId}: ${why}`);
      runs.push({ stackId, name: info?.name ?? stackId, sessions: [], metrics: [], error: why });
      continue;
    }
    await o.beforeStack?.(index);
    o.log(`stack ${stackId}: ${o.turns} answers …`);
    const client = new StackClient(o.apiUrl, stackId);
    await client.signUp();
    const sessions = await runSequential({ rtc: o.rtc, apiUrl: o.apiUrl, client, config: stackId, level: 1, corpus: o.corpus, steps: planSteps(o.turns, 0, 0), seed: 0, log: o.log });
    // The last reply's metrics are posted as its turn commits; give them a moment to land.
    await new Promise((res) => setTimeout(res, 1500));
    const metrics: StoredMetrics[] = [];
    for (const s of sessions) {
      if (s.interviewId) metrics.push(await client.ok<StoredMetrics>('GET', `/api/interviews/${s.interviewId}/metrics`));
    }
    const wrong = metrics.find((m) => m.stack?.id !== stackId);
    const failed = sessions.find((s) => s.error)?.error;
    runs.push({ stackId, name: info.name, sessions, metrics, ...(wrong ? { error: `an interview ran on ${wrong.stack?.id ?? 'no stack'}` } : failed ? { error: failed } : {}) });
  }
  return runs;
}

/** Between stacks: the previous interview's job ends and the worker is idle again. */
const WORKER_SETTLE_MS = 8_000;

/**
 * The whole `--stacks` run: the services with INTERVIEW_STACKS set to the requested stacks, the
 * voice runs, the table and JSON. Returns the exit code: non-zero when a stack measured nothing.
 */
export async function benchStacks(o: {
  opts: BenchOptions;
  command: string;
  machine: MachineInfo;
  loadRtc: () => Rtc;
  buildCorpus: () => Promise<Corpus>;
  log: (line: string) => void;
}): Promise<number> {
  const stacks = o.opts.stacks ?? [];
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const rtc = o.loadRtc();
  const corpus = await o.buildCorpus();
  // Quick mode: a few answers per stack (the default --turns of a quick run is 3).
  const turns = o.opts.turns;
  let stack: Stack | null = null;
  const cleanUp = async () => {
    await stack?.stop().catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', () => void cleanUp());
  process.once('SIGTERM', () => void cleanUp());
  let runs: StackRun[];
  let agentLog: string | undefined;
  let workerEnv: Record<string, string> = {};
  try {
    // A stack on an engine of the worker's shared inference process (Piper, Moonshine) needs the
    // worker configured with it (core/src/stack-worker.ts, the rule the API applies).
    // One prewarmed job process per stack (and a spare), started with the worker: on a loaded
    // machine a job process started mid-run can miss the framework's 10 s start-up limit, and the
    // stack measured after it would have no recruiter at all.
    const env: Record<string, string> = {
      INTERVIEW_STACKS: stacks.join(','),
      AGENT_TURN_TUNING: 'tuned',
      AGENT_IDLE_PROCESSES: String(Math.min(8, stacks.length + 1)),
      ...workerSettingsFor(stacks),
    };
    stack = await startStack({ agent: true, env });
    o.log(`stack up: API ${stack.apiUrl}; stacks ${stacks.join(', ')}, ${turns} answers each; worker ${env.STT_PROVIDER ?? 'STT default'}, ${env.TTS_PROVIDER ?? 'TTS default'}`);
    workerEnv = { STT_PROVIDER: env.STT_PROVIDER ?? 'local', TTS_PROVIDER: env.TTS_PROVIDER ?? 'local' };
    // The previous stack's job closes and the worker settles before the next stack's first call.
    const beforeStack = async (index: number) => {
      if (index > 0) await new Promise((res) => setTimeout(res, WORKER_SETTLE_MS));
    };
    runs = await runStacks({ rtc, apiUrl: stack.apiUrl, corpus, stacks, turns, log: o.log, beforeStack });
    // When a stack measured nothing, the agent's log says why; it goes into the JSON beside the table.
    if (runs.some((r) => r.error || r.metrics.every((m) => m.turns.length === 0))) agentLog = stack.logs('agent').slice(-30_000);
  } finally {
    await stack?.stop().catch(() => undefined);
  }
  const rows = runs.map(toStackRow);
  const report: StacksReport = { rows, command: o.command, startedAt, durationS: (performance.now() - started) / 1000, machine: o.machine, quick: o.opts.quick, turnsPerStack: turns, workerEnv };
  const outDir = resolve(REPO_ROOT, o.opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const base = o.opts.quick ? 'stacks-quick' : 'stacks';
  const markdown = renderStacksMarkdown(report);
  writeFileSync(join(outDir, `${base}.md`), markdown);
  writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify({ ...report, runs, ...(agentLog ? { agentLog } : {}) }, null, 2)}\n`);
  console.log(`\n${markdown}`);
  o.log(`wrote ${join(o.opts.outDir, `${base}.md`)} and ${base}.json`);
  const empty = rows.filter((r) => r.answers === 0 || r.l1P50Ms === null || r.replies === 0);
  if (empty.length) o.log(`not measured: ${empty.map((r) => r.stack).join(', ')}`);
  return empty.length ? 1 : 0;
}
