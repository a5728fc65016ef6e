import { describe, expect, it } from 'vitest';
import { Browser, createHarness, GOOD_PASSWORD, harnessPerFile, signUp, uniqueEmail, type Harness } from '../test/harness.js';

let h: Harness;
harnessPerFile((x) => {
  h = x;
});

async function outbox(): Promise<{ to: string; subject: string; text: string }[]> {
  await h.app.services.settle();
  const res = await new Browser(h).get('/api/dev/outbox');
  return ((await res.json()) as { emails: { to: string; subject: string; text: string }[] }).emails;
}

describe('auth routes', () => {
  it('signs up, reads /me, signs out and in again with a new session token', async () => {
    const { browser, user } = await signUp(h);
    const cookieBefore = browser.cookies.get('mr_session');
    expect(cookieBefore).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
    expect((await browser.post('/api/auth/signout')).status).toBe(204);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    const again = await browser.post('/api/auth/signin', { email: user.email, password: GOOD_PASSWORD });
    expect(again.status).toBe(200);
    expect(browser.cookies.get('mr_session')).not.toBe(cookieBefore);
  });

  it('sets an HttpOnly SameSite=Lax cookie, and __Host- Secure on https', async () => {
    const res = await new Browser(h).post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password: GOOD_PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mr_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const hs = await createHarness({}, { APP_BASE_URL: 'https://mock.example' });
    try {
      const r2 = await hs.app.request('/api/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ email: uniqueEmail(), displayName: 'B', password: GOOD_PASSWORD }),
      });
      const c2 = r2.headers.getSetCookie().find((c) => c.startsWith('__Host-mr_session='))!;
      expect(c2).toMatch(/Secure/);
      expect(c2).toMatch(/Path=\//);
      expect(c2).not.toMatch(/Domain/);
    } finally {
      await hs.close();
    }
  });

  it('rejects short, long and common passwords without composition rules', async () => {
    const b = new Browser(h);
    for (const [password, code] of [
      ['short', 'password_too_short'],
      ['x'.repeat(129), 'password_too_long'],
      ['password123', 'password_too_common'],
    ] as const) {
      const res = await b.post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const ok = await b.post('/api/auth/signup', { email: uniqueEmail(), displayName: 'A', password: 'all lowercase words only' });
    expect(ok.status).toBe(201);
  });

  it('does not reveal the driver message or a session on a duplicate email', async () => {
    const { user } = await signUp(h);
    const again = new Browser(h);
    const res = await again.post('/api/auth/signup', { email: user.email, displayName: 'Z', password: GOOD_PASSWORD });
    expect(res.status).toBe(201);
    expect((await again.get('/api/auth/me')).status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain(user.id);
    expect(text).not.toMatch(/duplicate|constraint|key/i);
  });

  it('refuses forged and expired sessions', async () => {
    const forged = new Browser(h);
    forged.cookies.set('mr_session', 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    expect((await forged.get('/api/auth/me')).status).toBe(401);
    const { browser } = await signUp(h);
    const real = browser.cookies.get('mr_session')!;
    const tampered = new Browser(h);
    tampered.cookies.set('mr_session', real.slice(0, 25) + (real[25] === 'a' ? 'b' : 'a') + real.slice(26));
    expect((await tampered.get('/api/auth/me')).status).toBe(401);
    h.clock.offsetMs = 15 * 24 * 3600_000;
    try {
      expect((await browser.get('/api/auth/me')).status).toBe(401);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('issues a new token at sign-in even when a session cookie was planted (no fixation)', async () => {
    const { browser: attacker } = await signUp(h, 'attacker');
    const planted = attacker.cookies.get('mr_session')!;
    const { user } = await signUp(h, 'victim');
    const victim = new Browser(h);
    victim.cookies.set('mr_session', planted);
    const res = await victim.post('/api/auth/signin', { email: user.email, password: GOOD_PASSWORD });
    expect(res.status).toBe(200);
    expect(victim.cookies.get('mr_session')).not.toBe(planted);
    // The planted token is not the victim's session.
    const check = new Browser(h);
    check.cookies.set('mr_session', planted);
    expect(((await (await check.get('/api/auth/me')).json()) as { user?: { id: string } }).user?.id).not.toBe(user.id);
  });

  it('rejects cross-site writes whatever the content type', async () => {
    const { browser } = await signUp(h);
    for (const [type, body] of [
      ['application/json', '{}'],
      ['text/plain', '{}'],
      ['application/x-www-form-urlencoded', 'a=1'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const cross = await browser.request('POST', '/api/auth/signout-all', body, { 'content-type': type, 'sec-fetch-site': 'cross-site' });
      expect(cross.status).toBe(403);
      const badOrigin = await browser.request('POST', '/api/auth/signout-all', body, { 'content-type': type, origin: 'https://evil.example' });
      expect(badOrigin.status).toBe(403);
    }
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    const good = await browser.request('POST', '/api/auth/signout-all', undefined, { origin: 'http://localhost:3000' });
    expect(good.status).toBe(204);
  });

  it('verifies email with a single-use code from the outbox', async () => {
    const { browser, user } = await signUp(h);
    const mails = (await outbox()).filter((m) => m.to === user.email);
    const code = /code is (\d{8})/.exec(mails[0]!.text)![1]!;
    expect((await browser.post('/api/auth/verify-email', { code: code === '00000000' ? '11111111' : '00000000' })).status).toBe(400);
    const ok = await browser.post('/api/auth/verify-email', { code });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
    expect((await browser.post('/api/auth/verify-email', { code })).status).toBe(400);
  });

  it('resets a password once, ends sessions, and answers the same for unknown emails', async () => {
    const { browser, user } = await signUp(h);
    const anon = new Browser(h);
    const known = await anon.post('/api/auth/password-reset/request', { email: user.email });
    const unknown = await anon.post('/api/auth/password-reset/request', { email: uniqueEmail('nobody') });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    const mail = (await outbox()).find((m) => m.to === user.email && /reset/i.test(m.subject))!;
    const token = /token=([a-z2-7]+)/.exec(mail.text)![1]!;
    expect(mail.text).toContain('http://localhost:3000/');
    const reset = await anon.post('/api/auth/password-reset', { token, password: 'a brand new passphrase' });
    expect(reset.status).toBe(204);
    expect((await anon.post('/api/auth/password-reset', { token, password: 'another new passphrase' })).status).toBe(400);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    expect((await anon.post('/api/auth/signin', { email: user.email, password: 'a brand new passphrase' })).status).toBe(200);
  });

  it('expires reset tokens', async () => {
    const { user } = await signUp(h);
    const anon = new Browser(h);
    await anon.post('/api/auth/password-reset/request', { email: user.email });
    const mail = (await outbox()).find((m) => m.to === user.email && /reset/i.test(m.subject))!;
    const token = /token=([a-z2-7]+)/.exec(mail.text)![1]!;
    h.clock.offsetMs = 21 * 60_000;
    try {
      // Expiry is checked by the database clock, so move the stored expiry instead of the app clock.
      await h.t.db.owner.execute((await import('drizzle-orm')).sql`update one_time_tokens set expires_at = now() - interval '1 minute'`);
      expect((await anon.post('/api/auth/password-reset', { token, password: 'a brand new passphrase' })).status).toBe(400);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('changes the password and ends the other sessions only', async () => {
    const { browser, user } = await signUp(h);
    const other = new Browser(h);
    await other.post('/api/auth/signin', { email: user.email, password: GOOD_PASSWORD });
    expect((await other.get('/api/auth/me')).status).toBe(200);
    const res = await browser.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'fresh passphrase here' });
    expect(res.status).toBe(204);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
  });

  it('rate-limits per IP and ignores spoofed X-Forwarded-For without a trusted proxy', async () => {
    const hs = await createHarness({}, { TRUSTED_PROXY_HOPS: '0' });
    try {
      let limited = 0;
      for (let i = 0; i < 65; i++) {
        const res = await hs.app.request('/api/auth/signin', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': `203.0.113.${i}` },
          body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong' }),
        });
        if (res.status === 429) limited++;
      }
      expect(limited).toBeGreaterThan(0);
    } finally {
      await hs.close();
    }
  });
});
