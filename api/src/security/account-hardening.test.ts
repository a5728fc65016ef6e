/**
 * Findings 4, 5 and 8 of issue 15, each as the probe reproduced it: a reset link that survived a
 * password change, an anonymous caller using up the owner's email quota, a taken address revealed by
 * sign-up, a repeated-emoji password accepted, and authenticated JSON without `Cache-Control: no-store`.
 */
import { describe, expect, it } from 'vitest';
import { outboxEmails } from '@mockroom/db/schema';
import { Browser, GOOD_PASSWORD, harnessPerFile, signUp, uniqueEmail, type Harness } from '../test/harness.js';

let h: Harness;
harnessPerFile((x) => {
  h = x;
});

async function mailsTo(email: string): Promise<{ subject: string; text: string }[]> {
  await h.app.services.settle();
  const rows = await h.t.db.asWorker((tx) => tx.select().from(outboxEmails));
  return rows.filter((r) => r.to === email).map((r) => ({ subject: r.subject, text: r.text }));
}

async function resetToken(email: string): Promise<string> {
  const mail = (await mailsTo(email)).filter((m) => /reset/i.test(m.subject)).at(-1)!;
  return /token=([a-z2-7]+)/.exec(mail.text)![1]!;
}

describe('password reset links', () => {
  it('stop working once the password is changed', async () => {
    const { browser, user } = await signUp(h);
    const anon = new Browser(h, '10.9.0.1');
    expect((await anon.post('/api/auth/password-reset/request', { email: user.email })).status).toBe(202);
    const token = await resetToken(user.email);
    expect((await browser.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'a changed passphrase' })).status).toBe(204);
    const reset = await anon.post('/api/auth/password-reset', { token, password: 'the attacker passphrase' });
    expect(reset.status).toBe(400);
    expect((await anon.post('/api/auth/signin', { email: user.email, password: 'a changed passphrase' })).status).toBe(200);
  });
});

describe('email quotas', () => {
  it('lets no anonymous caller use up the owner’s verification emails', async () => {
    const { browser, user } = await signUp(h);
    for (let i = 0; i < 12; i++) await new Browser(h, `10.9.1.${i}`).post('/api/auth/password-reset/request', { email: user.email });
    const before = (await mailsTo(user.email)).filter((m) => /verification/i.test(m.subject)).length;
    const res = await browser.post('/api/auth/verify-email/request');
    expect(res.status).toBe(202);
    expect((await mailsTo(user.email)).filter((m) => /verification/i.test(m.subject)).length).toBe(before + 1);
  });

  it('tells the requester, in the same words for every address, when no more reset mail will be sent', async () => {
    const { user } = await signUp(h);
    const unknown = uniqueEmail('nobody');
    const answers: Record<string, number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 8; i++) {
      answers.known!.push((await new Browser(h, `10.9.2.${i}`).post('/api/auth/password-reset/request', { email: user.email })).status);
      answers.unknown!.push((await new Browser(h, `10.9.3.${i}`).post('/api/auth/password-reset/request', { email: unknown })).status);
    }
    expect(answers.known).toEqual(answers.unknown);
    expect(answers.known!.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(answers.known!.slice(5)).toEqual([429, 429, 429]);
    const refused = await new Browser(h, '10.9.2.99').post('/api/auth/password-reset/request', { email: user.email });
    expect(((await refused.json()) as { error: { message: string } }).error.message).not.toContain(user.email);
    // Every request that was answered 202 sent its mail; none was dropped silently.
    expect((await mailsTo(user.email)).filter((m) => /reset/i.test(m.subject))).toHaveLength(5);
  });
});

describe('sign-up', () => {
  it('answers a taken address as it answers a new one and emails the owner instead', async () => {
    const { user } = await signUp(h);
    const fresh = await new Browser(h, '10.9.4.1').post('/api/auth/signup', { email: uniqueEmail(), displayName: 'Someone', password: GOOD_PASSWORD });
    const taken = await new Browser(h, '10.9.4.2').post('/api/auth/signup', { email: user.email, displayName: 'Someone', password: GOOD_PASSWORD });
    expect(taken.status).toBe(fresh.status);
    const shape = (body: unknown) => JSON.stringify(body, (_k, v: unknown) => (typeof v === 'object' && v !== null ? v : typeof v));
    expect(shape(await taken.json())).toBe(shape(await fresh.json()));
    const notices = (await mailsTo(user.email)).filter((m) => /already/i.test(m.subject));
    expect(notices).toHaveLength(1);
  });
});

describe('password strength', () => {
  it('refuses a password of one repeated emoji as it refuses one repeated letter', async () => {
    const b = new Browser(h, '10.9.5.1');
    for (const password of ['aaaaaaaa', '😀😀😀😀😀😀😀😀', '👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽']) {
      const res = await b.post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password });
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
    }
    // Four family emoji are 28 code points but four characters a person typed: too short.
    const family = await b.post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password: '👨‍👩‍👧‍👦👩‍👩‍👦‍👦👨‍👨‍👧‍👧👨‍👩‍👦‍👦' });
    expect(((await family.json()) as { error: { code: string } }).error.code).toBe('password_too_short');
    expect((await b.post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password: '😀🎉🚀🌍🍕🎸📚🐙' })).status).toBe(201);
  });
});

describe('caching', () => {
  it('marks authenticated JSON no-store', async () => {
    const { browser } = await signUp(h);
    for (const path of ['/api/auth/me', '/api/applications', '/api/me/export']) {
      const res = await browser.get(path);
      expect(res.status).toBe(200);
      expect({ path, cacheControl: res.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
    }
  });
});
