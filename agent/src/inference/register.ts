/**
 * Registers the Moonshine runner with the framework before the worker starts, so the worker's
 * inference process loads the model once for all of its jobs. The path must be importable by a
 * plain `node` child: the bundled runner next to the job bundle when there is one, else this
 * folder's .ts file (the worker then still runs under tsx and passes its loader on).
 */
import { InferenceRunner } from '@livekit/agents';
import { pathToFileURL } from 'node:url';
import { MOONSHINE_INFERENCE_METHOD } from './moonshine-service.js';

export const MOONSHINE_RUNNER_SOURCE = new URL('./moonshine-runner.ts', import.meta.url);

export function registerMoonshineRunner(bundledRunner: string | null): void {
  if (InferenceRunner.registeredRunners[MOONSHINE_INFERENCE_METHOD]) return;
  const path = bundledRunner ? pathToFileURL(bundledRunner).toString() : MOONSHINE_RUNNER_SOURCE.toString();
  InferenceRunner.registerRunner(MOONSHINE_INFERENCE_METHOD, path);
}
