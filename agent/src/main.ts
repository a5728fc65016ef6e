/**
 * Worker entry: registers the `recruiter` agent (explicit dispatch only) and starts the worker.
 * Only wiring: the job is job.ts, the worker's options and prewarm worker.ts, how job processes
 * are started process-tuning.ts.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, defineAgent, type JobContext, type JobProcess } from '@livekit/agents';
import { getAgentEnv } from './env.js';
import { runInterviewJob, type ProcessUserData } from './job.js';
import { filterFrameworkLoggers } from './log-privacy.js';
import { prepareJobProcesses } from './process-tuning.js';
import { createWorkerOptions, prewarmJobProcess, startSpoolReplay } from './worker.js';
import { registerMoonshineRunner } from './inference/register.js';
import { localSpeechEngines } from './providers/registry.js';
import { registerPiperRunner } from './providers/local/piper-register.js';

// Before the framework creates its logger, here and in every job process (they load this module first).
filterFrameworkLoggers();

export default defineAgent({
  prewarm: (proc: JobProcess) => prewarmJobProcess(proc, getAgentEnv()),
  entry: (ctx: JobContext) => runInterviewJob(ctx as JobContext<ProcessUserData>, getAgentEnv()),
});

const self = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && self === process.argv[1]) {
  const env = getAgentEnv();
  const agentEntry = await prepareJobProcesses(self, join(self, '../../dist'));
  // Offline speech served by the worker's shared inference process: registered before the worker starts it.
  if (localSpeechEngines(env.providers).moonshine) await registerMoonshineRunner(agentEntry);
  if (localSpeechEngines(env.providers).piper) await registerPiperRunner(agentEntry);
  cli.runApp(createWorkerOptions(env, agentEntry));
  // cli.runApp has initialised the framework's logger by the next turn of the event loop.
  setImmediate(() => startSpoolReplay(env));
}
