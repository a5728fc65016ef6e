/**
 * The credits ledger through the API: an interview's length is charged once at its first token,
 * never overdrawn or charged twice under many concurrent starts (on PGlite and on a real
 * Postgres, where the requests truly run in parallel on a pool of connections), refused with 402
 * and nothing written when the balance is short, refunded when the call fails on our side only.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@mockroom/db/client';
import { testDatabaseUrl } from '@mockroom/db/testing';
import { signUp, type Harness } from '../test/harness.js';
import { balanceOf, createHarnessOn, json, newApplication, newInterview, runCall } from './test-support.js';

// `pnpm test` (scripts/test.sh) always provides a Postgres; a direct vitest run may not.
if (process.env.CI && !testDatabaseUrl()) throw new Error('CI runs the ledger tests on Postgres too: TEST_DATABASE_URL is unset');
const KINDS = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

async function ledgerRows(h: Harness, userId: string) {
  return rowsOf<{ amount: number; kind: string; idempotency_key: string; interview_id: string | null }>(
    await h.t.db.owner.execute(sql`select amount, kind, idempotency_key, interview_id from credit_ledger where user_id = ${userId} order by created_at`),
  );
}

describe.each(KINDS)('credits ledger on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarnessOn(kind, { STARTING_CREDITS: '50', CREDITS_PER_MINUTE: '1' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);

  it('starts with the starting grant and states the price per minute', async () => {
    const { browser } = await signUp(h, 'grant');
    const credits = await json<{ balance: number; creditsPerMinute: number; enforced: boolean; entries: { kind: string; amount: number }[] }>(browser.get('/api/credits'));
    expect(credits.balance).toBe(50);
    expect(credits.enforced).toBe(true);
    expect(credits.creditsPerMinute).toBe(1);
    expect(credits.entries).toEqual([expect.objectContaining({ kind: 'starting_grant', amount: 50 })]);
  });

  it('never overdraws or double-charges under many parallel starts against a balance that covers only some', async () => {
    const { browser, user } = await signUp(h, 'race');
    const app = await newApplication(browser);
    // 50 credits, 10-minute interviews at 1 credit a minute: exactly five can start.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await newInterview(browser, app, 10));
    // Every interview asked for twice at once (a double click, a reconnect): 24 concurrent starts.
    const starts = [...ids, ...ids].map((id) => browser.post(`/api/interviews/${id}/token`).then(async (res) => ({ id, status: res.status, body: (await res.json()) as { error?: { code: string } } })));
    const results = await Promise.all(starts);
    const started = new Set(results.filter((r) => r.status === 200).map((r) => r.id));
    const refused = results.filter((r) => r.status === 402);
    expect(started.size).toBe(5);
    expect(results.every((r) => r.status === 200 || r.status === 402)).toBe(true);
    for (const r of refused) expect(r.body.error?.code).toBe('insufficient_credits');
    // No interview both started and refused: its duplicate saw the same charge.
    for (const r of refused) expect(started.has(r.id)).toBe(false);

    const rows = await ledgerRows(h, user.id);
    const charges = rows.filter((r) => r.kind === 'interview');
    expect(charges).toHaveLength(5);
    expect(new Set(charges.map((c) => c.interview_id))).toEqual(started);
    expect(charges.every((c) => c.amount === -10)).toBe(true);
    // Never negative at any point of the ledger's order, and zero now.
    let running = 0;
    for (const r of rows) {
      running += r.amount;
      expect(running).toBeGreaterThanOrEqual(0);
    }
    expect(running).toBe(0);
    expect(await balanceOf(browser)).toBe(0);
  }, 120_000);

  it('refuses a start it cannot pay with 402 and writes nothing; after buying, the same interview starts', async () => {
    const { browser, user } = await signUp(h, 'short');
    const app = await newApplication(browser);
    const id = await newInterview(browser, app, 60);
    const before = await ledgerRows(h, user.id);
    const refused = await browser.post(`/api/interviews/${id}/token`);
    expect(refused.status).toBe(402);
    const body = await json<{ error: { code: string; message: string } }>(refused);
    expect(body.error.code).toBe('insufficient_credits');
    expect(body.error.message).toMatch(/costs 60 credits.*balance is 50/);
    expect(await ledgerRows(h, user.id)).toEqual(before);
    expect((await json<{ interview: { status: string } }>(browser.get(`/api/interviews/${id}`))).interview.status).toBe('scheduled');

    // The development provider (no Stripe key) grants a pack at once.
    const bought = await json<{ url: string | null; grantedCredits: number | null }>(browser.post('/api/credits/checkout', { packId: 'starter' }));
    expect(bought).toEqual({ url: null, grantedCredits: 60 });
    expect((await browser.post(`/api/interviews/${id}/token`)).status).toBe(200);
    expect(await balanceOf(browser)).toBe(50);
    // A reconnect asks for a token again: not charged again.
    expect((await browser.post(`/api/interviews/${id}/token`)).status).toBe(200);
    expect(await balanceOf(browser)).toBe(50);
  });

  it('fixes the length once charged: the plan editor may not lengthen a started interview', async () => {
    const { browser } = await signUp(h, 'length');
    const id = await newInterview(browser, await newApplication(browser), 5);
    expect((await browser.request('PUT', `/api/interviews/${id}/plan`, { timeBoxMinutes: 10 })).status).toBe(200);
    expect((await browser.post(`/api/interviews/${id}/token`)).status).toBe(200);
    expect(await balanceOf(browser)).toBe(40);
    const changed = await browser.request('PUT', `/api/interviews/${id}/plan`, { timeBoxMinutes: 45 });
    expect(changed.status).toBe(409);
    expect((await json<{ error: { code: string } }>(changed)).error.code).toBe('interview_charged');
    // Saving the plan again without changing the length still works.
    expect((await browser.request('PUT', `/api/interviews/${id}/plan`, { timeBoxMinutes: 10 })).status).toBe(200);
  });

  it('refunds a call that failed on our side, once, and not one the candidate left', async () => {
    const { browser, user } = await signUp(h, 'refund');
    const app = await newApplication(browser);
    const failed = await newInterview(browser, app, 10);
    const left = await newInterview(browser, app, 10);
    expect((await browser.post(`/api/interviews/${failed}/token`)).status).toBe(200);
    expect((await browser.post(`/api/interviews/${left}/token`)).status).toBe(200);
    expect(await balanceOf(browser)).toBe(30);

    await runCall(h, failed, 'error', 1);
    await runCall(h, left, 'candidate_left', 1);
    expect(await balanceOf(browser)).toBe(40);
    const rows = await ledgerRows(h, user.id);
    expect(rows.filter((r) => r.kind === 'refund')).toEqual([expect.objectContaining({ amount: 10, interview_id: failed })]);

    // A retried scoring job (rescore) refunds nothing more.
    expect((await browser.post(`/api/interviews/${failed}/rescore`)).status).toBe(202);
    await h.app.jobs.drain();
    expect(await balanceOf(browser)).toBe(40);
  });

  it('keeps the ledger insert-only for the request role: no update or delete, no grants to itself', async () => {
    const { user } = await signUp(h, 'rls');
    const asUser = (q: ReturnType<typeof sql>) => h.t.db.asUser(user.id, (tx) => tx.execute(q));
    await expect(asUser(sql`update credit_ledger set amount = 1000 where user_id = ${user.id}`)).rejects.toThrow();
    await expect(asUser(sql`delete from credit_ledger where user_id = ${user.id}`)).rejects.toThrow();
    await expect(
      asUser(sql`insert into credit_ledger (user_id, amount, kind, idempotency_key) values (${user.id}, 1000, 'purchase', 'forged')`),
    ).rejects.toThrow();
  });
});

describe('credits switched off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarnessOn('pglite', { CREDITS_ENFORCED: 'false', STARTING_CREDITS: '0' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);

  it('starts interviews without charging anything', async () => {
    const { browser } = await signUp(h, 'free');
    const id = await newInterview(browser, await newApplication(browser), 60);
    expect((await browser.post(`/api/interviews/${id}/token`)).status).toBe(200);
    const credits = await json<{ balance: number; enforced: boolean; entries: unknown[] }>(browser.get('/api/credits'));
    expect(credits).toMatchObject({ balance: 0, enforced: false, entries: [] });
  });
});
