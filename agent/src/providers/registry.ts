/**
 * Provider registry: STT, LLM and TTS chosen by name from configuration, never by code edits.
 * Each provider is one descriptor file in this folder (its data from core/src/stacks.ts plus its
 * builders); this module only lists them and answers questions over the list. Adding a provider
 * is adding its file, its entry in core's PROVIDERS, one line in DESCRIPTORS, and its conformance
 * run (conformance/*.test.ts). `providerProblems` validates a selection without building anything
 * (start-up check, every problem at once); `buildProviders` constructs the instances for one
 * session; `applyInterviewChoice` applies the stack an interview was created with.
 */
import type { llm, stt, tts } from '@livekit/agents';
import type { ProviderOverride } from '@mockroom/core';
import { getStack, stackAvailability, stackForProviders, type ProviderId, type Stage } from '@mockroom/core/stacks';
import { ConfigProblemsError } from '../config-problems-error.js';
import { deepgram } from './deepgram.js';
import { ENV_FIELD, type LocalEngine, type ProviderConfig, type ProviderDescriptor } from './descriptor.js';
import { elevenlabs } from './elevenlabs.js';
import { espeak } from './espeak.js';
import { flite } from './flite.js';
import { groq } from './groq.js';
import { moonshine } from './moonshine.js';
import { openaiCompatible } from './openai-compatible.js';
import { openai } from './openai.js';
import { piper } from './piper.js';
import { pocketsphinx } from './pocketsphinx.js';
import { rules } from './rules.js';

export type { ProviderConfig, ProviderDescriptor } from './descriptor.js';

/** Every provider, in the order names are listed in messages. */
export const DESCRIPTORS: readonly ProviderDescriptor[] = [
  moonshine,
  pocketsphinx,
  rules,
  piper,
  flite,
  espeak,
  openai,
  groq,
  openaiCompatible,
  deepgram,
  elevenlabs,
];

type PipelineStage = 'stt' | 'llm' | 'tts';

function namesFor(stage: PipelineStage): string[] {
  const out = ['local'];
  for (const d of DESCRIPTORS) for (const n of d.names[stage] ?? []) if (!out.includes(n)) out.push(n);
  return out;
}

export const STT_PROVIDERS = namesFor('stt');
export const LLM_PROVIDERS = namesFor('llm');
export const TTS_PROVIDERS = namesFor('tts');

export class ProviderConfigError extends ConfigProblemsError {
  override name = 'ProviderConfigError';
  constructor(problems: string[]) {
    super('Invalid provider configuration', problems);
  }
}

/** The descriptor a stage's configured name selects, or null for an unknown name. */
export function descriptorFor(stage: PipelineStage, name: string): ProviderDescriptor | null {
  return DESCRIPTORS.find((d) => d.names[stage]?.includes(name)) ?? null;
}

/** The descriptor of a core provider id (for stacks, which name providers by id). */
export function descriptorById(id: string): ProviderDescriptor | null {
  return DESCRIPTORS.find((d) => d.info.id === id) ?? null;
}

const ENV_NAME: Record<PipelineStage, string> = { stt: 'STT_PROVIDER', llm: 'LLM_PROVIDER', tts: 'TTS_PROVIDER' };

function missingKeys(d: ProviderDescriptor, cfg: ProviderConfig): string[] {
  return d.info.envKeys.filter((key) => {
    const field = ENV_FIELD[key];
    const value = field ? cfg[field] : undefined;
    return typeof value !== 'string' || value.trim() === '';
  });
}

/** Every problem with a selection, in one list (empty: the selection can be built). */
export function providerProblems(cfg: ProviderConfig): string[] {
  const problems: string[] = [];
  const stage = (s: PipelineStage, value: string, allowed: readonly string[]) => {
    const d = descriptorFor(s, value);
    if (!d) {
      problems.push(`${ENV_NAME[s]}: unknown provider "${value}" (expected one of: ${allowed.join(', ')})`);
      return;
    }
    for (const key of missingKeys(d, cfg)) problems.push(`${ENV_NAME[s]}=${value} needs ${key}`);
  };
  stage('stt', cfg.sttProvider, STT_PROVIDERS);
  stage('llm', cfg.llmProvider, LLM_PROVIDERS);
  stage('tts', cfg.ttsProvider, TTS_PROVIDERS);
  if (cfg.realtimeProvider !== undefined) {
    const d = descriptorById(cfg.realtimeProvider);
    if (!d?.realtime) problems.push(`realtime: unknown provider "${cfg.realtimeProvider}"`);
    else for (const key of missingKeys(d, cfg)) problems.push(`realtime=${cfg.realtimeProvider} needs ${key}`);
  }
  return problems;
}

export function assertProviders(cfg: ProviderConfig): void {
  const problems = providerProblems(cfg);
  if (problems.length > 0) throw new ProviderConfigError(problems);
}

