/**
 * Test helpers for the billing tests: an in-process app over a chosen database (PGlite, or a
 * fresh Postgres database when TEST_DATABASE_URL is set), and the agent's side of a call (turns
 * and the end) so an interview can be completed, failed or abandoned without LiveKit.
 */
import { sql } from 'drizzle-orm';
import { createDb, rowsOf } from '@mockroom/db/client';
import { migrateDb } from '@mockroom/db/migrate';
import { createTestDatabase, type TestDatabase } from '@mockroom/db/testing';
import { createApp } from '../app.js';
import { testEnv } from '../env.js';
import { createApiCaches } from '../lib/context.js';
import { enforceContract } from '../test/contract.js';
import { AGENT_HEADERS, ORIGIN, type Browser, type Harness } from '../test/harness.js';

/** A harness like test/harness.ts's, on PGlite whatever TEST_DATABASE_URL says, or on Postgres. */
export async function createHarnessOn(kind: 'pglite' | 'postgres', envOverrides: Parameters<typeof testEnv>[0] = {}): Promise<Harness> {
  let t: TestDatabase;
  if (kind === 'pglite') {
    const db = createDb();
    await migrateDb(db);
    t = { db, cleanup: () => db.close() };
  } else {
    t = await createTestDatabase();
    if (!t.url) throw new Error('createHarnessOn(postgres) needs TEST_DATABASE_URL');
  }
  const env = testEnv({ APP_BASE_URL: ORIGIN, WEB_DIST_DIR: '/nonexistent', TRUSTED_PROXY_HOPS: '1', DEV_OUTBOX: 'true', ...envOverrides });
  const clock = { offsetMs: 0 };
  const app = enforceContract(createApp({ db: t.db, env, caches: createApiCaches(), clock: () => new Date(Date.now() + clock.offsetMs) }));
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

export async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

export async function newApplication(b: Browser): Promise<string> {
  const res = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  if (res.status !== 201) throw new Error(`application: ${res.status}`);
  return (await json<{ application: { id: string } }>(res)).application.id;
}

export async function newInterview(b: Browser, applicationId: string, timeBoxMinutes = 10): Promise<string> {
  const res = await b.post('/api/interviews', { applicationId, timeBoxMinutes });
  if (res.status !== 201) throw new Error(`interview: ${res.status}`);
  return (await json<{ interview: { id: string } }>(res)).interview.id;
}

export async function balanceOf(b: Browser): Promise<number> {
  return (await json<{ balance: number }>(b.get('/api/credits'))).balance;
}

function agentPost(h: Harness, path: string, body: unknown) {
  return h.app.request(`/api/agent${path}`, { method: 'POST', headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * The agent's side of a call: `answers` of the plan's questions asked and answered (each turn
 * tagged with its question), then the end with a reason; the scoring job (and what follows it)
 * runs before this returns.
 */
export async function runCall(h: Harness, interviewId: string, reason: 'completed' | 'candidate_left' | 'error', answers = 2): Promise<void> {
  const at = () => new Date().toISOString();
  const [row] = rowsOf<{ plan: { questions: { id: string; text: string }[] } }>(await h.t.db.owner.execute(sql`select plan from interviews where id = ${interviewId}`));
  const questions = row!.plan.questions;
  const turns: { speaker: string; text: string; questionId: string }[] = [];
  for (let i = 0; i < answers; i++) {
    const q = questions[i % questions.length]!;
    turns.push({ speaker: 'recruiter', text: q.text, questionId: q.id });
    turns.push({ speaker: 'candidate', text: `In my last role I led the migration of our billing service to Postgres, step ${i + 1}: I planned it, wrote the runbook, and we cut p95 latency by forty percent.`, questionId: q.id });
  }
  for (const [i, t] of turns.entries()) {
    const res = await agentPost(h, `/interviews/${interviewId}/turns`, { turnId: `t${i}`, sequence: i + 1, speaker: t.speaker, text: t.text, questionId: t.questionId, startedAt: at(), endedAt: at(), source: 'voice', interrupted: false });
    if (res.status >= 300) throw new Error(`turn: ${res.status}`);
  }
  const end = await agentPost(h, `/interviews/${interviewId}/end`, { reason });
  if (end.status >= 300) throw new Error(`end: ${end.status}`);
  await h.app.jobs.drain();
  await h.app.services.settle();
}
