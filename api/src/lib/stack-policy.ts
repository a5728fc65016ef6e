/**
 * Which provider stacks (core/src/stacks.ts) an interview may run on under this API's
 * configuration, and the price table that costs them. The operator's allow-list is
 * INTERVIEW_STACKS; unset, it is the offline stacks (every provider in-process), so a key set for
 * one purpose never offers a paid stack to every candidate. A stack is refused when the interview
 * is created and again when its candidate asks for a token to join, never during the call.
 * The API must see the same provider environment as the agent (one .env feeds both in `pnpm start`):
 * the keys, and STT_PROVIDER / TTS_PROVIDER, which decide the engines the worker's shared
 * inference process serves.
 */
import { z } from '@hono/zod-openapi';
import type { ProviderOverride } from '@mockroom/core';
import {
  allowedStacks,
  defaultPriceTable,
  getStack,
  PRICE_UNITS,
  PROVIDER_IDS,
  PROVIDERS,
  STACK_IDS,
  stackForProviders,
  stackProviders,
  STACKS,
  STACKS_ENV,
  STAGES,
  stackAvailability,
  type AllowedStacks,
  type PriceTable,
  type StackAvailability,
  type StackId,
  type StackInfo,
} from '@mockroom/core/stacks';
import { workerSettingsMissing } from '@mockroom/core/stack-worker';
import { ApiError } from './errors.js';

/** Environment names stackAvailability reads: the allow-list and the provider keys (values never leave this module). */
export interface StackEnv {
  INTERVIEW_STACKS?: string | undefined;
  STT_PROVIDER?: string | undefined;
  LLM_PROVIDER?: string | undefined;
  TTS_PROVIDER?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  GROQ_API_KEY?: string | undefined;
  DEEPGRAM_API_KEY?: string | undefined;
  ELEVEN_API_KEY?: string | undefined;
  LLM_BASE_URL?: string | undefined;
  LLM_MODEL?: string | undefined;
  PROVIDER_PRICES?: PriceTable | undefined;
}

/** The stacks whose providers all run in-process: no keys, no network, no fee. */
export const OFFLINE_STACK_IDS: readonly StackId[] = STACK_IDS.filter((id) =>
  Object.values(stackProviders(STACKS[id])).every((p) => PROVIDERS[p].hosting === 'in-process'),
);

export interface StackPolicy {
  /** Allowed and runnable, in STACKS order. */
  usable: StackId[];
  /** What the allow-list holds that cannot run now (missing keys) or is no stack at all. */
  allowed: AllowedStacks;
  /** Every known stack: whether it could run here (keys, worker engines), whatever the allow-list says. */
  availability: Map<StackId, StackAvailability>;
  /** The stack an interview gets when its candidate picks none. */
  defaultStack: StackId | null;
  /** The default price table with the operator's PROVIDER_PRICES laid over it. */
  prices: PriceTable;
}

const memo = new WeakMap<object, StackPolicy>();

/** The policy for an environment (computed once per env object: the env does not change while the process runs). */
export function stackPolicy(env: StackEnv): StackPolicy {
  const hit = memo.get(env);
  if (hit) return hit;
  const raw: Record<string, string | undefined> = {
    ...env,
    PROVIDER_PRICES: undefined,
    [STACKS_ENV]: env.INTERVIEW_STACKS?.trim() ? env.INTERVIEW_STACKS : OFFLINE_STACK_IDS.join(','),
  };
  const availability = new Map<StackId, StackAvailability>();
  for (const id of STACK_IDS) {
    const a = stackAvailability(id, raw);
    // Moonshine and Piper run only on a worker configured with them (core/src/stack-worker.ts).
    const worker = workerSettingsMissing(STACKS[id], env);
    availability.set(id, { ...a, available: a.available && worker.length === 0, missingEnv: [...a.missingEnv, ...worker] });
  }
  const listed = allowedStacks(raw);
  const inList = [...listed.available, ...listed.unavailable.map((u) => u.stackId as StackId)];
  const allowed: AllowedStacks = {
    available: STACK_IDS.filter((id) => inList.includes(id) && availability.get(id)!.available),
    unavailable: STACK_IDS.filter((id) => inList.includes(id) && !availability.get(id)!.available).map((id) => availability.get(id)!),
    unknown: listed.unknown,
  };
  const usable = allowed.available;
  // The worker's own configuration is the natural default when the operator allows it.
  const workerStack = stackForProviders({ stt: env.STT_PROVIDER ?? 'local', llm: env.LLM_PROVIDER ?? 'local', tts: env.TTS_PROVIDER ?? 'local' });
  const defaultStack = workerStack && usable.includes(workerStack) ? workerStack : (usable[0] ?? null);
  const policy: StackPolicy = { usable, allowed, availability, defaultStack, prices: mergePrices(defaultPriceTable(), env.PROVIDER_PRICES ?? {}) };
  memo.set(env, policy);
  return policy;
}

