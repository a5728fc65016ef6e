/**
 * The Stripe adapter against a local fake that answers like Stripe's Checkout API and signs
 * webhooks the way Stripe does: a checkout goes server to server with the secret key and sends the
 * browser to the payment page; only a correctly signed, fresh `checkout.session.completed` credits
 * the pack, once per event and once per session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Browser, type Harness } from '../../test/harness.js';
import { balanceOf, createHarnessOn, json } from '../test-support.js';
import { signStripePayload, startFakeStripe, type FakeCheckoutSession, type FakeStripe } from './fake-stripe.js';

const SECRET_KEY = 'sk_test_mockroom_0123456789';
const WEBHOOK_SECRET = 'whsec_mockroom_test_0123456789abcdef';

let h: Harness;
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  h = await createHarnessOn('pglite', { STARTING_CREDITS: '10', STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE_URL: fake.baseUrl });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await fake?.close();
}, 60_000);

function deliver(rawBody: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  // No cookie and no Origin/Sec-Fetch-Site: a webhook is not a browser request.
  return h.app.request('/api/payments/stripe/webhook', { method: 'POST', headers, body: rawBody });
}

const now = () => Math.floor(Date.now() / 1000);

async function checkout(browser: Browser, packId = 'starter'): Promise<FakeCheckoutSession> {
  const res = await browser.post('/api/credits/checkout', { packId });
  expect(res.status).toBe(200);
  const body = await json<{ url: string | null; grantedCredits: number | null }>(res);
  const session = fake.sessions.at(-1)!;
  expect(body).toEqual({ url: session.url, grantedCredits: null });
  return session;
}

describe('stripe checkout', () => {
  it('creates a Checkout Session server to server with the pack, the price and the user, and keeps the key off the answer', async () => {
    const { browser, user } = await signUp(h, 'buyer');
    const credits = await json<{ provider: string }>(browser.get('/api/credits'));
    expect(credits.provider).toBe('stripe');
    const res = await browser.post('/api/credits/checkout', { packId: 'regular' });
    const text = await res.text();
    expect(text).not.toContain(SECRET_KEY);
    const session = fake.sessions.at(-1)!;
    expect(session).toMatchObject({ amountTotal: 1200, currency: 'usd', clientReferenceId: user.id, metadata: { userId: user.id, packId: 'regular', credits: '180' } });
    expect(session.successUrl).toMatch(/#\/credits\?paid=1$/);
    expect(fake.authorizations.at(-1)).toBe(`Bearer ${SECRET_KEY}`);
    // Nothing is credited until Stripe says it was paid.
    expect(await balanceOf(browser)).toBe(10);
  });

  it('refuses an unknown pack', async () => {
    const { browser } = await signUp(h, 'nopack');
    expect((await browser.post('/api/credits/checkout', { packId: 'gold' })).status).toBe(400);
  });
});

describe('stripe webhook', () => {
  it('credits a correctly signed checkout.session.completed once, and a replay or a second event for the session changes nothing', async () => {
    const { browser } = await signUp(h, 'paid');
    const session = await checkout(browser);
    const event = fake.completedEvent(session);
    const first = await deliver(event, signStripePayload(event, WEBHOOK_SECRET, now()));
    expect(first.status).toBe(200);
    expect(await json<{ outcome: string }>(first)).toMatchObject({ outcome: 'credited' });
    expect(await balanceOf(browser)).toBe(70);

    // The same delivery replayed (same event id, still inside the tolerance window).
    const replay = await deliver(event, signStripePayload(event, WEBHOOK_SECRET, now()));
    expect(await json<{ outcome: string }>(replay)).toMatchObject({ outcome: 'duplicate' });
    // Stripe may send a second event for the same session: credited by session id once.
    const again = fake.completedEvent(session);
    expect((await deliver(again, signStripePayload(again, WEBHOOK_SECRET, now()))).status).toBe(200);
    expect(await balanceOf(browser)).toBe(70);
    const history = await json<{ entries: { kind: string; amount: number; note: string | null }[] }>(browser.get('/api/credits'));
    expect(history.entries.filter((e) => e.kind === 'purchase')).toEqual([expect.objectContaining({ amount: 60, note: 'starter pack' })]);
  });

  it('rejects a missing, wrongly keyed, tampered or stale signature with 400 and credits nothing', async () => {
    const { browser } = await signUp(h, 'forged');
    const session = await checkout(browser);
    const event = fake.completedEvent(session);
    expect((await deliver(event)).status).toBe(400);
    expect((await deliver(event, signStripePayload(event, 'whsec_someone_else_0123456789', now()))).status).toBe(400);
    const tampered = event.replace('"credits":"60"', '"credits":"6000"');
    expect(tampered).not.toBe(event);
    expect((await deliver(tampered, signStripePayload(event, WEBHOOK_SECRET, now()))).status).toBe(400);
    // Signed correctly but ten minutes ago: outside Stripe's five-minute tolerance (a captured request replayed later).
    expect((await deliver(event, signStripePayload(event, WEBHOOK_SECRET, now() - 600))).status).toBe(400);
    expect((await deliver(event, 't=abc,v1=def')).status).toBe(400);
    expect(await balanceOf(browser)).toBe(10);
    // The genuine delivery still works afterwards: the rejected ones did not burn its event id.
    expect((await deliver(event, signStripePayload(event, WEBHOOK_SECRET, now()))).status).toBe(200);
    expect(await balanceOf(browser)).toBe(70);
  });

  it('credits nothing for a session that is not paid', async () => {
    const { browser } = await signUp(h, 'unpaid');
    const session = await checkout(browser);
    const event = fake.completedEvent(session, { paymentStatus: 'unpaid' });
    expect(await json<{ outcome: string }>(deliver(event, signStripePayload(event, WEBHOOK_SECRET, now())))).toMatchObject({ outcome: 'ignored' });
    expect(await balanceOf(browser)).toBe(10);
  });
});
