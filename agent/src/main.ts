/**
 * Worker entry: registers the `recruiter` agent (explicit dispatch only), prewarms what is slow
 * (VAD, offline speech engines) once per process, and caps concurrent jobs both by count and by
 * CPU load. Everything else lives in recruiter.ts.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cli, defineAgent, WorkerOptions, type JobContext, type JobProcess, type JobRequest } from '@livekit/agents';
import { AGENT_NAME } from '@mockroom/core';
import { getAgentEnv } from './env.js';
import { localSpeechEngines } from './providers/registry.js';
import { AdmissionControl } from './admission.js';
import { runInterviewJob, type ProcessUserData } from './recruiter.js';
import { TranscriptSink } from './transcript-sink.js';
import { createVad } from './turn/vad.js';
import { bundleJobEntry, pruneStaleBundles, withChildFlags } from './job-bundle.js';

/** How often the worker retries turns left in the spool by jobs that could not reach the API. */
const SPOOL_REPLAY_INTERVAL_MS = 30_000;

export default defineAgent({
  prewarm: async (proc: JobProcess) => {
    const env = getAgentEnv();
    proc.userData.vad = createVad();
    // Only the engines this worker's providers use: each one held in every job process costs
    // memory there. An interview whose override picks another local engine loads it on first use.
    const engines = localSpeechEngines(env.providers);
    if (engines.stt || engines.flite || engines.espeak) {
      const local = await import('./providers/local/index.js');
      await local.prewarmLocalSpeech(engines);
    }
  },
  entry: async (ctx: JobContext) => {
    await runInterviewJob(ctx as JobContext<ProcessUserData>, getAgentEnv());
  },
});

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const env = getAgentEnv();
  const production = env.NODE_ENV === 'production';
  // The load we report is also livekit-server's dispatch input: it stops offering jobs to a worker
  // whose load is past its target ("no servers available" in its log). In
  // development the API, livekit-server, tests and a browser share the machine, so the 1-minute
  // load average there says nothing about this worker; only the job cap counts, as the
  // framework's own development default never reports the worker full.
  const admission = new AdmissionControl(env.AGENT_MAX_JOBS, production ? undefined : () => 0);
  // Turns spooled by a job that crashed or lost the API are delivered at worker start and
  // periodically after; the API is idempotent by turn id, so overlapping replays are harmless.
  const spool = new TranscriptSink({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  // Started after cli.runApp below has initialised the framework's logger.
  setImmediate(() => void spool.replaySpool().catch(() => undefined));
  setInterval(() => void spool.replaySpool().catch(() => undefined), SPOOL_REPLAY_INTERVAL_MS).unref();
  const self = fileURLToPath(import.meta.url);
  // One folder per worker, so two workers on one checkout (tests beside a dev stack) never share one.
  const bundleDir = join(self, '../../dist', `jobs-${process.pid}`);
  pruneStaleBundles(join(bundleDir, '..'));
  const jobEntry = await bundleJobEntry(self, bundleDir, ['prompts']).catch((err: unknown) => {
    console.warn(`agent: job bundle failed, job processes load the .ts entry under tsx: ${String(err)}`);
    return null;
  });
  // The framework forks job and inference processes with process.execArgv.
  const childArgv = withChildFlags(process.execArgv, jobEntry !== null);
  process.execArgv.splice(0, process.execArgv.length, ...childArgv);
  // glibc gives every thread that allocates its own malloc arena; a job process has many (WebRTC,
  // koffi's worker that builds the PocketSphinx decoder). Two arenas measured ~12 MB less per
  // prewarmed process. Children read it at start; this process is already running.
  process.env.MALLOC_ARENA_MAX ??= '2';
  process.on('exit', () => {
    if (jobEntry) rmSync(bundleDir, { recursive: true, force: true });
  });
  cli.runApp(
    new WorkerOptions({
      agent: jobEntry ?? self,
      agentName: AGENT_NAME,
      wsURL: env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      port: env.AGENT_HEALTH_PORT,
      logLevel: env.LOG_LEVEL,
      production,
      // The framework keeps none in development; a cold process made every greeting wait for it.
      numIdleProcesses: env.AGENT_IDLE_PROCESSES,
      // In development the CPU threshold is off (as the framework's default), the job cap stays.
      loadThreshold: production ? env.AGENT_LOAD_THRESHOLD : 1,
      loadFunc: (worker) => admission.load(worker),
      requestFunc: (req: JobRequest) => admission.request(req),
    }),
  );
}
