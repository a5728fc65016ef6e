/**
 * How credits are bought. A PaymentProvider starts a checkout for a credit pack; the credits land
 * in the ledger when the payment is confirmed — for Stripe by the signed webhook
 * (payments/stripe.ts), for the development provider at once, without paying. Which one runs is
 * chosen once, here, from configuration: Stripe when STRIPE_SECRET_KEY is set; otherwise the
 * development provider, except in production, where buying is then unavailable.
 */
import type { Tx } from '@mockroom/db/client';
import type { Services } from '../../lib/context.js';
import type { BillingConfig, CreditPack } from '../config.js';
import { appendEntryTx, lockAccountTx } from '../ledger.js';
import { createStripeProvider } from './stripe.js';

export interface CheckoutRequest {
  userId: string;
  pack: CreditPack;
  /** Where the payment page sends the browser back (the credits page). */
  successUrl: string;
  cancelUrl: string;
}

export type CheckoutResult =
  /** The browser goes to the provider's payment page; credits arrive with the webhook. */
  | { kind: 'redirect'; url: string }
  /** Credited already (development provider). */
  | { kind: 'granted'; credits: number };

export interface PaymentProvider {
  readonly name: 'stripe' | 'development';
  createCheckout(s: Pick<Services, 'db'>, request: CheckoutRequest): Promise<CheckoutResult>;
}

/** Adds a paid pack's credits, once per payment (the key names the provider's payment). Worker role. */
export async function creditPurchaseTx(tx: Tx, input: { userId: string; credits: number; paymentKey: string; packId: string }): Promise<boolean> {
  await lockAccountTx(tx, input.userId);
  return appendEntryTx(tx, input.userId, { amount: input.credits, kind: 'purchase', idempotencyKey: `purchase:${input.paymentKey}`, note: `${input.packId} pack` });
}

/** Grants the pack without any payment: for development and self-hosted servers without Stripe. */
export function createDevelopmentProvider(): PaymentProvider {
  return {
    name: 'development',
    async createCheckout(s, request) {
      await s.db.asWorker((tx) => creditPurchaseTx(tx, { userId: request.userId, credits: request.pack.credits, paymentKey: `development:${crypto.randomUUID()}`, packId: request.pack.id }));
      return { kind: 'granted', credits: request.pack.credits };
    },
  };
}

/** The provider this configuration selects; null when buying is unavailable (production without Stripe). */
export function selectPaymentProvider(env: BillingConfig): PaymentProvider | null {
  if (env.STRIPE_SECRET_KEY) {
    return createStripeProvider({ secretKey: env.STRIPE_SECRET_KEY, ...(env.STRIPE_API_BASE_URL ? { baseUrl: env.STRIPE_API_BASE_URL } : {}) });
  }
  return env.NODE_ENV === 'production' ? null : createDevelopmentProvider();
}
