/** Command-line flags of `pnpm bench`. Pure. */
import { parseArgs } from 'node:util';
import { METRIC_IDS, type MetricId } from './report.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface BenchOptions {
  quick: boolean;
  only: Set<MetricId>;
  /** Voice turns per configuration (tuned and stock) for L1/L2. */
  turns: number;
  /** Voice turns for the stock configuration (L2's denominator); defaults to `turns`. */
  stockTurns: number;
  /** Highest simultaneous-interview level C1 ramps to. */
  sessions: number;
  /** Seconds per autocannon run (A1, A2). */
  loadSeconds: number;
  /** Concurrent HTTP connections for A1/A2. */
  connections: number;
  /** Where latest.json / quick.json and the Markdown go. */
  outDir: string;
  /** `--stacks a,b`: run the voice benchmark once per provider stack instead (stacks.ts); null otherwise. */
  stacks: string[] | null;
  /** `--soak 30m`: hold C1 interviews this long (ms) instead of the benchmark (soak.ts); null otherwise. */
  soakMs: number | null;
  /** --sessions when given (the soak's default is C1 of the last full run instead). */
  soakSessions: number | null;
  /** `--cluster`: C1 on the loopback cluster against a single node, same run (cluster.ts). */
  cluster: boolean;
  /** `--w1`: word error rate of stored candidate turns per voice, clean and noisy (w1.ts). */
  w1: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--only L1,A1,...] [--turns N] [--stock-turns N] [--sessions N] [--load-seconds S] [--connections N] [--out DIR]
       pnpm bench --stacks offline,offline-classic,... [--quick] [--turns N] [--out DIR]
       pnpm bench --soak 30m [--sessions N]
       pnpm bench --cluster [--quick] [--sessions N]
       pnpm bench --w1 [--quick] [--turns N]
  --w1          W1: WER of stored candidate turns, 4 voices × clean / pink noise 15 dB, --turns answers each (max 10); writes bench/results/w1.md (quick: w1-quick.md)
  --cluster     C1 on the loopback cluster (2 livekit nodes, 2 workers, 2 APIs) vs a single node, one core per node; writes bench/results/cluster.md
  --soak        hold N simultaneous interviews (default: C1 of the last full run) for this long (s, m, h); writes bench/results/soak.md
  --stacks      the voice benchmark once per provider stack (core/src/stacks.ts ids); writes bench/results/stacks.md (quick: stacks-quick.md)
  --quick       a few turns, N=2 for capacity, short load runs; writes bench/results/quick.json (CI smoke)
  --only        measure only these metric ids (${METRIC_IDS.join(',')})
  --turns       voice turns per configuration for L1/L2 (default 100, quick 3)
  --stock-turns voice turns for the stock configuration of L2 (default: --turns)
  --sessions    highest level of simultaneous interviews C1 ramps to (default 16, quick 2)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} wants a positive integer, got "${raw}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        turns: { type: 'string' },
        'stock-turns': { type: 'string' },
        sessions: { type: 'string' },
        'load-seconds': { type: 'string' },
        connections: { type: 'string' },
        out: { type: 'string' },
        stacks: { type: 'string' },
        soak: { type: 'string' },
        cluster: { type: 'boolean', default: false },
        w1: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const quick = values.quick ?? false;
  const only = new Set<MetricId>();
  for (const raw of (values.only ?? METRIC_IDS.join(',')).split(',')) {
    const id = raw.trim().toUpperCase();
    if (!id) continue;
    if (!(METRIC_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown metric id "${raw}" in --only (known: ${METRIC_IDS.join(', ')})`);
    only.add(id as MetricId);
  }
  const turns = positiveInt('turns', values.turns, quick ? 3 : 100);
  return {
    quick,
    only,
    turns,
    stockTurns: positiveInt('stock-turns', values['stock-turns'], turns),
    sessions: positiveInt('sessions', values.sessions, quick ? 2 : 16),
    loadSeconds: positiveInt('load-seconds', values['load-seconds'], quick ? 2 : 10),
    connections: positiveInt('connections', values.connections, quick ? 10 : 64),
    outDir: values.out ?? 'bench/results',
    stacks: parseStackList(values.stacks),
    soakMs: parseSoak(values.soak),
    soakSessions: values.sessions === undefined ? null : positiveInt('sessions', values.sessions, 1),
    cluster: values.cluster ?? false,
    w1: values.w1 ?? false,
  };
}

/** `30m`, `90s`, `1h`, `45` (seconds) → milliseconds. */
export function parseDuration(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : 1000;
  const ms = Math.round(n * unit);
  return ms > 0 ? ms : null;
}

function parseSoak(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const ms = parseDuration(raw);
  if (ms === null) throw new UsageError(`--soak wants a duration such as 30m, 90s or 1h, got "${raw}"\n${USAGE}`);
  return ms;
}

/** `--stacks a,b,a` → ['a', 'b']; ids are checked against the server's list when the run starts. */
function parseStackList(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (ids.length === 0) throw new UsageError(`--stacks wants a comma-separated list of stack ids\n${USAGE}`);
  const bad = ids.find((s) => !/^[a-z0-9-]{1,64}$/.test(s));
  if (bad !== undefined) throw new UsageError(`--stacks: "${bad}" is not a stack id`);
  return ids;
}

/** C1's ramp: 1, 2, 4, 6, 8, 10, 12 … up to `max` (always including max). */
export function capacityLevels(max: number): number[] {
  const levels = [1];
  for (let n = 2; n <= max; n += 2) levels.push(n);
  if (levels[levels.length - 1] !== max) levels.push(max);
  return levels;
}
