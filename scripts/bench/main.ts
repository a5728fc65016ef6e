/**
 * Usage: pnpm bench [--quick] [--only L1,A1,...] [--turns N] [--stock-turns N] [--sessions N] [--load-seconds S] [--connections N]
 *
 * The benchmark of issue 7 against the local stack on loopback (livekit-server, API on a throwaway
 * Postgres, agent worker): bot candidates speak Flite answers and time the recruiter's audio
 * (L1 L2 L4 L6 Q1 Q2 C1 C3), autocannon loads the API (A1 A2). Writes bench/results/latest.json
 * (quick: quick.json), a Markdown table beside it and the raw per-turn rows.
 * Goals are reported, never asserted: the exit code is non-zero only when a metric could not be measured.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, startStack, type Stack } from '../lib/stack.js';
import { capacityLevels, parseBenchArgs, UsageError, type BenchOptions } from './args.js';
import { ApiClient } from './bot.js';
import { loadAutocannon, loadRtc, type Rtc } from './deps.js';
import { measureTokenEndpoint, measureTurnIngestion } from './load.js';
import { startPostgres, type ThrowawayPostgres } from './pg.js';
import { findAgentPid, RssSampler } from './procs.js';
import { benchStacks } from './stacks.js';
import { benchSoak, lastC1 } from './soak.js';
import { benchCluster } from './cluster.js';
import { METRIC_IDS, emptySummary, machineInfo, missingMetrics, renderMarkdown, type MetricId, type ReportInput } from './report.js';
import { percentile, round, summarize } from './stats.js';
import { benchW1 } from './w1.js';
import { capacityTurnsPerBot, judgeLevel, planSteps, runConversation, runSequential, type CapacityLevel, type Corpus, type SessionResult } from './voice.js';
import { ANSWERS, BARGE_IN, PAUSED_ANSWERS, joinWithPause, synthesize } from './wav.js';

const VOICE_METRICS: MetricId[] = ['L1', 'L2', 'L4', 'L6', 'Q1', 'Q2', 'C1', 'C3'];
const Q1_PAUSE_MS = 700;
/** C1 answers per bot at each level, and the fewest latencies a level is judged on (full run). */
const CAPACITY_TURNS = { quick: 2, full: 5 };
const CAPACITY_MIN_SAMPLES = 20;

const t0 = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function buildCorpus(): Promise<Corpus> {
  const cacheDir = join(REPO_ROOT, 'bench', '.cache');
  const answers = [];
  for (const text of ANSWERS) answers.push(await synthesize(text, { cacheDir }));
  const paused = [];
  for (const [a, b] of PAUSED_ANSWERS) paused.push(joinWithPause(await synthesize(a, { cacheDir }), await synthesize(b, { cacheDir }), Q1_PAUSE_MS));
  return { answers, paused, bargeIn: await synthesize(BARGE_IN, { cacheDir }) };
}

/** Settings worth printing: providers, tuning and worker limits; never keys or tokens. */
function settingsOf(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (/KEY|TOKEN|SECRET|PASSWORD/.test(k)) continue;
    if (/^(STT_|LLM_|TTS_|AGENT_(?!HEALTH)|DATABASE_URL$)/.test(k)) out[k] = k === 'DATABASE_URL' ? 'postgres' : v;
  }
  return out;
}

/** Whether the agent reads the tuning switch the L2 comparison flips. */
function agentSupportsTuning(): boolean {
  const walk = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') && readFileSync(join(dir, e.name), 'utf8').includes('AGENT_TURN_TUNING'),
    );
  return existsSync(join(REPO_ROOT, 'agent/src')) && walk(join(REPO_ROOT, 'agent/src'));
}

interface ExportedTurn { interviewId: string; turnId: string; speaker: string; endedAt: string; createdAt: string }
interface ExportedMetrics { interviewId: string; turnId: string; endOfTurnDelayMs: number | null; sttMs: number | null; llmFirstTokenMs: number | null; ttsFirstByteMs: number | null; totalMs: number | null }

