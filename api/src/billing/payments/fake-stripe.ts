/**
 * A local fake of the two parts of Stripe the adapter uses, for tests: `POST /v1/checkout/sessions`
 * on 127.0.0.1:0 (form-encoded, Bearer secret key, answers a Checkout Session object), and events
 * signed the way Stripe signs webhooks — `Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(endpoint secret, "<t>.<raw body>")>` — written here from Stripe's documented
 * scheme, not with the SDK, so the adapter's verification is checked against an independent signer.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCheckoutSession {
  id: string;
  url: string;
  amountTotal: number;
  currency: string;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  successUrl: string;
  cancelUrl: string;
}

export interface FakeStripe {
  baseUrl: string;
  sessions: FakeCheckoutSession[];
  /** Authorization headers the fake received (to check the secret key went server to server). */
  authorizations: string[];
  /** A `checkout.session.completed` event for a session, as Stripe would post it. */
  completedEvent(session: FakeCheckoutSession, options?: { paymentStatus?: 'paid' | 'unpaid'; eventId?: string }): string;
  close(): Promise<void>;
}

/** The Stripe-Signature header for a raw body: what Stripe's servers compute. */
export function signStripePayload(rawBody: string, secret: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const sessions: FakeCheckoutSession[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      authorizations.push(req.headers.authorization ?? '');
      if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'unknown route' } }));
        return;
      }
      if (!(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'authentication_error', message: 'bad key' } }));
        return;
      }
      const form = new URLSearchParams(body);
      const metadata: Record<string, string> = {};
      for (const [key, value] of form) {
        const m = /^metadata\[(.+)\]$/.exec(key);
        if (m) metadata[m[1]!] = value;
      }
      const sessionId = id('cs_test');
      const session: FakeCheckoutSession = {
        id: sessionId,
        url: `https://checkout.fake.test/pay/${sessionId}`,
        amountTotal: Number(form.get('line_items[0][price_data][unit_amount]')) * Number(form.get('line_items[0][quantity]') ?? 1),
        currency: form.get('line_items[0][price_data][currency]') ?? '',
        metadata,
        clientReferenceId: form.get('client_reference_id'),
        successUrl: form.get('success_url') ?? '',
        cancelUrl: form.get('cancel_url') ?? '',
      };
      sessions.push(session);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req') }).end(JSON.stringify(toSessionObject(session, 'open', 'unpaid')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sessions,
    authorizations,
    completedEvent(session, options = {}) {
      return JSON.stringify({
        id: options.eventId ?? id('evt'),
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(Date.now() / 1000),
        type: 'checkout.session.completed',
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: toSessionObject(session, 'complete', options.paymentStatus ?? 'paid') },
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toSessionObject(s: FakeCheckoutSession, status: 'open' | 'complete', paymentStatus: 'paid' | 'unpaid') {
  return {
    id: s.id,
    object: 'checkout.session',
    mode: 'payment',
    status,
    payment_status: paymentStatus,
    amount_total: s.amountTotal,
    currency: s.currency,
    client_reference_id: s.clientReferenceId,
    metadata: s.metadata,
    success_url: s.successUrl,
    cancel_url: s.cancelUrl,
    url: status === 'open' ? s.url : null,
    livemode: false,
  };
}
