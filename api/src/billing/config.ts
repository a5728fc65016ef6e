/**
 * Credits configuration: the env variables billing reads (spread into api/src/env.ts, the one
 * place that reads process.env), the price of an interview by its length, and the credit packs
 * on sale. Rules and defaults are written down in docs/credits.md.
 */
import { z } from 'zod';

const optional = z.string().min(1).optional();

/** A pack a user can buy: credits for a price in the currency's smallest unit (cents). */
export const CreditPack = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  credits: z.number().int().min(1).max(100_000),
  priceCents: z.number().int().min(50).max(1_000_000),
  currency: z.string().regex(/^[a-z]{3}$/).default('usd'),
});
export type CreditPack = z.infer<typeof CreditPack>;

export const DEFAULT_CREDIT_PACKS: CreditPack[] = [
  { id: 'starter', credits: 60, priceCents: 500, currency: 'usd' },
  { id: 'regular', credits: 180, priceCents: 1200, currency: 'usd' },
  { id: 'intensive', credits: 600, priceCents: 3500, currency: 'usd' },
];

const CreditPacksJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of packs' });
      return z.NEVER;
    }
  })
  .pipe(z.array(CreditPack).min(1).max(10));

/** Spread into EnvSchema (api/src/env.ts). */
export const BILLING_ENV = {
  /** Starting an interview costs credits. Off: interviews are free and nothing is charged (a private server). */
  CREDITS_ENFORCED: z.stringbool().default(true),
  /** Credits every new account gets once (sign-up, or a claimed tryout). */
  STARTING_CREDITS: z.coerce.number().int().min(0).max(100_000).default(60),
  /** An interview costs its planned length in minutes times this, at the moment the call starts. */
  CREDITS_PER_MINUTE: z.coerce.number().int().min(0).max(1000).default(1),
  /** JSON array of {id, credits, priceCents, currency}; unset: DEFAULT_CREDIT_PACKS. */
  CREDIT_PACKS: CreditPacksJson.optional(),
  /** Selects the Stripe adapter when set (server only; never sent to the browser). */
  STRIPE_SECRET_KEY: optional,
  /** The endpoint's signing secret (whsec_…) for Stripe-Signature checks. */
  STRIPE_WEBHOOK_SECRET: optional,
  /** Stripe's API origin; set only to point the adapter at a local fake in tests. */
  STRIPE_API_BASE_URL: z.url().optional(),
  /** Credits each side of a referral gets when the invited user completes a first interview. */
  REFERRAL_REWARD_CREDITS: z.coerce.number().int().min(0).max(100_000).default(30),
  /** Rewards one inviter can earn per calendar month (UTC). */
  REFERRAL_MONTHLY_CAP: z.coerce.number().int().min(0).max(1000).default(10),
  /** Key of the sign-up network/device hashes; falls back to AUTH_SECRET, then a per-process random key. */
  REFERRAL_HASH_SECRET: z.string().min(32, 'must be at least 32 characters of random data').optional(),
};

export interface BillingConfig {
  CREDITS_ENFORCED: boolean;
  STARTING_CREDITS: number;
  CREDITS_PER_MINUTE: number;
  CREDIT_PACKS?: CreditPack[] | undefined;
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_WEBHOOK_SECRET?: string | undefined;
  STRIPE_API_BASE_URL?: string | undefined;
  REFERRAL_REWARD_CREDITS: number;
  REFERRAL_MONTHLY_CAP: number;
  REFERRAL_HASH_SECRET?: string | undefined;
  APP_BASE_URL: string;
  NODE_ENV: 'development' | 'production' | 'test';
}

/** What an interview of this planned length costs (whole minutes, rounded up). */
export function interviewCost(timeBoxSeconds: number, env: Pick<BillingConfig, 'CREDITS_PER_MINUTE'>): number {
  return Math.ceil(timeBoxSeconds / 60) * env.CREDITS_PER_MINUTE;
}

export function creditPacks(env: Pick<BillingConfig, 'CREDIT_PACKS'>): CreditPack[] {
  return env.CREDIT_PACKS ?? DEFAULT_CREDIT_PACKS;
}
