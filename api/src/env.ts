/** The API's configuration: the only place that reads process.env. Empty strings count as unset. */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PriceTableJson } from './lib/stack-policy.js';
import { BILLING_ENV } from './billing/config.js';

const DEV_AGENT_TOKEN = 'dev-agent-token-change-me-0123456789';
const DEV_LIVEKIT_SECRET = 'devsecret-mockroom-local-0123456789abcdef';

const optional = z.string().min(1).optional();

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    APP_BASE_URL: z.url().default('http://localhost:3000'),
    DATABASE_URL: optional,
    DATA_DIR: z.string().default('.data'),
    AGENT_API_TOKEN: z.string().min(24).default(DEV_AGENT_TOKEN),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    RESEND_API_KEY: optional,
    EMAIL_FROM: z.string().default('Mockroom <noreply@localhost>'),
    LIVEKIT_URL: z.string().default('ws://127.0.0.1:7880'),
    LIVEKIT_API_KEY: z.string().default('devkey'),
    LIVEKIT_API_SECRET: z.string().min(32).default(DEV_LIVEKIT_SECRET),
    WEB_DIST_DIR: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
    LLM_PROVIDER: optional,
    LLM_BASE_URL: optional,
    LLM_MODEL: optional,
    OPENAI_API_KEY: optional,
    GROQ_API_KEY: optional,
    /** Read only to tell which provider stacks can run (lib/stack-policy.ts); the agent uses them. */
    DEEPGRAM_API_KEY: optional,
    ELEVEN_API_KEY: optional,
    /** Comma-separated provider stacks an interview may pick (core/src/stacks.ts); unset: the offline ones. */
    INTERVIEW_STACKS: optional,
    /** JSON price table over the defaults in core/src/stacks.ts (lib/stack-policy.ts, PriceTableJson). */
    PROVIDER_PRICES: PriceTableJson.optional(),
    /**
     * Serves /api/dev/outbox (every user's mail, reset links included, to anyone). Only `pnpm dev`
     * sets it; `pnpm start` does not, and production refuses it.
     */
    DEV_OUTBOX: z.stringbool().default(false),
    /** pino's level; `debug` adds a line per successful request (the canary test runs at `trace`, the most verbose). */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The agent's speech providers (the same .env feeds both processes); the privacy page names them. */
    STT_PROVIDER: optional,
    TTS_PROVIDER: optional,
    /** Days between an account deletion request and the purge; signing in meanwhile offers to cancel. */
    ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    /** Days the first-party analytics events are kept. */
    EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Days `pnpm start` keeps its daily log files (scripts/start.ts); the privacy page states it. */
    LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Comma-separated addresses whose accounts may open the operator page (usage counts). */
    OPERATOR_EMAILS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0)),
    /**
     * Keys the free tryout's device and network hashes (HMAC-SHA256, api/src/tryout). Unset in
     * production: the tryout is off. Elsewhere a random one is generated once and kept in
     * DATA_DIR/tryout-secret.
     */
    TRYOUT_SECRET: z.string().min(32, 'must be at least 32 characters of random data').optional(),
    /** Days a tryout's hashes, and an unclaimed tryout account with its interview, are kept. */
    TRYOUT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Tryouts one network prefix (/24 IPv4, /48 IPv6) may start in an hour, whatever the devices. */
    TRYOUT_PREFIX_HOURLY_MAX: z.coerce.number().int().min(0).max(1000).default(3),
    /** Tryouts the whole server starts in an hour (0 turns the tryout off). */
    TRYOUT_HOURLY_MAX: z.coerce.number().int().min(0).max(100_000).default(100),
    /** Signs device cookies (sign-in lockout bypass for known browsers); random per process when unset. */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters of random data').optional(),
    /** Credits, payments and referrals (api/src/billing/config.ts, docs/credits.md). */
    ...BILLING_ENV,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.DEV_OUTBOX) {
      ctx.addIssue({ code: 'custom', path: ['DEV_OUTBOX'], message: 'the outbox hands out every user\'s mail: never in production' });
    }
    if (env.AGENT_API_TOKEN === DEV_AGENT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['AGENT_API_TOKEN'], message: 'set your own token in production' });
    }
    if (env.LIVEKIT_API_SECRET === DEV_LIVEKIT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['LIVEKIT_API_SECRET'], message: 'set your own secret in production' });
    }
    if (!env.APP_BASE_URL.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['APP_BASE_URL'], message: 'must be https in production' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses the environment, reporting every problem at once. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Test/dev helper: defaults plus overrides. */
export function testEnv(overrides: Partial<Record<keyof Env, string>> = {}): Env {
  return loadEnv({ NODE_ENV: 'test', ...overrides });
}
