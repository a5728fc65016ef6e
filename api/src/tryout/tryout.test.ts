/**
 * The free tryout through the API in process: the limits (device, network prefix + fingerprint,
 * hourly cap per prefix), that only keyed hashes are stored, the 5-minute time box, what a guest
 * may not do, claiming into an account, and the retention purge.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@mockroom/db/client';
import { sweepInterviews, SWEEP_GRACE_MS } from '../lib/interview-lifecycle.js';
import { AGENT_HEADERS, Browser, createHarness, GOOD_PASSWORD, signUp, uniqueEmail, type Harness } from '../test/harness.js';
import { purgeExpiredTryouts, TRYOUT_RETENTION_JOB } from './retention.js';
import { TRYOUT_QUESTION_COUNT, TRYOUT_TIME_BOX_SECONDS } from './service.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
let n = 0;
/** A browser with its own device id and features, at `ip`. */
function device(ip: string, opts: { deviceId?: string; fingerprint?: string } = {}) {
  n++;
  return { browser: new Browser(h, ip), deviceId: opts.deviceId ?? digest(`device-${n}-${Math.random()}`), fingerprint: opts.fingerprint ?? digest(`features-${n}-${Math.random()}`) };
}
async function start(d: ReturnType<typeof device>, role = 'Support engineer') {
  return d.browser.post('/api/tryout', { deviceId: d.deviceId, fingerprint: d.fingerprint, role });
}
async function startOk(d: ReturnType<typeof device>) {
  const res = await start(d);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { interviewId: string }).interviewId;
}
function agent(method: string, path: string, body?: unknown) {
  return h.app.request(path, { method, headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
}
function turn(turnId: string, sequence: number, speaker: 'candidate' | 'recruiter', text: string, questionId?: string) {
  const now = new Date(Date.now() + h.clock.offsetMs).toISOString();
  return { turnId, sequence, speaker, text, startedAt: now, endedAt: now, ...(questionId ? { questionId } : {}) };
}
const ANSWER =
  'For example, at my last job I led the support rota because tickets were waiting for days. I wrote a triage guide and trained the team, and as a result the wait fell by half in a month.';

/** Holds the tryout call through the agent routes: each planned question asked and answered, then ended. */
async function holdCall(b: Browser, interviewId: string) {
  const detail = (await (await b.get(`/api/interviews/${interviewId}`)).json()) as { interview: { plan: { questions: { id: string; text: string }[] } } };
  let seq = 0;
  for (const q of detail.interview.plan.questions) {
    expect((await agent('POST', `/api/agent/interviews/${interviewId}/turns`, turn(`r-${q.id}`, seq++, 'recruiter', q.text, q.id))).status).toBe(201);
    expect((await agent('POST', `/api/agent/interviews/${interviewId}/turns`, turn(`c-${q.id}`, seq++, 'candidate', ANSWER, q.id))).status).toBe(201);
  }
  expect((await b.post(`/api/interviews/${interviewId}/end`)).status).toBe(200);
  await h.app.jobs.drain();
}

describe('tryout limits', () => {
  it('starts one 5-minute interview for a new device as a signed-in guest', async () => {
    const d = device('203.0.113.7');
    const res = await start(d, 'Data analyst');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { interviewId: string; timeBoxSeconds: number };
    expect(body.timeBoxSeconds).toBe(300);
    const state = (await (await d.browser.get('/api/tryout')).json()) as { guest: boolean; interviewId: string };
    expect(state).toEqual({ guest: true, interviewId: body.interviewId, timeBoxSeconds: 300 });
    const detail = (await (await d.browser.get(`/api/interviews/${body.interviewId}`)).json()) as { interview: { timeBoxSeconds: number; plan: { questions: unknown[] }; status: string } };
    expect(detail.interview.timeBoxSeconds).toBe(TRYOUT_TIME_BOX_SECONDS);
    expect(detail.interview.plan.questions).toHaveLength(TRYOUT_QUESTION_COUNT);
    expect(detail.interview.status).toBe('scheduled');
    // The LiveKit token works for it like for any interview.
    expect((await d.browser.post(`/api/interviews/${body.interviewId}/token`)).status).toBe(200);
  });

  it('refuses a second tryout from the same device, from another network too', async () => {
    const first = device('198.51.100.10');
    await startOk(first);
    const again = device('192.0.2.200', { deviceId: first.deviceId });
    const res = await start(again);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('tryout_used');
    expect(body.error.message).toMatch(/create a free account/i);
    // The same guest asking again is refused the same way.
    expect((await start(first)).status).toBe(403);
  });

  it('refuses the same browser features from the same network prefix after its storage was cleared', async () => {
    const first = device('198.51.101.10');
    await startOk(first);
    // Another host in the same /24, a fresh device id, the same features: a private window, say.
    const res = await start(device('198.51.101.77', { fingerprint: first.fingerprint }));
    expect(res.status).toBe(403);
    // The same features on another network are another person's identical laptop: allowed.
    await startOk(device('198.51.102.10', { fingerprint: first.fingerprint }));
    // IPv6: the /48 is the network.
    const v6 = device('2001:db8:aaaa:1::10');
    await startOk(v6);
    expect((await start(device('2001:db8:aaaa:ffff::99', { fingerprint: v6.fingerprint }))).status).toBe(403);
  });

  it('allows a different device on the same network, up to the hourly cap per prefix', async () => {
    expect(h.env.TRYOUT_PREFIX_HOURLY_MAX).toBe(3);
    await startOk(device('192.0.2.1'));
    await startOk(device('192.0.2.2'));
    await startOk(device('192.0.2.3'));
    const capped = await start(device('192.0.2.4'));
    expect(capped.status).toBe(429);
    expect(((await capped.json()) as { error: { code: string } }).error.code).toBe('tryout_busy');
    const retryAfter = Number(capped.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Other networks are not held up by it.
    await startOk(device('192.0.3.1'));
    // An hour later the prefix may start again.
    h.clock.offsetMs += 3600_000 + 1000;
    try {
      await startOk(device('192.0.2.5'));
    } finally {
      h.clock.offsetMs -= 3600_000 + 1000;
    }
  });

  it('stores only keyed hashes: no digest the browser sent, no address, no prefix anywhere in the database', async () => {
    const ip = '203.0.114.45';
    const d = device(ip);
    await startOk(d);
    const tables = rowsOf<{ name: string }>(await h.t.db.owner.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`));
    let dump = '';
    for (const { name } of tables) {
      const rows = rowsOf<{ row: unknown }>(await h.t.db.owner.execute(sql`select row_to_json(t) as row from ${sql.identifier(name)} t`));
      dump += JSON.stringify(rows);
    }
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of [d.deviceId, d.fingerprint, ip, '203.0.114.0/24', '203.0.114.']) expect(dump).not.toContain(secret);
    const stored = rowsOf<{ device_key: string; network_key: string; prefix_key: string }>(await h.t.db.owner.execute(sql`select device_key, network_key, prefix_key from tryouts`));
    for (const row of stored) for (const v of Object.values(row)) expect(v).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a signed-in account a tryout', async () => {
    const { browser } = await signUp(h, 'has-account');
    const res = await browser.post('/api/tryout', { deviceId: digest('x'), fingerprint: digest('y') });
    expect(res.status).toBe(409);
  });
});

describe('tryout time box', () => {
  it('closes the tryout call once its 5 minutes are up', async () => {
    const d = device('203.0.115.9');
    const interviewId = await startOk(d);
    expect((await agent('POST', `/api/agent/interviews/${interviewId}/turns`, turn('r-0', 0, 'recruiter', 'Hello'))).status).toBe(201);
    const status = async () => ((await (await d.browser.get(`/api/interviews/${interviewId}`)).json()) as { interview: { status: string; endReason: string | null } }).interview;
    expect((await status()).status).toBe('live');
    // Four minutes in: still open.
    h.clock.offsetMs += 4 * 60_000;
    await sweepInterviews(h.app.services);
    expect((await status()).status).toBe('live');
    h.clock.offsetMs += 60_000 + SWEEP_GRACE_MS + 1000;
    try {
      await sweepInterviews(h.app.services);
      expect(await status()).toMatchObject({ status: 'ended', endReason: 'time_box' });
    } finally {
      h.clock.offsetMs -= 5 * 60_000 + SWEEP_GRACE_MS + 1000;
    }
  });
});

describe('guest restrictions', () => {
  it('keeps a guest to its tryout', async () => {
    const d = device('203.0.116.1');
    const interviewId = await startOk(d);
    const b = d.browser;
    const refused = [
      await b.post('/api/applications', { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'TypeScript' }),
      await b.post('/api/interviews', { applicationId: crypto.randomUUID() }),
      await b.post('/api/cv', { text: 'my cv' }),
      await b.post('/api/shares', { interviewId }),
      await b.request('PUT', `/api/interviews/${interviewId}/plan`, { questions: [] }),
      await b.get('/api/me'),
      await b.get('/api/applications'),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('guest_account');
    }
    expect((await b.get(`/api/interviews/${interviewId}`)).status).toBe(200);
    expect((await b.get(`/api/interviews/${interviewId}/report`)).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(200);
  });

  it('cannot be signed into: the placeholder address has a password nobody knows', async () => {
    const d = device('203.0.116.2');
    await startOk(d);
    const me = (await (await d.browser.get('/api/auth/me')).json()) as { user: { email: string } };
    expect(me.user.email).toMatch(/@tryout\.invalid$/);
    expect((await new Browser(h, '203.0.116.3').post('/api/auth/signin', { email: me.user.email, password: GOOD_PASSWORD })).status).toBe(401);
  });
});

describe('claiming a tryout', () => {
  it('turns the guest into an account that keeps the transcript and the report', async () => {
    const d = device('203.0.117.1');
    const interviewId = await startOk(d);
    expect((await d.browser.post(`/api/interviews/${interviewId}/token`)).status).toBe(200);
    await holdCall(d.browser, interviewId);
    const guestCookie = new Map(d.browser.cookies);
    const email = uniqueEmail('claimed');
    const res = await d.browser.post('/api/tryout/claim', { email, displayName: 'Casey Claimer', password: GOOD_PASSWORD, ageConfirmed: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { user: { email: string; displayName: string } }).user).toMatchObject({ email, displayName: 'Casey Claimer' });
    expect(await (await d.browser.get('/api/tryout')).json()).toMatchObject({ guest: false, interviewId: null });

    // Signed in fresh with the new address and password: the tryout's transcript and scored report are there.
    const signedIn = new Browser(h, '203.0.117.50');
    expect((await signedIn.post('/api/auth/signin', { email, password: GOOD_PASSWORD })).status).toBe(200);
    const list = (await (await signedIn.get('/api/interviews')).json()) as { interviews: { id: string; overall: number | null }[] };
    expect(list.interviews.map((i) => i.id)).toEqual([interviewId]);
    const detail = (await (await signedIn.get(`/api/interviews/${interviewId}`)).json()) as { turns: { speaker: string; text: string }[] };
    expect(detail.turns.filter((t) => t.speaker === 'candidate').length).toBe(TRYOUT_QUESTION_COUNT);
    const report = (await (await signedIn.get(`/api/interviews/${interviewId}/report`)).json()) as { status: string; report: { status: string; overall: number } };
    expect(report.status).toBe('ready');
    expect(report.report.status).not.toBe('incomplete');
    expect(report.report.overall).toBeGreaterThan(0);
    // A full account now: it may create applications.
    expect((await signedIn.post('/api/applications', { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'TypeScript' })).status).toBe(201);

    // The guest's old cookie is dead, and nothing can be claimed twice.
    const stale = new Browser(h, '203.0.117.1');
    stale.cookies = guestCookie;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    const twice = await d.browser.post('/api/tryout/claim', { email: uniqueEmail('again'), displayName: 'Again', password: GOOD_PASSWORD, ageConfirmed: true });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('not_a_guest');
    // The device stays used, and its row no longer names the account.
    expect((await start(device('198.18.0.1', { deviceId: d.deviceId }))).status).toBe(403);
    const { user } = (await (await signedIn.get('/api/auth/me')).json()) as { user: { id: string } };
    const linked = rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select count(*)::int as n from tryouts where user_id = ${user.id}`));
    expect(linked[0]!.n).toBe(0);
    // The tryout spent no credits; the claimed account got the starting grant new accounts get.
    const ledger = rowsOf<{ kind: string; amount: number }>(await h.t.db.owner.execute(sql`select kind, amount from credit_ledger where user_id = ${user.id}`));
    expect(ledger.map((r) => r.kind)).toEqual(['starting_grant']);
    expect(ledger[0]!.amount).toBe(h.env.STARTING_CREDITS);
  });

  it('refuses an address that already has an account, and keeps the guest usable', async () => {
    const { user } = await signUp(h, 'taken');
    const d = device('203.0.117.2');
    await startOk(d);
    const res = await d.browser.post('/api/tryout/claim', { email: user.email, displayName: 'Dup', password: GOOD_PASSWORD, ageConfirmed: true });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('email_taken');
    expect(await (await d.browser.get('/api/tryout')).json()).toMatchObject({ guest: true });
    // The existing account is untouched: its owner still signs in.
    expect((await new Browser(h, '203.0.117.60').post('/api/auth/signin', { email: user.email, password: GOOD_PASSWORD })).status).toBe(200);
  });

  it('requires the age confirmation and a good password, as sign-up does', async () => {
    const d = device('203.0.117.3');
    await startOk(d);
    expect((await d.browser.post('/api/tryout/claim', { email: uniqueEmail('young'), displayName: 'Y', password: GOOD_PASSWORD, ageConfirmed: false })).status).toBe(400);
    const weak = await d.browser.post('/api/tryout/claim', { email: uniqueEmail('weak'), displayName: 'W', password: 'password', ageConfirmed: true });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { code: string } }).error.code).toMatch(/^password_/);
  });

  it('refuses a claim without a session, and from an account that never was a guest', async () => {
    expect((await new Browser(h, '203.0.117.4').post('/api/tryout/claim', { email: uniqueEmail('x'), displayName: 'X', password: GOOD_PASSWORD, ageConfirmed: true })).status).toBe(401);
    const { browser } = await signUp(h, 'never-guest');
    const res = await browser.post('/api/tryout/claim', { email: uniqueEmail('y'), displayName: 'Y', password: GOOD_PASSWORD, ageConfirmed: true });
    expect(res.status).toBe(409);
  });
});

