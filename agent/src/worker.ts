/**
 * The worker's parts besides the job: what each job process prewarms, the worker's options
 * (dispatch name, job cap and load, idle processes, the health server's address), the re-dispatch
 * of a job that died mid-call or whose whole worker died, and the periodic replay of the spool. main.ts wires them into the
 * framework.
 */
import { log, ServerOptions, type JobProcess, type JobRequest } from '@livekit/agents';
import { AGENT_NAME, toRoomName } from '@mockroom/core';
import { AdmissionControl } from './admission.js';
import { AgentApiClient } from './api-client.js';
import { CrashRedispatch } from './crash-redispatch.js';
import type { AgentEnv } from './env.js';
import type { ProcessUserData } from './job.js';
import { createLivekitAdmin } from './livekit-admin.js';
import { createLivekitClusterView } from './livekit-cluster-view.js';
import { OrphanSweep } from './orphan-sweep.js';
import { localSpeechEngines } from './providers/registry.js';
import { createVad } from './turn/vad.js';

/** How often the worker retries turns left in the spool by jobs that could not reach the API. */
const SPOOL_REPLAY_INTERVAL_MS = 30_000;
/** How often the orphan sweep is ticked (it throttles its stamps and sweeps itself). */
const ORPHAN_TICK_MS = 1_000;

/** Loads what is slow (VAD, the offline speech engines this worker's providers use) once per job process. */
export async function prewarmJobProcess(proc: JobProcess, env: AgentEnv): Promise<void> {
  (proc.userData as ProcessUserData).vad = createVad();
  // Only the engines this worker's providers use: each one held in every job process costs
  // memory there. An interview whose override picks another local engine loads it on first use.
  const engines = localSpeechEngines(env.providers);
  if (engines.stt || engines.flite || engines.espeak) {
    const local = await import('./providers/local/index.js');
    await local.prewarmLocalSpeech(engines);
  }
}

export function createWorkerOptions(env: AgentEnv, agentEntry: string): ServerOptions {
  const production = env.NODE_ENV === 'production';
  // The load we report is also livekit-server's dispatch input: it stops offering jobs to a worker
  // whose load is past its target ("no servers available" in its log). In development the API,
  // livekit-server, tests and a browser share the machine, so the 1-minute load average there says
  // nothing about this worker; only the job cap counts, as the framework's own development default
  // never reports the worker full.
  const admission = new AdmissionControl(env.AGENT_MAX_JOBS, production ? undefined : () => 0);
  const redispatch = createCrashRedispatch(env);
  const orphans = createOrphanSweep(env);
  let orphansTimer: NodeJS.Timeout | null = null;
  return new ServerOptions({
    agent: agentEntry,
    agentName: AGENT_NAME,
    wsURL: env.LIVEKIT_URL,
    apiKey: env.LIVEKIT_API_KEY,
    apiSecret: env.LIVEKIT_API_SECRET,
    // The health server answers anyone who can reach it: loopback unless configured.
    host: env.AGENT_HEALTH_HOST,
    port: env.AGENT_HEALTH_PORT,
    logLevel: env.LOG_LEVEL,
    production,
    // The framework keeps none in development; a cold process made every greeting wait for it.
    numIdleProcesses: env.AGENT_IDLE_PROCESSES,
    // The framework's 10 s for a job process to start (imports, prewarmed speech models) was too short
    // on a busy host: at load average 25-30, 29 job processes in 7 minutes of a soak were killed at
    // 10 s and replaced by others that met the same end, and 41 of 43 interviews got no recruiter
    // (docs/resilience.md). A process that is merely slow now gets to finish.
    initializeProcessTimeout: 30_000,
    // In development the CPU threshold is off (as the framework's default), the job cap stays.
    loadThreshold: production ? env.AGENT_LOAD_THRESHOLD : 1,
    // The load sample (every 2.5 s) is the one place the framework shows us the running jobs.
    loadFunc: (worker) => {
      redispatch?.observe(worker.activeJobs);
      // Stamps and sweeps on a timer of their own: the framework stops sampling the load while the
      // worker drains, and a draining worker's recruiters must stay stamped.
      if (orphans && !orphansTimer) orphansTimer = setInterval(() => orphans.tick(worker.activeJobs), ORPHAN_TICK_MS).unref();
      return admission.load(worker);
    },
    requestFunc: (req: JobRequest) => admission.request(req),
  });
}

/** Re-dispatches the recruiter when a job process dies mid-call (crash-redispatch.ts); needs the LiveKit key. */
function createCrashRedispatch(env: AgentEnv): CrashRedispatch | null {
  if (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) return null;
  const api = new AgentApiClient({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  return new CrashRedispatch({
    agentName: AGENT_NAME,
    admin: createLivekitAdmin({ url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }),
    interviewStatus: async (interviewId) => (await api.getContext(interviewId)).status,
    log: (level, fields, msg) => log()[level](fields, msg),
  });
}

/** Re-dispatches interviews whose whole worker died, from any worker of the cluster (orphan-sweep.ts). */
function createOrphanSweep(env: AgentEnv): OrphanSweep | null {
  if (!env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) return null;
  const api = new AgentApiClient({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  const livekit = { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET };
  return new OrphanSweep({
    agentName: AGENT_NAME,
    roomPrefix: toRoomName(''),
    view: createLivekitClusterView(livekit),
    admin: createLivekitAdmin(livekit),
    interviewStatus: async (interviewId) => (await api.getContext(interviewId)).status,
    log: (level, fields, msg) => log()[level](fields, msg),
  });
}

/**
 * Turns spooled by a job that crashed or lost the API are delivered at worker start and
 * periodically after; the API is idempotent by turn id, so overlapping replays are harmless.
 * Call after cli.runApp has initialised the framework's logger.
 */
export function startSpoolReplay(env: AgentEnv): void {
  const api = new AgentApiClient({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  void api.replaySpool().catch(() => undefined);
  setInterval(() => void api.replaySpool().catch(() => undefined), SPOOL_REPLAY_INTERVAL_MS).unref();
}
