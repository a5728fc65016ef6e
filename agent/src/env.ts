/**
 * The agent's configuration: the only module that reads process.env. Empty strings count as
 * unset; every problem (missing values, unknown provider names, missing keys for the selected
 * providers) is reported at once, at start-up, never mid-call.
 */
import { cpus } from 'node:os';
import { z } from 'zod';
import { localSpeechEngines, providerProblems, type ProviderConfig } from './providers/registry.js';
import { ConfigProblemsError } from './config-problems-error.js';

const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().optional());
const withDefault = (value: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().default(value));
const intWithDefault = (value: number, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(value),
  );

const EnvSchema = z.object({
  LIVEKIT_URL: withDefault('ws://127.0.0.1:7880').pipe(z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')),
  LIVEKIT_API_KEY: optional,
  LIVEKIT_API_SECRET: optional,
  API_URL: withDefault('http://127.0.0.1:3000').pipe(z.url()),
  AGENT_API_TOKEN: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string({ error: 'is required (the API token for /api/agent/*)' }).min(16, 'must be at least 16 characters'),
  ),
  STT_PROVIDER: withDefault('local'),
  LLM_PROVIDER: withDefault('local'),
  TTS_PROVIDER: withDefault('local'),
  STT_MODEL: optional,
  LLM_MODEL: optional,
  TTS_MODEL: optional,
  TTS_VOICE: optional,
  STT_BASE_URL: optional.pipe(z.url().optional()),
  LLM_BASE_URL: optional.pipe(z.url().optional()),
  TTS_BASE_URL: optional.pipe(z.url().optional()),
  /** The speech-to-speech model's endpoint, for an interview on a realtime stack (a proxy, or a test's fake). */
  REALTIME_BASE_URL: optional.pipe(z.url().optional()),
  OPENAI_API_KEY: optional,
  GROQ_API_KEY: optional,
  DEEPGRAM_API_KEY: optional,
  ELEVEN_API_KEY: optional,
  /** Unset: see defaultMaxJobs. */
  AGENT_MAX_JOBS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(1000).optional(),
  ),
  /**
   * Job processes kept started and prewarmed ahead of dispatch, so a candidate who joins does not
   * wait for a process to start and load the speech engines (docs/decisions/004).
   */
  AGENT_IDLE_PROCESSES: intWithDefault(2, 1, 32),
  /** CPU load (0..1) above which the worker stops taking jobs. */
  AGENT_LOAD_THRESHOLD: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().gt(0).max(1).default(0.8),
  ),
  /** The worker's health server: loopback unless an orchestrator needs to probe it from outside. */
  AGENT_HEALTH_HOST: withDefault('127.0.0.1'),
  AGENT_HEALTH_PORT: intWithDefault(8081, 0, 65535),
  SPOOL_DIR: withDefault('.data/spool'),
  /**
   * How long the recruiter waits for a candidate who left the room (reload, network loss, tab
   * crash) before the interview closes as "candidate left" (docs/decisions/011-rejoin-grace.md).
   */
  AGENT_REJOIN_GRACE_SECONDS: intWithDefault(120, 1, 3600),
  /**
   * `tuned` (default): the patient interviewer's end-of-turn settings (local turn detector, longer
   * endpointing, ramble limit). `stock`: the framework's defaults, no overrides, so the benchmark
   * can measure what the tuning costs or saves.
   */
  AGENT_TURN_TUNING: withDefault('tuned').pipe(z.enum(['tuned', 'stock'])),
  LOG_LEVEL: withDefault('info'),
  NODE_ENV: optional,
});

export type AgentEnv = Omit<z.infer<typeof EnvSchema>, 'AGENT_MAX_JOBS'> & { AGENT_MAX_JOBS: number; providers: ProviderConfig };

/**
 * Interviews per core when speech runs in the job processes (PocketSphinx, Flite, eSpeak): past it
 * every call slows down, so the worker refuses the next one (measured in docs/decisions/004).
 */
export const LOCAL_SPEECH_JOBS_PER_CORE = 2;
/** With hosted speech a job is mostly VAD, turn detection and Opus; not measured here. */
export const HOSTED_SPEECH_MAX_JOBS = 12;

/** The job cap when AGENT_MAX_JOBS is unset. */
export function defaultMaxJobs(p: Pick<ProviderConfig, 'sttProvider' | 'ttsProvider'>, cores: number): number {
  const engines = localSpeechEngines(p);
  return engines.stt || engines.flite || engines.espeak || engines.moonshine || engines.piper ? Math.max(1, LOCAL_SPEECH_JOBS_PER_CORE * cores) : HOSTED_SPEECH_MAX_JOBS;
}

export class AgentEnvError extends ConfigProblemsError {
  override name = 'AgentEnvError';
  constructor(problems: string[]) {
    super('Invalid agent configuration', problems);
  }
}

export function toProviderConfig(env: z.infer<typeof EnvSchema>): ProviderConfig {
  return {
    sttProvider: env.STT_PROVIDER,
    llmProvider: env.LLM_PROVIDER,
    ttsProvider: env.TTS_PROVIDER,
    sttModel: env.STT_MODEL,
    llmModel: env.LLM_MODEL,
    ttsModel: env.TTS_MODEL,
    ttsVoice: env.TTS_VOICE,
    sttBaseUrl: env.STT_BASE_URL,
    llmBaseUrl: env.LLM_BASE_URL,
    ttsBaseUrl: env.TTS_BASE_URL,
    realtimeBaseUrl: env.REALTIME_BASE_URL,
    openaiApiKey: env.OPENAI_API_KEY,
    groqApiKey: env.GROQ_API_KEY,
    deepgramApiKey: env.DEEPGRAM_API_KEY,
    elevenApiKey: env.ELEVEN_API_KEY,
  };
}

/** Parses and validates; throws AgentEnvError listing every problem. */
export function parseAgentEnv(source: Record<string, string | undefined>): AgentEnv {
  const parsed = EnvSchema.safeParse(source);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  // Provider problems are checked on the raw values too, so they are listed even when other
  // variables are invalid: one run shows everything to fix.
  const raw = (k: string) => {
    const v = source[k];
    return v !== undefined && v.trim() !== '' ? v : undefined;
  };
  problems.push(
    ...providerProblems({
      sttProvider: raw('STT_PROVIDER') ?? 'local',
      llmProvider: raw('LLM_PROVIDER') ?? 'local',
      ttsProvider: raw('TTS_PROVIDER') ?? 'local',
      llmModel: raw('LLM_MODEL'),
      llmBaseUrl: raw('LLM_BASE_URL'),
      openaiApiKey: raw('OPENAI_API_KEY'),
      groqApiKey: raw('GROQ_API_KEY'),
      deepgramApiKey: raw('DEEPGRAM_API_KEY'),
      elevenApiKey: raw('ELEVEN_API_KEY'),
    }),
  );
  if (problems.length > 0 || !parsed.success) throw new AgentEnvError(problems);
  const providers = toProviderConfig(parsed.data);
  return { ...parsed.data, AGENT_MAX_JOBS: parsed.data.AGENT_MAX_JOBS ?? defaultMaxJobs(providers, cpus().length), providers };
}

let cached: AgentEnv | null = null;

/** The process configuration, read once. */
export function getAgentEnv(): AgentEnv {
  cached ??= parseAgentEnv(process.env);
  return cached;
}
