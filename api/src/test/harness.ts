/**
 * Test harness: createApp in process over a fresh database — in-memory PGlite, or a fresh
 * Postgres database when TEST_DATABASE_URL is set — with a cookie-keeping request helper.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@mockroom/db/testing';
import { createApp, type AppDeps } from '../app.js';
import { testEnv, type Env } from '../env.js';
import { enforceContract } from './contract.js';
import { createApiCaches } from '../lib/context.js';

export const ORIGIN = 'http://localhost:3000';

export interface Harness {
  app: ReturnType<typeof createApp>;
  t: TestDatabase;
  env: Env;
  /** The app's clock runs at real time plus offsetMs. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export async function createHarness(overrides: Partial<AppDeps> = {}, envOverrides: Parameters<typeof testEnv>[0] = {}): Promise<Harness> {
  const t = await createTestDatabase();
  const env = testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', DEV_OUTBOX: 'true', ...envOverrides });
  const clock = { offsetMs: 0 };
  // Every JSON answer in every API test is checked against its route's declared response schema.
  const app = enforceContract(createApp({ db: t.db, env, caches: createApiCaches(), clock: () => new Date(Date.now() + clock.offsetMs), ...overrides }));
  return {
    app,
    t,
    env,
    clock,
    async close() {
      await app.jobs.stop();
      await app.services.settle();
      await t.cleanup();
    },
  };
}

/** A browser-like client: keeps cookies, sends same-origin fetch metadata on writes. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    private readonly h: Harness,
    private readonly ip = '10.0.0.1',
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, ...headers };
    if (method !== 'GET' && !('sec-fetch-site' in headers) && !('origin' in headers)) h['sec-fetch-site'] = 'same-origin';
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.h.app.request(path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const idx = pair!.indexOf('=');
      const name = pair!.slice(0, idx);
      const value = pair!.slice(idx + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }
}

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter++;
  return `${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * One harness for the whole test file: created before its tests (then `ready` runs, e.g. to sign
 * users up) and closed after them. Generous hook timeouts: creating the database can take more than
 * the default 10 s on a loaded machine.
 */
export function harnessPerFile(ready: (h: Harness) => void | Promise<void>): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await createHarness();
    await ready(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);
}

export const GOOD_PASSWORD = 'correct horse battery staple';

export async function signUp(h: Harness, tag = 'user'): Promise<{ browser: Browser; user: { id: string; email: string } }> {
  const browser = new Browser(h, `10.1.${counter % 250}.${Math.floor(Math.random() * 250)}`);
  const email = uniqueEmail(tag);
  const res = await browser.post('/api/auth/signup', { email, displayName: 'Test Person', password: GOOD_PASSWORD });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string; email: string } };
  return { browser, user };
}

export const AGENT_HEADERS = (env: Env) => ({ authorization: `Bearer ${env.AGENT_API_TOKEN}` });

/** Creates an application (fields overridable) and an interview for it as the signed-in browser. */
export async function createInterview(b: Browser, application: Record<string, unknown> = {}): Promise<{ applicationId: string; interviewId: string }> {
  const app = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.', ...application });
  const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await b.post('/api/interviews', { applicationId });
  return { applicationId, interviewId: ((await iv.json()) as { interview: { id: string } }).interview.id };
}
