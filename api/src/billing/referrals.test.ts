/**
 * Referrals through the API: the code from GET /api/referrals stored at sign-up, both sides
 * rewarded once when the invited user's first interview is completed and scored, and each limit:
 * an unknown code, the same device, the same network prefix, the inviter's monthly cap, a second
 * interview, a retried scoring job, an interview that was not completed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@mockroom/db/client';
import { Browser, GOOD_PASSWORD, uniqueEmail, type Harness } from '../test/harness.js';
import { balanceOf, createHarnessOn, json, newApplication, newInterview, runCall } from './test-support.js';
import { keyedHash, networkPrefix } from './referrals.js';

let h: Harness;
let net = 10;

beforeAll(async () => {
  h = await createHarnessOn('pglite', { STARTING_CREDITS: '100', REFERRAL_REWARD_CREDITS: '30', REFERRAL_MONTHLY_CAP: '2', REFERRAL_HASH_SECRET: 'referral-test-secret-0123456789abcdef' });
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

/** A sign-up from `ip` with a device id and an optional referral code. */
async function join(options: { ip?: string; device?: string; ref?: string } = {}) {
  const ip = options.ip ?? `172.16.${net++}.5`;
  const browser = new Browser(h, ip);
  const res = await browser.post('/api/auth/signup', {
    email: uniqueEmail('ref'),
    displayName: 'Test Person',
    password: GOOD_PASSWORD,
    deviceId: options.device ?? crypto.randomUUID(),
    ...(options.ref ? { ref: options.ref } : {}),
  });
  expect(res.status).toBe(201);
  const { user } = await json<{ user: { id: string } }>(res);
  return { browser, user, ip };
}

type Referrals = { code: string; link: string; invited: number; rewarded: number; earnedCredits: number };

async function completeFirstInterview(b: Browser, reason: 'completed' | 'candidate_left' = 'completed', answers = 2): Promise<string> {
  const id = await newInterview(b, await newApplication(b), 10);
  expect((await b.post(`/api/interviews/${id}/token`)).status).toBe(200);
  await runCall(h, id, reason, answers);
  return id;
}

describe('referrals', () => {
  it('gives a personal link, stores the code at sign-up, and rewards both once when the invited user completes a first interview', async () => {
    const inviter = await join();
    const mine = await json<Referrals>(inviter.browser.get('/api/referrals'));
    expect(mine.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(mine.link).toBe(`http://localhost:3000/#/signup?ref=${mine.code}`);
    expect(mine).toMatchObject({ invited: 0, rewarded: 0, earnedCredits: 0 });
    // The same code on every look.
    expect((await json<Referrals>(inviter.browser.get('/api/referrals'))).code).toBe(mine.code);

    const invited = await join({ ref: mine.code.toLowerCase() });
    expect((await json<Referrals>(inviter.browser.get('/api/referrals'))).invited).toBe(1);
    expect(await balanceOf(invited.browser)).toBe(100);

    await completeFirstInterview(invited.browser);
    expect(await balanceOf(invited.browser)).toBe(100 - 10 + 30);
    expect(await balanceOf(inviter.browser)).toBe(130);
    expect(await json<Referrals>(inviter.browser.get('/api/referrals'))).toMatchObject({ invited: 1, rewarded: 1, earnedCredits: 30 });

    // A second completed interview, and a retried scoring job, pay nothing more.
    const second = await completeFirstInterview(invited.browser);
    expect((await invited.browser.post(`/api/interviews/${second}/rescore`)).status).toBe(202);
    await h.app.jobs.drain();
    expect(await balanceOf(inviter.browser)).toBe(130);
    expect(await balanceOf(invited.browser)).toBe(100 - 20 + 30);
  });

  it('stores only keyed hashes of the sign-up network prefix and device, never the address', async () => {
    const device = 'device-for-hash-check';
    const who = await join({ ip: '198.51.100.77', device });
    const [row] = rowsOf<Record<string, unknown>>(await h.t.db.owner.execute(sql`select * from referral_profiles where user_id = ${who.user.id}`));
    const key = 'referral-test-secret-0123456789abcdef';
    expect(row!.signup_network_hash).toBe(keyedHash(key, 'network', '198.51.100.0/24'));
    expect(row!.signup_device_hash).toBe(keyedHash(key, 'device', device));
    expect(JSON.stringify(row)).not.toContain('198.51.100');
    expect(JSON.stringify(row)).not.toContain(device);
  });

  it('rewards nobody when the invited user signed up on the inviter’s device', async () => {
    const inviter = await join({ device: 'shared-laptop' });
    const { code } = await json<Referrals>(inviter.browser.get('/api/referrals'));
    const invited = await join({ device: 'shared-laptop', ref: code });
    await completeFirstInterview(invited.browser);
    expect(await balanceOf(inviter.browser)).toBe(100);
    expect(await balanceOf(invited.browser)).toBe(90);
    expect(await json<Referrals>(inviter.browser.get('/api/referrals'))).toMatchObject({ invited: 1, rewarded: 0, earnedCredits: 0 });
  });

  it('rewards nobody when both signed up from the same network prefix (/24)', async () => {
    const inviter = await join({ ip: '203.0.113.10' });
    const { code } = await json<Referrals>(inviter.browser.get('/api/referrals'));
    const invited = await join({ ip: '203.0.113.200', ref: code });
    await completeFirstInterview(invited.browser);
    expect(await balanceOf(inviter.browser)).toBe(100);
    expect(await balanceOf(invited.browser)).toBe(90);
  });

  it('treats IPv6 addresses in the same /48 as one network', () => {
    expect(networkPrefix('2001:db8:abcd:1::1')).toBe(networkPrefix('2001:db8:abcd:ffff::2'));
    expect(networkPrefix('2001:db8:abcd:1::1')).not.toBe(networkPrefix('2001:db8:abce:1::1'));
    expect(networkPrefix('::ffff:192.0.2.9')).toBe('192.0.2.0/24');
  });

  it('stops paying an inviter at the monthly cap, and the invited user past the cap gets nothing either', async () => {
    const inviter = await join();
    const { code } = await json<Referrals>(inviter.browser.get('/api/referrals'));
    const friends = [await join({ ref: code }), await join({ ref: code }), await join({ ref: code })];
    for (const f of friends) await completeFirstInterview(f.browser);
    expect(await balanceOf(inviter.browser)).toBe(100 + 2 * 30);
    expect(await json<Referrals>(inviter.browser.get('/api/referrals'))).toMatchObject({ invited: 3, rewarded: 2, earnedCredits: 60 });
    expect((await Promise.all(friends.map((f) => balanceOf(f.browser)))).sort()).toEqual([120, 120, 90].sort());
  });

  it('ignores an unknown code, and pays nothing for an interview the candidate left or that was too short to score', async () => {
    const stranger = await join({ ref: 'ZZZZZZZZ' });
    await completeFirstInterview(stranger.browser);
    expect(await balanceOf(stranger.browser)).toBe(90);

    const inviter = await join();
    const { code } = await json<Referrals>(inviter.browser.get('/api/referrals'));
    const invited = await join({ ref: code });
    await completeFirstInterview(invited.browser, 'candidate_left');
    await completeFirstInterview(invited.browser, 'completed', 1);
    expect(await balanceOf(inviter.browser)).toBe(100);
    // Still open: a later completed, scored interview is the first one that counts.
    await completeFirstInterview(invited.browser);
    expect(await balanceOf(inviter.browser)).toBe(130);
  });
});
