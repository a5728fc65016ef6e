/**
 * Two API instances in one process on one real Postgres, each with its own pool, LISTEN
 * connection and caches, as two processes behind a load balancer would be: what one instance
 * revokes or closes is refused by the other on the very next request; rate limits are counted
 * once for both; migrations started at once by both apply once; a queued job and a periodic tick
 * run once. Needs TEST_DATABASE_URL (scripts/test.sh starts a Postgres for it).
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, rowsOf, type MockroomDb } from '@mockroom/db/client';
import { MIGRATIONS_DIR, migrateDb } from '@mockroom/db/migrate';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '@mockroom/db/testing';
import { createApp } from '../app.js';
import { testEnv, type Env } from '../env.js';
import { enqueueTx } from '../jobs/queue.js';
import { createJobRunner } from '../jobs/runner.js';
import { SessionCache } from '../auth/session.js';
import { createApiCaches } from '../lib/context.js';
import { enforceContract } from '../test/contract.js';
import { Browser, createInterview, GOOD_PASSWORD, ORIGIN, signUp, type Harness } from '../test/harness.js';
import { attachBus } from './attach.js';
import { createPostgresBus, type ClusterBus } from './bus.js';
import { claimTick, startSchedule } from './schedule.js';

interface Instance {
  name: string;
  db: MockroomDb;
  bus: ClusterBus | null;
  app: ReturnType<typeof createApp>;
  /** What the harness helpers (Browser, signUp) need. */
  h: Harness;
  close(): Promise<void>;
}

async function startInstance(t: TestDatabase, env: Env, name: string, options: { bus: boolean } = { bus: true }): Promise<Instance> {
  const db = createDb({ databaseUrl: t.url!, maxConnections: 4 });
  const caches = createApiCaches();
  const bus = options.bus ? await createPostgresBus({ databaseUrl: t.url!, applicationName: `mockroom-test-bus-${name}` }) : null;
  if (bus) attachBus(caches, bus);
  const app = enforceContract(createApp({ db, env, caches }));
  const close = async () => {
    await app.jobs.stop();
    await app.services.settle();
    await bus?.close();
    await db.close();
  };
  return { name, db, bus, app, h: { app, t, env, clock: { offsetMs: 0 }, close } as Harness, close };
}

/** The same browser (same cookies, same address) talking to another instance, as a load balancer would send it. */
function via(b: Browser, instance: Instance, ip: string): Browser {
  const other = new Browser(instance.h, ip);
  other.cookies = b.cookies;
  return other;
}

