/**
 * Payment provider webhooks. POST /api/payments/stripe/webhook: Stripe's signed events over the
 * raw body; no session, no CSRF check (csrf.ts exempts the path): the signature is the
 * authentication. Answers 400 to a bad signature so Stripe shows the failure, 200 otherwise.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { errorBody } from '../lib/errors.js';
import { handleStripeWebhook, StripeSignatureError } from '../billing/payments/stripe.js';

export function createPaymentRoutes() {
  return new Hono<AppEnv>().post('/stripe/webhook', async (c) => {
    const s = c.var.services;
    const secret = s.env.STRIPE_WEBHOOK_SECRET;
    if (!secret) return c.json(errorBody('not_found', 'no such route'), 404);
    const rawBody = await c.req.text();
    try {
      const outcome = await handleStripeWebhook(s, { rawBody, signature: c.req.header('stripe-signature'), webhookSecret: secret, receivedAtMs: s.now().getTime() });
      s.logger.info({ outcome }, 'stripe webhook');
      return c.json({ received: true, outcome }, 200);
    } catch (error) {
      if (error instanceof StripeSignatureError) {
        s.logger.warn('stripe webhook signature rejected');
        return c.json(errorBody('invalid_signature', 'webhook signature rejected'), 400);
      }
      throw error;
    }
  });
}
