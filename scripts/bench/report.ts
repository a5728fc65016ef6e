/**
 * The benchmark's report: every metric id from issue 7 with its goal, the summary written to
 * bench/results/latest.json (metric id → numeric fields), and the Markdown table. Pure except
 * machineInfo(), which reads the host.
 */
import { cpus, totalmem, release, platform, loadavg } from 'node:os';

export const METRIC_IDS = ['L1', 'L2', 'L4', 'L6', 'Q1', 'Q2', 'C1', 'C3', 'A1', 'A2'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Numeric fields per metric; null where the run could not measure it (the note says why). */
export type MetricFields = Record<string, number | null>;
export type BenchSummary = Record<MetricId, MetricFields>;

export interface Goal {
  name: string;
  definition: string;
  goal: string;
  /** true/false when the fields decide it; null when a needed field is missing. */
  check(f: MetricFields): boolean | null;
  /** The measured value as the table shows it. */
  show(f: MetricFields): string;
}

const num = (v: number | null | undefined, unit = '', digits = 0): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(digits)}${unit}`;

const all = (...xs: (number | null | undefined)[]): boolean => xs.every((x) => typeof x === 'number' && Number.isFinite(x));

function within(f: MetricFields, limits: [key: string, op: '<=' | '>=', limit: number][]): boolean | null {
  if (!all(...limits.map(([k]) => f[k]))) return null;
  return limits.every(([k, op, limit]) => (op === '<=' ? f[k]! <= limit : f[k]! >= limit));
}

/** How L1 and L6 show their latency samples. */
const showLatencyPercentiles = (f: MetricFields): string => `p50 ${num(f.p50_ms, ' ms')}, p95 ${num(f.p95_ms, ' ms')} (n=${num(f.n)})`;

export const GOALS: Record<MetricId, Goal> = {
  L1: {
    name: 'voice-to-voice latency',
    definition: 'end of candidate speech → first recruiter audio frame above the energy threshold',
    goal: 'p50 ≤ 450 ms, p95 ≤ 700 ms',
    check: (f) => within(f, [['p50_ms', '<=', 450], ['p95_ms', '<=', 700]]),
    show: showLatencyPercentiles,
  },
  L2: {
    name: 'ratio to stock',
    definition: 'L1 p50 tuned ÷ L1 p50 with the framework default endpointing/VAD, same run',
    goal: '≤ 0.7',
    check: (f) => within(f, [['ratio', '<=', 0.7]]),
    show: (f) => `${num(f.ratio, '', 2)} (stock p50 ${num(f.stock_p50_ms, ' ms')}, p95 ${num(f.stock_p95_ms, ' ms')}, n=${num(f.stock_n)})`,
  },
  L4: {
    name: 'stage breakdown (p50)',
    definition: "end-of-turn delay, STT final, LLM first token, TTS first byte from the agent's metrics; client − agent = transport",
    goal: 'reported per stage',
    check: (f) => (all(f.end_of_turn_p50_ms, f.transport_p50_ms) ? true : null),
    show: (f) =>
      `EOU ${num(f.end_of_turn_p50_ms, ' ms')}, STT ${num(f.stt_p50_ms, ' ms')}, LLM ${num(f.llm_first_token_p50_ms, ' ms')}, ` +
      `TTS ${num(f.tts_first_byte_p50_ms, ' ms')}, agent total ${num(f.agent_total_p50_ms, ' ms')}, transport ${num(f.transport_p50_ms, ' ms')} (n=${num(f.n)})`,
  },
  L6: {
    name: 'greeting latency',
    definition: 'candidate joined → first recruiter audio',
    goal: 'p95 ≤ 1.5 s',
    check: (f) => within(f, [['p95_ms', '<=', 1500]]),
    show: showLatencyPercentiles,
  },
  Q1: {
    name: 'false cut-offs',
    definition: 'answers with a 700 ms mid-sentence pause where the recruiter starts before the true end',
    goal: '≤ 10 %',
    check: (f) => within(f, [['rate', '<=', 0.1]]),
    show: (f) => `${num(f.rate === null || f.rate === undefined ? null : f.rate * 100, ' %', 1)} (${num(f.false_cutoffs)}/${num(f.n)})`,
  },
  Q2: {
    name: 'barge-in',
    definition: 'candidate starts speaking over the recruiter → recruiter audio stops',
    goal: 'p95 ≤ 500 ms',
    check: (f) => (all(f.not_stopped) && f.not_stopped! > 0 ? false : within(f, [['p95_ms', '<=', 500]])),
    show: (f) => `p50 ${num(f.p50_ms, ' ms')}, p95 ${num(f.p95_ms, ' ms')} (n=${num(f.n)}, not stopped ${num(f.not_stopped)})`,
  },
  C1: {
    name: 'capacity',
    definition: 'most simultaneous interviews with L1 p95 ≤ single + 100 ms, no dropped audio, no refused dispatch',
    goal: '≥ 10',
    check: (f) => within(f, [['sessions', '>=', 10]]),
    show: (f) => `${num(f.sessions)} sessions (single p95 ${num(f.single_p95_ms, ' ms')}, highest level tried ${num(f.max_tried)})`,
  },
  C3: {
    name: 'memory per interview job',
    definition: 'RSS per job process, p95',
    goal: '≤ 250 MB',
    check: (f) => within(f, [['p95_mb', '<=', 250]]),
    show: (f) => `p95 ${num(f.p95_mb, ' MB')}, max ${num(f.max_mb, ' MB')} (n=${num(f.n)} processes)`,
  },
  A1: {
    name: 'token endpoint',
    definition: 'POST /api/interviews/:id/token rps and p99 vs GET /api/health in the same run',
    goal: '≥ 10k rps, p99 ≤ 10 ms, ratio ≥ 0.3',
    check: (f) => within(f, [['rps', '>=', 10_000], ['p99_ms', '<=', 10], ['ratio', '>=', 0.3]]),
    show: (f) => `${num(f.rps, ' rps')}, p99 ${num(f.p99_ms, ' ms')}, ratio ${num(f.ratio, '', 2)} (health ${num(f.health_rps, ' rps')})`,
  },
  A2: {
    name: 'turn ingestion',
    definition: 'POST /api/agent/interviews/:id/turns on Postgres: turns/s, p99, turn end → row committed',
    goal: '≥ 2k/s, p99 ≤ 25 ms, ≤ 1 s',
    // Turn end → committed is judged on the agent's real turns when the run had them (that is the
    // definition); the synthetic sampler only times the API's share.
    check: (f) => {
      const load = within(f, [['rps', '>=', 2000], ['p99_ms', '<=', 25]]);
      const commit = f.agent_commit_p99_ms ?? f.commit_p99_ms;
      if (load === null || commit === null || commit === undefined) return null;
      return load && commit <= 1000;
    },
    show: (f) =>
      `${num(f.rps, '/s')}, p99 ${num(f.p99_ms, ' ms')}; turn end→committed p99: agent's turns ${num(f.agent_commit_p99_ms, ' ms')} ` +
      `(candidate ${num(f.agent_commit_candidate_p99_ms, ' ms')}, recruiter ${num(f.agent_commit_recruiter_p99_ms, ' ms')}), API alone ${num(f.commit_p99_ms, ' ms')} (postgres=${num(f.postgres)})`,
  },
};

