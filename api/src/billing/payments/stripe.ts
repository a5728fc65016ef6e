/**
 * The Stripe adapter, through the official SDK: a Checkout Session per pack (mode `payment`, the
 * price given inline), and the `checkout.session.completed` webhook verified the way Stripe signs
 * it — `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(endpoint secret, t + "." + raw body)>`,
 * refused outside a tolerance window — then credited once per event id and once per session.
 * `baseUrl` points the SDK at another origin (the tests' local fake). Keys stay on the server.
 */
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { creditAccounts, webhookEvents } from '@mockroom/db/schema';
import type { Services } from '../../lib/context.js';
import { creditPurchaseTx, type PaymentProvider } from './provider.js';

/** Stripe's own default tolerance for the signature timestamp (seconds). */
export const STRIPE_SIGNATURE_TOLERANCE_S = 300;

export interface StripeOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12345 for a local fake; unset: Stripe's API. */
  baseUrl?: string;
}

function createStripeClient(o: StripeOptions): Stripe {
  const config: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 1, timeout: 20_000 };
  if (o.baseUrl) {
    const u = new URL(o.baseUrl);
    config.host = u.hostname;
    config.port = u.port || (u.protocol === 'https:' ? '443' : '80');
    config.protocol = u.protocol === 'http:' ? 'http' : 'https';
  }
  return new Stripe(o.secretKey, config);
}

export function createStripeProvider(o: StripeOptions): PaymentProvider {
  if (!o.secretKey) throw new Error('STRIPE_SECRET_KEY is required for the stripe payment provider');
  const stripe = createStripeClient(o);
  return {
    name: 'stripe',
    async createCheckout(_s, request) {
      const session = await stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: { currency: request.pack.currency, unit_amount: request.pack.priceCents, product_data: { name: `${request.pack.credits} Mockroom interview credits` } },
          },
        ],
        client_reference_id: request.userId,
        metadata: { userId: request.userId, packId: request.pack.id, credits: String(request.pack.credits) },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      });
      if (!session.url) throw new Error('stripe returned a checkout session without a url');
      return { kind: 'redirect', url: session.url };
    },
  };
}

export type WebhookOutcome = 'credited' | 'duplicate' | 'ignored';

export class StripeSignatureError extends Error {
  override readonly name = 'StripeSignatureError';
}

/**
 * Verifies and applies one webhook delivery. Throws StripeSignatureError when the signature is
 * missing, wrong, or older than the tolerance. `receivedAtMs` is the receive time (epoch ms, as
 * the SDK takes it) the tolerance is measured from.
 */
export async function handleStripeWebhook(
  s: Pick<Services, 'db' | 'logger'>,
  input: { rawBody: string; signature: string | undefined; webhookSecret: string; receivedAtMs: number },
): Promise<WebhookOutcome> {
  if (!input.signature) throw new StripeSignatureError('missing Stripe-Signature');
  let event: Stripe.Event;
  try {
    // The SDK's own verifier (static: it needs no API key).
    event = await Stripe.webhooks.constructEventAsync(input.rawBody, input.signature, input.webhookSecret, STRIPE_SIGNATURE_TOLERANCE_S, undefined, input.receivedAtMs);
  } catch {
    throw new StripeSignatureError('signature rejected');
  }
  const session = event.type === 'checkout.session.completed' ? event.data.object : null;
  const userId = session?.metadata?.userId ?? session?.client_reference_id ?? '';
  const credits = Number(session?.metadata?.credits);
  const packId = session?.metadata?.packId ?? 'unknown';
  // The event id and the credits in one transaction: a replayed delivery changes nothing, and a
  // delivery that failed half-way is retried by Stripe as if it never came.
  return s.db.asWorker(async (tx): Promise<WebhookOutcome> => {
    const rows = await tx.insert(webhookEvents).values({ id: `stripe:${event.id}`, kind: `stripe.${event.type}` }).onConflictDoNothing().returning({ id: webhookEvents.id });
    if (rows.length === 0) return 'duplicate';
    if (!session || session.payment_status !== 'paid') return 'ignored';
    if (!/^[0-9a-f-]{36}$/i.test(userId) || !Number.isInteger(credits) || credits <= 0) {
      s.logger.warn({ eventId: event.id }, 'stripe checkout without our metadata ignored');
      return 'ignored';
    }
    // The checkout route opened the account; none now means it was deleted since: nothing to credit.
    const [account] = await tx.select({ userId: creditAccounts.userId }).from(creditAccounts).where(eq(creditAccounts.userId, userId));
    if (!account) {
      s.logger.warn({ eventId: event.id }, 'stripe checkout for an account that no longer exists');
      return 'ignored';
    }
    await creditPurchaseTx(tx, { userId, credits, paymentKey: `stripe:${session.id}`, packId });
    return 'credited';
  });
}