/** The environment-variable view of a configuration's keys, for core's stackAvailability (names only matter). */
function keyEnv(cfg: ProviderConfig): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(ENV_FIELD)) {
    const v = cfg[field];
    env[name] = typeof v === 'string' ? v : undefined;
  }
  return env;
}

/** The stack id the configured stages form (the worker's env default included), or null. */
export function stackOf(cfg: ProviderConfig): string | null {
  if (cfg.realtimeProvider !== undefined) return cfg.stack ?? null;
  return stackForProviders({ stt: cfg.sttProvider, llm: cfg.llmProvider, tts: cfg.ttsProvider });
}

/**
 * Applies a named stack: its providers with their default models and voices (the env's model
 * and voice names belong to the env's providers, so they are kept only for a stage whose
 * provider does not change). Returns null when the stack is unknown or its keys are not
 * configured here: the caller keeps its defaults, never fails the call.
 */
export function applyStack(cfg: ProviderConfig, stackId: string): ProviderConfig | null {
  const stack = getStack(stackId);
  if (!stack || !stackAvailability(stackId, keyEnv(cfg)).available) return null;
  if (stack.kind === 'realtime') {
    return { ...cfg, realtimeProvider: stack.realtime, stack: stack.id };
  }
  const nameOf = (stage: PipelineStage, id: ProviderId) => descriptorById(id)?.names[stage]?.[0] ?? id;
  const stt = nameOf('stt', stack.stt);
  const llm = nameOf('llm', stack.llm);
  const tts = nameOf('tts', stack.tts);
  const same = (stage: PipelineStage, name: string, current: string) => descriptorFor(stage, name) === descriptorFor(stage, current);
  const next: ProviderConfig = { ...cfg, sttProvider: stt, llmProvider: llm, ttsProvider: tts, stack: stack.id };
  delete next.realtimeProvider;
  if (!same('stt', stt, cfg.sttProvider)) delete next.sttModel;
  if (!same('llm', llm, cfg.llmProvider)) {
    // openai-compatible needs LLM_MODEL; no stack uses it, so dropping the model is safe.
    delete next.llmModel;
  }
  if (!same('tts', tts, cfg.ttsProvider)) {
    delete next.ttsModel;
    delete next.ttsVoice;
  }
  return providerProblems(next).length === 0 ? next : null;
}

/**
 * Applies an interview's provider override. Only names that are valid for this deployment (known,
 * and with their keys configured) are taken; anything else is reported and the default kept, so
 * an override can never make a call fail.
 */
export function applyOverride(
  cfg: ProviderConfig,
  override: ProviderOverride | null | undefined,
): { config: ProviderConfig; rejected: string[] } {
  if (!override) return { config: cfg, rejected: [] };
  const rejected: string[] = [];
  let config = { ...cfg };
  const tryStage = (stage: PipelineStage, value: string | undefined) => {
    if (!value) return;
    const field = `${stage}Provider` as const;
    const candidate = { ...config, [field]: value };
    if (providerProblems(candidate).length > providerProblems(config).length) rejected.push(stage);
    else config = candidate;
  };
  tryStage('stt', override.stt);
  tryStage('llm', override.llm);
  tryStage('tts', override.tts);
  if (override.voice) config = { ...config, ttsVoice: override.voice.replace(/[^A-Za-z0-9_.+-]/g, '').slice(0, 80) };
  return { config, rejected };
}

/**
 * What an interview was created with, applied: its stack when it has one (the API accepted it
 * before the call, so an unusable one here means this worker lacks a key: defaults, reported),
 * else the per-stage override. `stack` on the result names the stack the call runs on.
 */
export function applyInterviewChoice(
  cfg: ProviderConfig,
  choice: { stack?: string | null; providers?: ProviderOverride | null },
): { config: ProviderConfig; rejected: string[] } {
  if (choice.stack) {
    const config = applyStack(cfg, choice.stack);
    if (config) return { config, rejected: [] };
    return { config: { ...cfg, stack: stackOf(cfg) }, rejected: ['stack'] };
  }
  const { config, rejected } = applyOverride(cfg, choice.providers);
  return { config: { ...config, stack: stackOf(config) }, rejected };
}

/** Which in-process offline speech engines a configuration runs (each costs memory and CPU in every job process). */
export function localSpeechEngines(cfg: Pick<ProviderConfig, 'sttProvider' | 'ttsProvider'>): {
  stt: boolean;
  flite: boolean;
  espeak: boolean;
  moonshine: boolean;
  piper: boolean;
} {
  const engines = new Set<LocalEngine | undefined>([descriptorFor('stt', cfg.sttProvider)?.engine, descriptorFor('tts', cfg.ttsProvider)?.engine]);
  return {
    stt: engines.has('pocketsphinx'),
    flite: engines.has('flite'),
    espeak: engines.has('espeak'),
    // Moonshine (the offline default) runs in the worker's shared inference process, not in each job process.
    moonshine: engines.has('moonshine'),
    // Piper's voice is held once by the same inference process; jobs only phonemize (eSpeak).
    piper: engines.has('piper'),
  };
}