async function main(): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const want = (id: MetricId) => opts.only.has(id);
  const wantVoice = VOICE_METRICS.some(want);
  const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  if (opts.stacks) {
    log(`stacks run: ${opts.stacks.join(', ')} on ${machine.cores} cores, load average ${machine.loadAverage.join(' / ')}`);
    return benchStacks({ opts, command, machine, loadRtc, buildCorpus, log });
  }
  if (opts.w1) {
    log(`w1 run on ${machine.cores} cores, load average ${machine.loadAverage.join(' / ')}`);
    return benchW1({ opts, command, machine, loadRtc, log });
  }
  if (opts.cluster) {
    log(`cluster run on ${machine.cores} cores, load average ${machine.loadAverage.join(' / ')}`);
    return benchCluster({ opts, command, machine, loadRtc, buildCorpus, log });
  }
  if (opts.soakMs !== null) {
    return benchSoak({ opts, durationMs: opts.soakMs, sessions: opts.soakSessions ?? lastC1(opts.outDir) ?? 2, command, machine, loadRtc, buildCorpus, log });
  }
  log(`${opts.quick ? 'quick' : 'full'} run: ${[...opts.only].join(' ')} on ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}`);
  if (machine.loadAverage[0]! > machine.cores * 0.5) log(`warning: load average ${machine.loadAverage[0]} — other work on this machine will skew the numbers`);

  const summary = emptySummary();
  const notes: ReportInput['notes'] = {};
  const note = (id: MetricId, text: string) => (notes[id] ??= []).push(text);
  const comparisons: NonNullable<ReportInput['comparisons']> = [];
  const raw: Record<string, unknown> = { command, startedAt, machine };

  const rtc: Rtc | null = wantVoice ? loadRtc() : null;
  const corpus = wantVoice ? await buildCorpus() : null;
  if (corpus) log(`corpus: ${corpus.answers.length} answers, ${corpus.paused.length} with a ${Q1_PAUSE_MS} ms pause (Flite slt, 48 kHz)`);

  let pg: ThrowawayPostgres | null = null;
  let stack: Stack | null = null;
  let settings: Record<string, string> = {};
  // Ctrl-C or a closed pipe must not leave livekit-server, the API, the agent or Postgres behind.
  const cleanUp = async (why: string) => {
    log(`${why}: stopping the stack`);
    await stack?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', () => void cleanUp('interrupted'));
  process.once('SIGTERM', () => void cleanUp('terminated'));
  process.stdout.on('error', () => undefined);
  try {
    pg = await startPostgres();
    log(pg ? 'Postgres started (throwaway, fsync off)' : 'no Postgres binaries: the API runs on PGlite');
    stack = await startStack({ agent: wantVoice, databaseUrl: pg?.url, env: { AGENT_TURN_TUNING: 'tuned' } });
    settings = settingsOf(stack.env);
    log(`stack up: API ${stack.apiUrl}, livekit ${stack.livekitUrl}`);

    // Sign-ups are rate-limited per IP: one account per concurrent bot, reused across interviews.
    const clients: ApiClient[] = [];
    const client = async (i: number): Promise<ApiClient> => {
      while (clients.length <= i) {
        const c = new ApiClient(stack!.apiUrl);
        await c.signUp();
        clients.push(c);
      }
      return clients[i]!;
    };

    const tuned: SessionResult[] = [];
    const greetings: SessionResult[] = [];
    const levels: CapacityLevel[] = [];
    let sampler: RssSampler | null = null;

    if (wantVoice && rtc && corpus) {
      const agentPid = findAgentPid(stack.env.AGENT_HEALTH_PORT ?? '');
      if (agentPid) {
        sampler = new RssSampler(agentPid);
        sampler.start(1000);
      } else note('C3', 'agent worker process not found under /proc');

      if (['L1', 'L4', 'Q1', 'Q2', 'L2', 'C1'].some((id) => want(id as MetricId))) {
        const q = opts.quick ? 1 : Math.max(10, Math.round(opts.turns / 5));
        const steps = planSteps(want('L1') || want('L2') || want('L4') ? opts.turns : 0, want('Q1') ? q : 0, want('Q2') ? q : 0);
        log(`tuned: ${steps.length} steps (${opts.turns} answers, Q1 ${want('Q1') ? q : 0}, Q2 ${want('Q2') ? q : 0}) …`);
        tuned.push(...(await runSequential({ rtc, apiUrl: stack.apiUrl, client: await client(0), config: 'tuned', level: 1, corpus, steps, seed: 0, log })));
      }
      if (want('L6')) {
        const n = opts.quick ? 2 : 20;
        log(`greeting: ${n} joins …`);
        let failedInRow = 0;
        for (let i = 0; i < n && failedInRow < 3; i += 1) {
          const r = await runConversation({ rtc, apiUrl: stack.apiUrl, client: await client(0), config: 'tuned', level: 1, session: i, corpus, steps: [], seed: i, log });
          greetings.push(r);
          failedInRow = r.greetingMs === null ? failedInRow + 1 : 0;
          if (failedInRow === 3) note('L6', 'three joins in a row got no recruiter (dispatch refused): stopped the greeting joins');
          if (r.greetingMs === null) raw[`logs_greeting_${i}`] = { agent: stack.logs('agent').slice(-40000), livekit: stack.logs('livekit').slice(-40000) };
          log(`  greeting ${i + 1}/${n}: ${r.greetingMs === null ? `none (${r.error})` : `${Math.round(r.greetingMs)} ms`}`);
          // Let the job finish before the next join, so each greeting is measured on an idle worker.
          await new Promise((res) => setTimeout(res, 1500));
        }
      }
      if (want('C1') || want('C3')) {
        const tunedLat = tuned.flatMap((s) => s.turns.filter((t) => t.kind === 'answer').map((t) => t.latencyMs)).filter((x): x is number => x !== null);
        let single = percentile(tunedLat, 95);
        // With enough single-interview answers from the L1 run, level 1 is that run (answers only).
        const singleFromL1 = tunedLat.length >= CAPACITY_MIN_SAMPLES;
        if (singleFromL1) {
          const answersOnly = tuned.map((s) => ({ ...s, turns: s.turns.filter((t) => t.kind === 'answer') }));
          const judged = judgeLevel(1, answersOnly, single);
          levels.push(judged);
          log(`capacity: level 1 is the L1 run: p50 ${Math.round(judged.p50Ms ?? NaN)} ms, p95 ${Math.round(judged.p95Ms ?? NaN)} ms, n=${judged.n} → ${judged.reason}`);
          note('C1', `level 1 is the single-interview L1 run (n=${judged.n}); every higher level has at least ${CAPACITY_MIN_SAMPLES} answers`);
        }
        for (const level of capacityLevels(opts.sessions)) {
          if (level === 1 && singleFromL1) continue;
          log(`capacity: ${level} simultaneous interview(s) …`);
          const turns = opts.quick ? CAPACITY_TURNS.quick : capacityTurnsPerBot(level, CAPACITY_TURNS.full, CAPACITY_MIN_SAMPLES);
          const sessions = await Promise.all(
            Array.from({ length: level }, async (_, i) =>
              runConversation({ rtc, apiUrl: stack!.apiUrl, client: await client(i), config: 'tuned', level, session: i, corpus, steps: planSteps(turns, 0, 0), seed: i * 3, log }),
            ),
          );
          const judged = judgeLevel(level, sessions, single);
          single ??= judged.p95Ms;
          levels.push(judged);
          raw[`capacity_${level}`] = sessions;
          log(`  level ${level}: p50 ${Math.round(judged.p50Ms ?? NaN)} ms, p95 ${Math.round(judged.p95Ms ?? NaN)} ms, n=${judged.n} → ${judged.reason}`);
          if (!judged.ok) break;
          sampler?.sample();
        }
        summary.C1 = {
          sessions: levels.filter((l) => l.ok).reduce((m, l) => Math.max(m, l.level), 0),
          single_p95_ms: round(single),
          max_tried: levels.length ? levels[levels.length - 1]!.level : null,
        };
        const last = levels[levels.length - 1];
        const failed = last && !last.ok ? last : undefined;
        if (levels[0] && !levels[0].ok && levels[0] !== failed) note('C1', `level 1 (the L1 run) did not pass either: ${levels[0].reason}`);
        if (failed) note('C1', `stopped at ${failed.level} simultaneous interviews: ${failed.reason}`);
        else if (levels.length) note('C1', `no limit reached up to ${opts.sessions} (raise --sessions)`);
        note('C1', 'the bots run in the benchmark process on the same cores as the stack, so this is a lower bound');
      }
      if (sampler) {
        sampler.stop();
        const rss = sampler.activeJobRssMb();
        const s = summarize(rss);
        summary.C3 = { p95_mb: round(s.p95), max_mb: round(s.max), n: s.n, inference_mb: round(sampler.inferenceRssMb()) };
        note('C3', 'peak RSS of each job process that ran an interview (≥ 1 s CPU); the shared inference process is listed separately');
      }

      const answers = tuned.flatMap((s) => s.turns.filter((t) => t.kind === 'answer'));
      const lat = answers.map((t) => t.latencyMs).filter((x): x is number => x !== null);
      const l1 = summarize(lat);
      summary.L1 = { p50_ms: round(l1.p50), p95_ms: round(l1.p95), n: l1.n, mean_ms: round(l1.mean), cut_offs: answers.filter((t) => t.cutOff).length, no_reply: answers.filter((t) => t.recruiterOnsetAt === null).length };

      const paused = tuned.flatMap((s) => s.turns.filter((t) => t.kind === 'paused'));
      const cut = paused.filter((t) => t.cutOff).length;
      summary.Q1 = { rate: paused.length ? round(cut / paused.length, 3) : null, false_cutoffs: cut, n: paused.length };

      const barges = tuned.flatMap((s) => s.turns.filter((t) => t.kind === 'barge' && !t.bargeInVoid));
      const q2 = summarize(barges.map((t) => t.bargeInMs).filter((x): x is number => x !== null && x !== undefined));
      summary.Q2 = { p50_ms: round(q2.p50), p95_ms: round(q2.p95), n: q2.n, not_stopped: barges.filter((t) => t.bargeInMs === null).length };

      const joins = [...greetings, ...tuned];
      const gSamples = joins.map((s) => s.greetingMs).filter((x): x is number => x !== null);
      const l6 = summarize(gSamples);
      summary.L6 = { p50_ms: round(l6.p50), p95_ms: round(l6.p95), n: l6.n, no_greeting: joins.length - gSamples.length };
      if (joins.length > gSamples.length) note('L6', `${joins.length - gSamples.length} of ${joins.length} joins heard no recruiter within 20 s (livekit-server found no available worker)`);

      // L4 and the agent's own turn commits, read back as the candidates (GET /api/me/export).
      const ids = new Set(tuned.map((s) => s.interviewId));
      const metrics: ExportedMetrics[] = [];
      const agentTurns: ExportedTurn[] = [];
      for (const c of clients.slice(0, 1)) {
        const data = await c.ok<{ turnMetrics?: ExportedMetrics[]; transcriptTurns?: ExportedTurn[] }>('GET', '/api/me/export');
        metrics.push(...(data.turnMetrics ?? []).filter((m) => ids.has(m.interviewId)));
        agentTurns.push(...(data.transcriptTurns ?? []).filter((t) => ids.has(t.interviewId)));
      }
      const p50Of = (k: keyof ExportedMetrics) => round(percentile(metrics.map((m) => m[k] as number | null).filter((x): x is number => x !== null), 50));
      const agentTotal = p50Of('totalMs');
      summary.L4 = {
        end_of_turn_p50_ms: p50Of('endOfTurnDelayMs'),
        stt_p50_ms: p50Of('sttMs'),
        llm_first_token_p50_ms: p50Of('llmFirstTokenMs'),
        tts_first_byte_p50_ms: p50Of('ttsFirstByteMs'),
        agent_total_p50_ms: agentTotal,
        client_p50_ms: round(l1.p50),
        transport_p50_ms: agentTotal !== null && l1.p50 !== null ? round(l1.p50 - agentTotal) : null,
        n: metrics.length,
      };
      note('L4', "transport = client L1 p50 − agent total p50 (medians, not per-turn pairs); it also holds what the agent's clock does not see: VAD's silence wait before end of speech is declared, the agent's audio output buffer and the jitter buffer");
      raw.agentMetrics = metrics;
      const commitOf = (ts: ExportedTurn[]) => ts.map((t) => Date.parse(t.createdAt) - Date.parse(t.endedAt)).filter((x) => Number.isFinite(x));
      const commits = commitOf(agentTurns);
      raw.agentCommitMs = commits;
      summary.A2.agent_commit_p99_ms = round(percentile(commits, 99));
      summary.A2.agent_commit_candidate_p99_ms = round(percentile(commitOf(agentTurns.filter((t) => t.speaker === 'candidate')), 99));
      summary.A2.agent_commit_recruiter_p99_ms = round(percentile(commitOf(agentTurns.filter((t) => t.speaker === 'recruiter')), 99));
      note('A2', "agent's turns: row createdAt − turn endedAt; a candidate turn can only be committed after endpointing and the final transcript");
    }

    if (want('A1') || want('A2')) {
      const autocannon = loadAutocannon();
      const lo = { autocannon, apiUrl: stack.apiUrl, seconds: opts.loadSeconds, connections: opts.connections, log };
      const c = await client(0);
      if (want('A1')) {
        log(`A1: ${opts.connections} connections × ${opts.loadSeconds} s …`);
        const iv = await c.createInterview({ timeBoxMinutes: 15 });
        const a1 = await measureTokenEndpoint(lo, c, iv);
        raw.A1 = a1;
        summary.A1 = {
          rps: round(a1.token.rps),
          p99_ms: round(a1.token.p99Ms, 1),
          ratio: round(a1.token.rps / a1.health.rps, 3),
          health_rps: round(a1.health.rps),
          health_p99_ms: round(a1.health.p99Ms, 1),
          non2xx: a1.token.non2xx,
        };
        if (a1.token.non2xx > 0) note('A1', `${a1.token.non2xx} non-2xx answers from the token route under load`);
        note('A1', 'autocannon runs in the benchmark process and shares the cores with the API');
      }
      if (want('A2')) {
        log(`A2: turn ingestion, ${opts.connections} connections × ${opts.loadSeconds} s …`);
        const ivs = [];
        for (let i = 0; i < 8; i += 1) ivs.push(await c.createInterview({ timeBoxMinutes: 15 }));
        const a2 = await measureTurnIngestion(lo, stack.agentToken, ivs);
        raw.A2 = { load: a2.load, commitMs: a2.commitMs };
        summary.A2 = {
          ...summary.A2,
          rps: round(a2.load.rps),
          p99_ms: round(a2.load.p99Ms, 1),
          commit_p50_ms: round(percentile(a2.commitMs, 50), 1),
          commit_p99_ms: round(percentile(a2.commitMs, 99), 1),
          postgres: pg ? 1 : 0,
          non2xx: a2.load.non2xx,
        };
        if (!pg) note('A2', 'measured on PGlite: no Postgres binaries on this machine');
        if (a2.load.non2xx > 0) note('A2', `${a2.load.non2xx} non-2xx answers under load`);
      }
    }
    raw.tuned = tuned;
    raw.greetings = greetings;
    raw.capacity = levels;
    await stack.stop();
    stack = null;

    if (want('L2') && rtc && corpus) {
      if (!agentSupportsTuning()) note('L2', 'the agent does not read AGENT_TURN_TUNING yet: both runs used the same settings');
      log('stock: restarting the stack with AGENT_TURN_TUNING=stock …');
      stack = await startStack({ agent: true, databaseUrl: pg?.url, env: { AGENT_TURN_TUNING: 'stock' } });
      const stockClient = new ApiClient(stack.apiUrl);
      await stockClient.signUp();
      const stock = await runSequential({ rtc, apiUrl: stack.apiUrl, client: stockClient, config: 'stock', level: 1, corpus, steps: planSteps(opts.stockTurns, 0, 0), seed: 0, log });
      raw.stock = stock;
      await stack.stop();
      stack = null;
      const s = summarize(stock.flatMap((x) => x.turns.map((t) => t.latencyMs)).filter((x): x is number => x !== null));
      const tunedP50 = summary.L1.p50_ms ?? null;
      summary.L2 = {
        ratio: tunedP50 !== null && s.p50 ? round(tunedP50 / s.p50, 3) : null,
        tuned_p50_ms: tunedP50,
        stock_p50_ms: round(s.p50),
        stock_p95_ms: round(s.p95),
        stock_n: s.n,
      };
      comparisons.push({
        change: 'turn tuning (AGENT_TURN_TUNING stock → tuned)',
        before: `L1 p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms (n=${s.n})`,
        after: `L1 p50 ${summary.L1.p50_ms ?? '—'} ms, p95 ${summary.L1.p95_ms ?? '—'} ms (n=${summary.L1.n ?? 0})`,
      });
    }
  } finally {
    await stack?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
  }

  const outDir = resolve(REPO_ROOT, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const partial = opts.only.size < METRIC_IDS.length;
  const base = opts.quick ? 'quick' : partial ? 'partial' : 'latest';
  const durationS = (performance.now() - t0) / 1000;
  const report: ReportInput = { summary, machine, settings, command, startedAt, durationS, notes, comparisons };
  writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(outDir, `${base}.md`), renderMarkdown(report));
  const rawName = opts.quick ? 'raw-quick.json' : `raw-${startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(join(outDir, rawName), `${JSON.stringify({ ...raw, summary, notes }, null, 2)}\n`);
  console.log(`\n${renderMarkdown(report)}`);
  log(`wrote ${join(opts.outDir, `${base}.json`)}, ${base}.md and ${rawName}`);

  const missing = missingMetrics(summary).filter((id) => opts.only.has(id));
  if (missing.length > 0) {
    log(`not measured: ${missing.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
