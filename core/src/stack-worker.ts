/**
 * What a stack needs from the agent worker's own configuration. Moonshine and Piper run in the
 * worker's shared inference process, which the worker starts only for the engines its own
 * STT_PROVIDER / TTS_PROVIDER name (agent/src/main.ts); PocketSphinx, Flite and eSpeak load in
 * the job process on first use, and hosted providers need only their keys. Pure.
 */
import { LOCAL_PROVIDER, stackProviders, type ProviderId, type StackInfo } from './stacks.js';

export const WORKER_HOSTED_PROVIDERS: ReadonlySet<ProviderId> = new Set<ProviderId>(['moonshine', 'piper']);

/** `TTS_PROVIDER=piper`-style settings the worker lacks for a stack (empty: none needed). Unset or `local` is the offline default. */
export function workerSettingsMissing(stack: StackInfo, configured: { STT_PROVIDER?: string | undefined; TTS_PROVIDER?: string | undefined }): string[] {
  const p = stackProviders(stack);
  const missing: string[] = [];
  for (const stage of ['stt', 'tts'] as const) {
    const provider = p[stage];
    if (!provider || !WORKER_HOSTED_PROVIDERS.has(provider)) continue;
    const name = (stage === 'stt' ? configured.STT_PROVIDER : configured.TTS_PROVIDER) ?? 'local';
    if ((name === 'local' ? LOCAL_PROVIDER[stage] : name) !== provider) missing.push(`${stage.toUpperCase()}_PROVIDER=${provider}`);
  }
  return missing;
}