/**
 * The rate to ask the room for when the STT decodes in-process: both offline recognisers and
 * Silero work at 16 kHz, so asking for it saves a resampling pass per frame. Null: the default.
 */
export function inProcessSttSampleRate(cfg: Pick<ProviderConfig, 'sttProvider' | 'realtimeProvider'>): number | null {
  if (cfg.realtimeProvider !== undefined) return null;
  const d = descriptorFor('stt', cfg.sttProvider);
  return d && d.info.hosting === 'in-process' ? (d.info.stages.stt?.sampleRateHz ?? null) : null;
}

/** Names an interview may pick under this deployment's keys. */
export function allowedOverrides(cfg: ProviderConfig): { stt: string[]; llm: string[]; tts: string[] } {
  const ok = (field: 'sttProvider' | 'llmProvider' | 'ttsProvider', names: readonly string[]) =>
    names.filter((name) => providerProblems({ ...cfg, [field]: name }).length === 0);
  return {
    stt: ok('sttProvider', STT_PROVIDERS),
    llm: ok('llmProvider', LLM_PROVIDERS),
    tts: ok('ttsProvider', TTS_PROVIDERS),
  };
}

export interface BuiltProviders {
  /** Absent for a realtime model, which hears the audio itself. */
  stt?: stt.STT;
  llm: llm.LLM | llm.RealtimeModel;
  /** Absent for a realtime model, which speaks itself. */
  tts?: tts.TTS;
  /** True when `llm` is a speech-to-speech model (a realtime stack). */
  realtime: boolean;
  names: { stt: string; llm: string; tts: string; realtime?: string };
}

/**
 * The LLM name the interviewer is chosen by (interviewer.ts): a realtime model takes the LLM
 * interviewer's instructions, never the rule-based interviewer, which is an LLM of its own.
 */
export function interviewerLlmProvider(cfg: Pick<ProviderConfig, 'llmProvider' | 'realtimeProvider'>): string {
  return cfg.realtimeProvider !== undefined ? `realtime:${cfg.realtimeProvider}` : cfg.llmProvider;
}

function requireDescriptor(stage: PipelineStage, name: string): ProviderDescriptor {
  const d = descriptorFor(stage, name);
  if (!d?.[stage]) throw new ProviderConfigError([`${ENV_NAME[stage]}: unknown provider "${name}"`]);
  return d;
}

export async function buildStt(cfg: ProviderConfig): Promise<stt.STT> {
  return requireDescriptor('stt', cfg.sttProvider).stt!(cfg);
}

export function buildLlm(cfg: ProviderConfig, createRuleInterviewer: () => llm.LLM): llm.LLM {
  return requireDescriptor('llm', cfg.llmProvider).llm!(cfg, { createRuleInterviewer });
}

export async function buildTts(cfg: ProviderConfig): Promise<tts.TTS> {
  return requireDescriptor('tts', cfg.ttsProvider).tts!(cfg);
}

/** The speech-to-speech model of a realtime configuration. */
export async function buildRealtime(cfg: ProviderConfig): Promise<llm.RealtimeModel> {
  const d = cfg.realtimeProvider === undefined ? null : descriptorById(cfg.realtimeProvider);
  if (!d?.realtime) throw new ProviderConfigError([`realtime: unknown provider "${cfg.realtimeProvider ?? ''}"`]);
  return d.realtime(cfg);
}

/** Builds the three stages (or the realtime model) for one session; throws one error listing every problem. */
export async function buildProviders(cfg: ProviderConfig, createRuleInterviewer: () => llm.LLM): Promise<BuiltProviders> {
  assertProviders(cfg);
  if (cfg.realtimeProvider !== undefined) {
    return { llm: await buildRealtime(cfg), realtime: true, names: { stt: '-', llm: '-', tts: '-', realtime: cfg.realtimeProvider } };
  }
  const [sttInstance, ttsInstance] = await Promise.all([buildStt(cfg), buildTts(cfg)]);
  return {
    stt: sttInstance,
    llm: buildLlm(cfg, createRuleInterviewer),
    tts: ttsInstance,
    realtime: false,
    names: { stt: cfg.sttProvider, llm: cfg.llmProvider, tts: cfg.ttsProvider },
  };
}

/** Whether a stage of core's provider data has an adapter here (the registry test holds the two lists together). */
export function hasAdapter(id: ProviderId, stage: Stage): boolean {
  const d = descriptorById(id);
  return Boolean(d && d[stage]);
}