describe('tryout retention', () => {
  it('purges the hashes and the unclaimed guest with its interview after the retention period, by the scheduled job', async () => {
    const unclaimed = device('203.0.118.1');
    const unclaimedInterview = await startOk(unclaimed);
    const claimed = device('203.0.118.2');
    const claimedInterview = await startOk(claimed);
    const email = uniqueEmail('kept');
    expect((await claimed.browser.post('/api/tryout/claim', { email, displayName: 'Kept', password: GOOD_PASSWORD, ageConfirmed: true })).status).toBe(200);
    const count = async (table: string, where = sql`true`) =>
      rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`))[0]!.n;
    expect(await count('jobs', sql`kind = ${TRYOUT_RETENTION_JOB}`)).toBeGreaterThan(0);

    // A day short of the retention period: nothing goes.
    h.clock.offsetMs += (h.env.TRYOUT_RETENTION_DAYS - 1) * 24 * 3600_000;
    expect((await purgeExpiredTryouts(h.app.services)).guests).toBe(0);
    expect(await count('interviews', sql`id = ${unclaimedInterview}`)).toBe(1);

    // Past it: the durable job (due at the first midnight after the period) purges.
    h.clock.offsetMs += 2 * 24 * 3600_000 + 1000;
    try {
      await h.app.jobs.drain();
      expect(await count('interviews', sql`id = ${unclaimedInterview}`)).toBe(0);
      expect(await count('users', sql`guest`)).toBe(0);
      expect(await count('tryouts')).toBe(0);
      expect(await count('jobs', sql`kind = ${TRYOUT_RETENTION_JOB} and status <> 'done'`)).toBe(0);
      // The claimed account and its interview stay.
      expect(await count('interviews', sql`id = ${claimedInterview}`)).toBe(1);
      expect(await count('users', sql`email = ${email}`)).toBe(1);
      // The unclaimed guest's cookie is dead.
      expect((await unclaimed.browser.get('/api/tryout')).status).toBe(200);
      expect(await (await unclaimed.browser.get('/api/tryout')).json()).toMatchObject({ guest: false });
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