let ipCounter = 0;
function nextIp(): string {
  ipCounter++;
  return `10.77.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

async function signInAgain(instance: Instance, email: string): Promise<Browser> {
  const b = new Browser(instance.h, nextIp());
  const res = await b.post('/api/auth/signin', { email, password: GOOD_PASSWORD });
  expect(res.status).toBe(200);
  return b;
}

// Generous per-test time: signing up and creating an interview can take 15 s on this loaded 2-core machine.
describe.runIf(Boolean(testDatabaseUrl()))('API instances on one Postgres', { timeout: 120_000 }, () => {
  let t: TestDatabase;
  let a: Instance;
  let b: Instance;
  const env = testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', DEV_OUTBOX: 'true' });

  beforeAll(async () => {
    t = await createTestDatabase();
    [a, b] = await Promise.all([startInstance(t, env, 'a'), startInstance(t, env, 'b')]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await t?.cleanup();
  }, 60_000);

  it('refuses on B, on the very next request, a session signed out on A', async () => {
    const { browser } = await signUp(a.h, 'signout');
    const onB = via(browser, b, '10.2.0.1');
    // B has it cached now.
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    const stolen = new Map(browser.cookies);
    expect((await browser.post('/api/auth/signout')).status).toBe(204);
    const replay = new Browser(b.h, '10.2.0.2');
    replay.cookies = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses on B every session ended by a sign-out everywhere on A', async () => {
    const { browser, user } = await signUp(a.h, 'everywhere');
    const other = await signInAgain(b, user.email);
    const otherOnB = via(other, b, '10.3.0.1');
    expect((await otherOnB.get('/api/auth/me')).status).toBe(200);
    expect((await browser.post('/api/auth/signout-all')).status).toBe(204);
    expect((await otherOnB.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses on B the other sessions after a password change on A, and keeps the one that changed it', async () => {
    const { browser, user } = await signUp(a.h, 'pwchange');
    const laptop = await signInAgain(b, user.email);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    const changerOnB = via(browser, b, '10.4.0.1');
    expect((await changerOnB.get('/api/auth/me')).status).toBe(200);
    const res = await browser.post('/api/auth/password', { currentPassword: GOOD_PASSWORD, newPassword: 'a different horse battery staple' });
    expect(res.status).toBe(204);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await changerOnB.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses on B a token for an interview ended on A', async () => {
    const { browser } = await signUp(a.h, 'close');
    const { interviewId } = await createInterview(browser);
    const onB = via(browser, b, '10.5.0.1');
    // B now knows the interview as open (and the session).
    expect((await onB.post(`/api/interviews/${interviewId}/token`)).status).toBe(200);
    expect((await onB.post(`/api/interviews/${interviewId}/token`)).status).toBe(200);
    expect((await browser.post(`/api/interviews/${interviewId}/end`)).status).toBe(200);
    expect((await onB.post(`/api/interviews/${interviewId}/token`)).status).toBe(409);
  });

  it('serves a revoked session from an instance without the bus (the window the bus closes)', async () => {
    const loner = await startInstance(t, env, 'loner', { bus: false });
    // A clock that stands still, so the entry cannot expire however slow this machine is.
    const frozen = Date.now();
    loner.app.services.caches.sessions = new SessionCache(undefined, () => frozen);
    try {
      const { browser } = await signUp(a.h, 'loner');
      const onLoner = via(browser, loner, '10.6.0.1');
      expect((await onLoner.get('/api/auth/me')).status).toBe(200);
      const kept = new Map(browser.cookies);
      expect((await browser.post('/api/auth/signout-all')).status).toBe(204);
      const replay = new Browser(loner.h, '10.6.0.2');
      replay.cookies = kept;
      // Its cache still holds the session: this is what B would do without LISTEN/NOTIFY.
      expect((await replay.get('/api/auth/me')).status).toBe(200);
    } finally {
      await loner.close();
    }
  });

  it('still refuses a revocation after B lost its LISTEN connection, and trusts its cache again once it is back', async () => {
    const { browser, user } = await signUp(a.h, 'relisten');
    const other = await signInAgain(b, user.email);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    const killed = rowsOf<{ ok: boolean }>(
      await t.admin!`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'mockroom-test-bus-b'`,
    );
    expect(killed.length).toBeGreaterThan(0);
    expect((await browser.post('/api/auth/signout-all')).status).toBe(204);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    // The bus re-opens its connections by itself; each sync waits at most SYNC_TIMEOUT_MS.
    let synced = false;
    for (let i = 0; i < 10 && !synced; i++) synced = await b.bus!.sync();
    expect(synced).toBe(true);
    expect(b.bus!.healthy).toBe(true);
  });

  it('counts one rate limit for both instances', async () => {
    const email = `limit-${randomBytes(4).toString('hex')}@example.test`;
    const onA = new Browser(a.h, '10.8.0.1');
    const onB = new Browser(b.h, '10.8.0.1');
    const statuses: number[] = [];
    // LIMITS.resetRequestsPerAddress: 5 an hour per address.
    for (const client of [onA, onB, onA, onB, onA]) statuses.push((await client.post('/api/auth/password-reset/request', { email })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    expect((await onB.post('/api/auth/password-reset/request', { email })).status).toBe(429);
    expect((await onA.post('/api/auth/password-reset/request', { email })).status).toBe(429);
  });

  it('runs each queued job once when both instances drain the queue at the same time', async () => {
    const kind = `cluster-test-${randomBytes(3).toString('hex')}`;
    const ids = Array.from({ length: 24 }, (_, i) => `job-${i}`);
    await a.db.asWorker(async (tx) => {
      for (const id of ids) await enqueueTx(tx, { kind, payload: { id }, uniqueKey: `${kind}:${id}` });
    });
    const ran: { id: string; by: string }[] = [];
    const runner = (inst: Instance) =>
      createJobRunner(() => inst.app.services, {
        [kind]: async (job) => {
          ran.push({ id: String(job.payload.id), by: inst.name });
          // Let the other instance's claim interleave with this job.
          await new Promise((r) => setImmediate(r));
        },
      });
    const [ra, rb] = [runner(a), runner(b)];
    await Promise.all([ra.drain(), rb.drain()]);
    const mine = ran.map((r) => r.id).sort();
    expect(mine).toEqual([...ids].sort());
    const left = rowsOf<{ n: string }>(await t.admin!`select count(*) as n from jobs where kind = ${kind} and status <> 'done'`);
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('runs a periodic tick once when both instances wake for it', async () => {
    const now = new Date('2031-05-05T10:00:30Z');
    let runs = 0;
    const task = { name: `test-${randomBytes(3).toString('hex')}`, periodMs: 60_000, run: async () => void runs++ };
    const sa = startSchedule(a.db, [task], { now: () => now, timers: false });
    const sb = startSchedule(b.db, [task], { now: () => now, timers: false });
    try {
      const [ranA, ranB] = await Promise.all([sa.runDue(), sb.runDue()]);
      expect(ranA.length + ranB.length).toBe(1);
      expect(runs).toBe(1);
      // Same tick later (a slower instance's timer): nothing; the next period's tick: once.
      expect(await sb.runDue()).toEqual([]);
      expect(await claimTick(b.db, task, new Date(now.getTime() + 60_000))).toBe(true);
      expect(await claimTick(a.db, task, new Date(now.getTime() + 60_000))).toBe(false);
    } finally {
      await Promise.all([sa.stop(), sb.stop()]);
    }
  });

  it('applies the migrations once when two instances start on a fresh database at the same time', async () => {
    const base = testDatabaseUrl()!;
    const name = `mr_race_${randomBytes(5).toString('hex')}`;
    const root = postgres(base, { max: 1, onnotice: () => {} });
    await root.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const [one, two] = [createDb({ databaseUrl: url.toString(), maxConnections: 1 }), createDb({ databaseUrl: url.toString(), maxConnections: 1 })];
    try {
      await Promise.all([migrateDb(one), migrateDb(two)]);
      const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
      const applied = rowsOf<{ n: string }>(await one.owner.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
      expect(Number(applied[0]!.n)).toBe(journal.entries.length);
      await two.assertRlsEnforced();
    } finally {
      await Promise.all([one.close(), two.close()]);
      await root.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await root.end();
    }
  }, 120_000);
});