function mergePrices(base: PriceTable, over: PriceTable): PriceTable {
  const out: PriceTable = { ...base };
  for (const id of PROVIDER_IDS) if (over[id]) out[id] = { ...base[id], ...over[id] };
  return out;
}

/** Why a stack cannot be used, in words a candidate can act on; null when it can. */
export function stackRefusal(policy: StackPolicy, stackId: string): ApiError | null {
  if (policy.usable.includes(stackId as StackId)) return null;
  const stack = getStack(stackId);
  if (!stack) return new ApiError(400, 'unknown_stack', `"${stackId.slice(0, 64)}" is not a provider stack`);
  const missing = policy.allowed.unavailable.find((u) => u.stackId === stackId);
  if (missing) {
    return new ApiError(409, 'stack_unavailable', `the ${stack.name} stack cannot run on this server now (not configured for it); choose another stack`);
  }
  return new ApiError(403, 'stack_not_allowed', `the ${stack.name} stack is not offered on this server; choose another stack`);
}

/** The stack a new interview runs on: the one asked for if usable, else the default; throws when none can run. */
export function requireStackForNewInterview(policy: StackPolicy, requested: string | undefined): StackId {
  if (requested !== undefined) {
    const refusal = stackRefusal(policy, requested);
    if (refusal) throw refusal;
    return requested as StackId;
  }
  if (!policy.defaultStack) throw new ApiError(409, 'no_stack_available', 'no provider stack can run on this server: ask its operator to check INTERVIEW_STACKS');
  return policy.defaultStack;
}

/**
 * The per-stage provider names the agent's registry takes (STT_PROVIDER etc. values), so the
 * interview context's `providers` runs the stack even on an agent that reads only those. A
 * speech-to-speech stack has no per-stage names: null, the agent reads `stack`.
 */
export function providerOverrideFor(stackId: StackId): ProviderOverride | null {
  const stack: StackInfo = STACKS[stackId];
  if (stack.kind !== 'pipeline') return null;
  return { stt: stack.stt, llm: stack.llm === 'rules' ? 'local' : stack.llm, tts: stack.tts };
}

/** One stack as the stacks route lists it: what it runs, whether it can run here, its list prices. Never key values. */
export function describeStack(policy: StackPolicy, id: StackId) {
  const availability = policy.availability.get(id)!;
  const allowed = policy.allowed.available.includes(id) || policy.allowed.unavailable.some((u) => u.stackId === id);
  const stack: StackInfo = STACKS[id];
  const stages = Object.entries(stackProviders(stack)).map(([stage, providerId]) => {
    const provider = PROVIDERS[providerId];
    const offers: Partial<Record<string, { defaultModel: string | null; sampleRateHz: number | null; streaming: boolean }>> = provider.stages;
    const offer = offers[stage];
    const price = policy.prices[providerId]?.[stage as (typeof STAGES)[number]] ?? { unit: 'none' as const, usd: 0 };
    return {
      stage: stage as (typeof STAGES)[number],
      providerId,
      providerName: provider.name,
      hosting: provider.hosting,
      model: offer?.defaultModel ?? null,
      sampleRateHz: offer?.sampleRateHz ?? null,
      streaming: offer?.streaming ?? false,
      price: { unit: price.unit, usd: price.usd, outputUsd: price.outputUsd ?? null },
    };
  });
  return {
    id: stack.id,
    name: stack.name,
    description: stack.description,
    kind: stack.kind,
    allowed,
    available: allowed && availability.available,
    missingEnv: availability.missingEnv,
    isDefault: policy.defaultStack === stack.id,
    stages,
  };
}

const PriceSchema = z.object({ unit: z.enum(PRICE_UNITS), usd: z.number().nonnegative().max(1_000), outputUsd: z.number().nonnegative().max(1_000).optional() }).strict();

/**
 * PROVIDER_PRICES: the operator's price table, JSON laid over the defaults, e.g.
 * `{"deepgram":{"stt":{"unit":"audio_minute","usd":0.0043}}}` (USD; units as in core/src/stacks.ts).
 */
export const PriceTableJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(PROVIDER_IDS as [string, ...string[]]), z.partialRecord(z.enum(STAGES), PriceSchema)))
  .transform((t) => t as PriceTable);
