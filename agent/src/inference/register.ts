/**
 * Registers the Moonshine runner with the framework before the worker starts, so the worker's
 * inference process loads the model once for all of its jobs and initialises it at worker start
 * (the framework awaits every runner's initialize() before it takes jobs).
 *
 * The framework forks the inference process with the worker's execArgv, which no longer carries
 * tsx once the job entry is bundled (process-tuning.ts). So the runner is bundled the same way,
 * next to the job bundle, and registered by that plain-JS path; without a job bundle the worker
 * still runs under tsx and the .ts source is registered.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InferenceRunner } from '@livekit/agents';
import { bundleJobEntry } from '../job-bundle.js';
import { MOONSHINE_INFERENCE_METHOD } from './moonshine-service.js';

export const MOONSHINE_RUNNER_SOURCE = fileURLToPath(new URL('./moonshine-runner.ts', import.meta.url));

/**
 * Registers `source` (a runner module's .ts path) under `method`. With `bundleDir` (the job
 * bundle's folder) the runner is bundled into `<bundleDir>/<method>/main.mjs` first; a failed
 * bundle is an error, as the inference process could not load the .ts file without tsx.
 */
export async function registerBundledRunner(method: string, source: string, bundleDir: string | null): Promise<void> {
  if (InferenceRunner.registeredRunners[method]) return;
  const path = bundleDir ? await bundleJobEntry(source, join(bundleDir, method), []) : source;
  InferenceRunner.registerRunner(method, pathToFileURL(path).toString());
}

/** The job bundle's folder when `agentEntry` is the bundle (main.mjs), else null. */
export function bundleDirOf(agentEntry: string): string | null {
  return agentEntry.endsWith('.mjs') ? dirname(agentEntry) : null;
}

export async function registerMoonshineRunner(agentEntry: string): Promise<void> {
  await registerBundledRunner(MOONSHINE_INFERENCE_METHOD, MOONSHINE_RUNNER_SOURCE, bundleDirOf(agentEntry));
}