/** A summary with every metric id present and every field null: what an unmeasured run reports. */
export function emptySummary(): BenchSummary {
  return Object.fromEntries(METRIC_IDS.map((id) => [id, {}])) as BenchSummary;
}

/** Every metric key present, with at least one numeric field each. What the CI smoke asserts. */
export function missingMetrics(summary: Partial<Record<string, MetricFields>>): MetricId[] {
  return METRIC_IDS.filter((id) => {
    const f = summary[id];
    return !f || !Object.values(f).some((v) => typeof v === 'number' && Number.isFinite(v));
  });
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cores: c.length,
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export interface ReportInput {
  summary: BenchSummary;
  machine: MachineInfo;
  /** Provider and tuning settings the agent ran with. */
  settings: Record<string, string>;
  command: string;
  startedAt: string;
  durationS: number;
  /** Per-metric notes: why a field is missing, what a change did. */
  notes: Partial<Record<MetricId, string[]>>;
  /** Before/after lines for tuning changes measured in the same run. */
  comparisons?: { change: string; before: string; after: string }[];
}

const verdict = (v: boolean | null): string => (v === null ? 'n/a' : v ? 'pass' : 'FAIL');

export function renderMarkdown(r: ReportInput): string {
  const lines: string[] = [];
  lines.push(`# Mockroom benchmark — ${r.startedAt}`, '');
  lines.push(`Command: \`${r.command}\` (${Math.round(r.durationS)} s)`, '');
  lines.push(
    `Machine: ${r.machine.cores} cores, ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.os}, ` +
      `load at start ${r.machine.loadAverage.join(' / ')}`,
    '',
  );
  lines.push(`Settings: ${Object.entries(r.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`, '');
  lines.push('| id | metric | goal | measured | result |', '|---|---|---|---|---|');
  for (const id of METRIC_IDS) {
    const g = GOALS[id];
    lines.push(`| ${id} | ${g.name} | ${g.goal} | ${g.show(r.summary[id])} | ${verdict(g.check(r.summary[id]))} |`);
  }
  const noted = METRIC_IDS.filter((id) => (r.notes[id] ?? []).length > 0);
  if (noted.length > 0) {
    lines.push('', '## Notes', '');
    for (const id of noted) for (const note of r.notes[id]!) lines.push(`- **${id}**: ${note}`);
  }
  if (r.comparisons && r.comparisons.length > 0) {
    lines.push('', '## Changes, before → after (same run)', '', '| change | before | after |', '|---|---|---|');
    for (const c of r.comparisons) lines.push(`| ${c.change} | ${c.before} | ${c.after} |`);
  }
  lines.push('', 'Definitions:', '');
  for (const id of METRIC_IDS) lines.push(`- ${id}: ${GOALS[id].definition}.`);
  return `${lines.join('\n')}\n`;
}
