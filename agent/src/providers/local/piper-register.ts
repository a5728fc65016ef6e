/**
 * Registers the Piper runner with the framework before the worker starts, so the worker's
 * inference process loads the voice once for all of its jobs, bundled beside the job bundle the
 * same way as Moonshine's (inference/register.ts).
 */
import { fileURLToPath } from 'node:url';
import { bundleDirOf, registerBundledRunner } from '../../inference/register.js';
import { PIPER_INFERENCE_METHOD } from './piper-service.js';

export const PIPER_RUNNER_SOURCE = fileURLToPath(new URL('./piper-runner.ts', import.meta.url));

/** `agentEntry`: the job entry the worker forks (the bundle's main.mjs, or the .ts source under tsx). */
export async function registerPiperRunner(agentEntry: string): Promise<void> {
  await registerBundledRunner(PIPER_INFERENCE_METHOD, PIPER_RUNNER_SOURCE, bundleDirOf(agentEntry));
}
