/**
 * Privacy promises as behaviour (issue 16): deleting an interview or an application removes it at
 * once; the CV and the dossiers; account deletion with a grace period, sign-out everywhere, an
 * email with the date, cancel on sign-in, and a durable purge that leaves no personal data in any
 * table of the schema; the export covers every user-owned table; analytics events carry none of
 * the user's words; the privacy facts follow the configuration; the minimum age at sign-up.
 */
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnInput } from '@mockroom/core';
import { rowsOf } from '@mockroom/db/client';
import * as schema from '@mockroom/db/schema';
import { bucket, LIMITS } from '../auth/rate-limit.js';
import { createApp } from '../app.js';
import { createApiCaches } from '../lib/context.js';
import { exportTables } from '../lib/export.js';
import { toPrivacyInfo } from '../lib/privacy-info.js';
import { testEnv } from '../env.js';
import { AGENT_HEADERS, Browser, createHarness, GOOD_PASSWORD, signUp, uniqueEmail, type Harness } from '../test/harness.js';

let h: Harness;
const OPERATOR = 'ops@example.test';
// One app for the file, with an operator address configured (the usage page's guard).
beforeAll(async () => {
  h = await createHarness({}, { OPERATOR_EMAILS: 'Ops@Example.test' });
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

const DAY_MS = 24 * 3600_000;

/** Distinct strings planted in each kind of personal data, searched for after deletions. */
function canaries(tag: string) {
  const r = Math.random().toString(36).slice(2, 8);
  return {
    name: `Zyxname${tag}${r}`,
    cv: `cvcanary${tag}${r} built a ledger service in Rust and TypeScript`,
    jd: `jdcanary${tag}${r} we need Postgres and TypeScript`,
    company: `Companycanary${tag}${r}`,
    answer: `answercanary${tag}${r} I led the migration to Postgres`,
  };
}

/**
 * The user-owned tables fullAccount fills. Every table of the schema is searched after a purge
 * whatever it holds, and the export is compared with the database's own list of tables with a
 * user column, so a table missing here is still covered; this list is what must be non-empty.
 */
const SEEDED_TABLES = ['users', 'sessions', 'one_time_tokens', 'cvs', 'applications', 'interviews', 'transcript_turns', 'turn_metrics', 'reports', 'jobs', 'outbox_emails'] as const;

type Account = Awaited<ReturnType<typeof signUp>> & { c: ReturnType<typeof canaries>; applicationId: string; interviewId: string };

function turn(turnId: string, sequence: number, text: string, speaker: 'candidate' | 'recruiter' = 'candidate'): TurnInput {
  const now = new Date().toISOString();
  return { turnId, sequence, speaker, text, startedAt: now, endedAt: now, source: 'voice', interrupted: false };
}

function agentPost(path: string, body: unknown) {
  return h.app.request(`/api/agent${path}`, { method: 'POST', headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * An account with something in every table a user's activity fills: profile, sessions, a
 * verification code, an uploaded CV (and its rate-limit bucket), an application, an interview with
 * transcript turns and turn metrics, a scoring job and its report, outbox mail.
 */
async function fullAccount(tag: string): Promise<Account> {
  const c = canaries(tag);
  const browser = new Browser(h, `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  const email = uniqueEmail(tag);
  const res = await browser.post('/api/auth/signup', { email, displayName: c.name, password: GOOD_PASSWORD, ageConfirmed: true });
  expect(res.status).toBe(201);
  const { user } = (await res.json()) as { user: { id: string; email: string } };
  const form = new FormData();
  form.set('file', new File([c.cv], 'cv.txt', { type: 'text/plain' }));
  expect((await browser.request('PUT', '/api/cv', form)).status).toBe(200);
  const app = await browser.post('/api/applications', { company: c.company, role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: c.jd });
  const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await browser.post('/api/interviews', { applicationId });
  const interviewId = ((await iv.json()) as { interview: { id: string } }).interview.id;
  expect((await agentPost(`/interviews/${interviewId}/turns`, turn('t1', 1, 'Tell me about a project.', 'recruiter'))).status).toBe(201);
  expect((await agentPost(`/interviews/${interviewId}/turns`, turn('t2', 2, c.answer))).status).toBe(201);
  expect((await agentPost(`/interviews/${interviewId}/turns`, turn('t3', 3, `${c.answer} and measured the latency`))).status).toBe(201);
  expect((await agentPost(`/interviews/${interviewId}/metrics`, { turnId: 't2', endOfTurnDelayMs: 300, sttMs: 100, llmFirstTokenMs: 200, ttsFirstByteMs: 150, totalMs: 750 })).status).toBeLessThan(300);
  expect((await agentPost(`/interviews/${interviewId}/end`, { reason: 'completed' })).status).toBeLessThan(300);
  await h.app.jobs.drain();
  await h.app.services.settle();
  return { browser, user, c, applicationId, interviewId };
}

async function count(table: string, where: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`))[0]!.n;
}

/** Every table of the schema, read whole as the owner, as text (one JSON line per row). */
async function dumpEveryTable(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const value of Object.values(schema) as unknown[]) {
    if (!is(value, PgTable)) continue;
    const name = getTableConfig(value).name;
    const rows = rowsOf<Record<string, unknown>>(await h.t.db.owner.execute(sql`select * from ${sql.identifier(name)}`));
    out.set(name, rows.map((r) => JSON.stringify(r)).join('\n'));
  }
  return out;
}

async function outbox(): Promise<{ to: string; subject: string; text: string }[]> {
  return ((await (await new Browser(h).get('/api/dev/outbox')).json()) as { emails: { to: string; subject: string; text: string }[] }).emails;
}

describe('deleting an interview', () => {
  it('removes its transcript, metrics, report, dossier and queued jobs at once, and the agent’s later writes are refused for good', async () => {
    const a = await fullAccount('ivdel');
    const other = await createInterviewFor(a.browser, a.applicationId);
    const id = a.interviewId;
    expect(await count('reports', sql`interview_id = ${id}`)).toBe(1);
    // Someone else cannot delete it.
    const bob = await signUp(h, 'bob');
    expect((await bob.browser.request('DELETE', `/api/interviews/${id}`)).status).toBe(404);
    // A queued rescoring job names the interview.
    expect((await a.browser.post(`/api/interviews/${id}/rescore`)).status).toBe(202);

    expect((await a.browser.request('DELETE', `/api/interviews/${id}`)).status).toBe(204);
    for (const table of ['transcript_turns', 'turn_metrics', 'reports']) expect(await count(table, sql`interview_id = ${id}`), table).toBe(0);
    expect(await count('interviews', sql`id = ${id}`)).toBe(0);
    expect(await count('jobs', sql`payload->>'interviewId' = ${id}`)).toBe(0);
    expect((await a.browser.get(`/api/interviews/${id}`)).status).toBe(404);
    expect((await a.browser.get(`/api/interviews/${id}/dossier`)).status).toBe(404);
    // The agent's spool drops a record the API refuses with a 4xx other than 408/429 (agent/src/api-client.ts).
    expect((await agentPost(`/interviews/${id}/turns`, turn('late', 9, 'a late answer'))).status).toBe(404);
    // The application and its other interview stay.
    expect((await a.browser.get(`/api/interviews/${other}`)).status).toBe(200);
    expect((await a.browser.request('DELETE', `/api/interviews/${id}`)).status).toBe(404);
  });

  it('ends a live call before deleting it', async () => {
    const b = await signUp(h, 'live');
    const app = await b.browser.post('/api/applications', { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'TypeScript.' });
    const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
    const id = await createInterviewFor(b.browser, applicationId);
    expect((await agentPost(`/interviews/${id}/turns`, turn('t1', 1, 'hello there'))).status).toBe(201);
    expect((await b.browser.request('DELETE', `/api/interviews/${id}`)).status).toBe(204);
    expect(await count('interviews', sql`id = ${id}`)).toBe(0);
    expect(await count('transcript_turns', sql`interview_id = ${id}`)).toBe(0);
    expect((await agentPost(`/interviews/${id}/turns`, turn('t2', 2, 'still talking'))).status).toBe(404);
  });
});

async function createInterviewFor(b: Browser, applicationId: string): Promise<string> {
  const iv = await b.post('/api/interviews', { applicationId });
  expect(iv.status).toBe(201);
  return ((await iv.json()) as { interview: { id: string } }).interview.id;
}

describe('deleting an application', () => {
  it('removes its job description and all its interviews with their transcripts, immediately', async () => {
    const a = await fullAccount('appdel');
    const second = await createInterviewFor(a.browser, a.applicationId);
    expect((await a.browser.request('DELETE', `/api/applications/${a.applicationId}`)).status).toBe(204);
    expect(await count('applications', sql`id = ${a.applicationId}`)).toBe(0);
    expect(await count('interviews', sql`application_id = ${a.applicationId}`)).toBe(0);
    for (const id of [a.interviewId, second]) {
      for (const table of ['transcript_turns', 'turn_metrics', 'reports']) expect(await count(table, sql`interview_id = ${id}`), table).toBe(0);
    }
    const everything = [...(await dumpEveryTable()).values()].join('\n');
    expect(everything).not.toContain(a.c.jd);
    expect(everything).not.toContain(a.c.answer);
    expect(everything).not.toContain(a.c.company);
  });
});

describe('the CV and the dossiers', () => {
  it('replaces the one CV on upload, deletes its text, and keeps each interview’s snapshot until the interview goes', async () => {
    const a = await fullAccount('dossier');
    const dossier = (await (await a.browser.get(`/api/interviews/${a.interviewId}/dossier`)).json()) as { dossier: { cvSnapshot: string | null; jobDescription: string; plan: { questions: unknown[] } } };
    expect(dossier.dossier.cvSnapshot).toContain(a.c.cv);
    expect(dossier.dossier.jobDescription).toBe(a.c.jd);
    expect(dossier.dossier.plan.questions.length).toBeGreaterThan(0);

    expect((await a.browser.request('PUT', '/api/cv', { text: 'a newer CV text' })).status).toBe(200);
    expect(await count('cvs', sql`user_id = ${a.user.id}`)).toBe(1);
    expect((await a.browser.request('DELETE', '/api/cv')).status).toBe(204);
    expect(await count('cvs', sql`user_id = ${a.user.id}`)).toBe(0);
    expect(((await (await a.browser.get('/api/cv')).json()) as { cv: unknown }).cv).toBeNull();
    // The earlier dossier still holds its snapshot, as the CV page says…
    expect(await count('interviews', sql`id = ${a.interviewId} and cv_snapshot like ${`%${a.c.cv}%`}`)).toBe(1);
    // …until the interview is deleted.
    expect((await a.browser.request('DELETE', `/api/interviews/${a.interviewId}`)).status).toBe(204);
    expect([...(await dumpEveryTable()).values()].join('\n')).not.toContain(a.c.cv);
  });
});

describe('account deletion', () => {
  it('signs out everywhere, hides the account, emails the date, offers to cancel on sign-in, and purges nothing before the date', async () => {
    const a = await fullAccount('cancel');
    const phone = new Browser(h, '10.8.0.2');
    expect((await phone.post('/api/auth/signin', { email: a.user.email, password: GOOD_PASSWORD })).status).toBe(200);
    expect((await a.browser.request('DELETE', '/api/me', { password: 'not the password at all' })).status).toBe(403);

    const res = await a.browser.request('DELETE', '/api/me', { password: GOOD_PASSWORD });
    expect(res.status).toBe(202);
    const { scheduledFor } = (await res.json()) as { scheduledFor: string };
    const due = Date.parse(scheduledFor);
    expect(Math.abs(due - (Date.now() + 14 * DAY_MS))).toBeLessThan(60_000);
    // Every session, on every device, is gone.
    expect((await a.browser.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect(await count('sessions', sql`user_id = ${a.user.id}`)).toBe(0);
    await h.app.services.settle();
    const mail = (await outbox()).filter((m) => m.to === a.user.email && /deleted/i.test(m.subject));
    const dateText = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(due));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(dateText);

    // Signing in during the grace period works, says when, and offers only to cancel.
    const back = new Browser(h, '10.8.0.3');
    const signin = await back.post('/api/auth/signin', { email: a.user.email, password: GOOD_PASSWORD });
    expect(signin.status).toBe(200);
    expect(((await signin.json()) as { user: { deletionScheduledFor?: string } }).user.deletionScheduledFor).toBe(scheduledFor);
    const hidden = await back.get('/api/applications');
    expect(hidden.status).toBe(403);
    expect(((await hidden.json()) as { error: { code: string } }).error.code).toBe('account_deletion_pending');
    expect(((await (await back.get('/api/me/deletion')).json()) as { scheduledFor: string | null }).scheduledFor).toBe(scheduledFor);

    // A purge job that runs early (the runner waking before the date) deletes nothing.
    h.clock.offsetMs = 13 * DAY_MS;
    await h.app.jobs.drain();
    expect(await count('users', sql`id = ${a.user.id}`)).toBe(1);
    h.clock.offsetMs = 0;

    const cancel = await back.request('DELETE', '/api/me/deletion');
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { scheduledFor: string | null }).scheduledFor).toBeNull();
    expect((await back.get('/api/applications')).status).toBe(200);
    expect(((await (await back.get('/api/auth/me')).json()) as { user: Record<string, unknown> }).user).not.toHaveProperty('deletionScheduledFor');

    // Past the date, the cancelled request's job finds nothing due.
    h.clock.offsetMs = 15 * DAY_MS;
    try {
      await h.app.jobs.drain();
    } finally {
      h.clock.offsetMs = 0;
    }
    expect(await count('users', sql`id = ${a.user.id}`)).toBe(1);
    expect(await count('interviews', sql`user_id = ${a.user.id}`)).toBe(1);
  });

  it('after the grace period a durable job, run by a restarted server, leaves no personal data in any table', async () => {
    const a = await fullAccount('purge');
    const keep = await fullAccount('keep');
    // The bucket an upload counted against this user: keyed by their id (hashed), removed too.
    const cvBucket = bucket({ name: 'cv-upload-user', max: 0, windowMs: 1 }, a.user.id);
    expect(await count('rate_limits', sql`key = ${cvBucket}`)).toBe(1);
    // Every table the user's activity fills holds something of theirs before the purge.
    const before = await dumpEveryTable();
    for (const table of SEEDED_TABLES) expect(before.get(table), `${table} has a row of the user before the purge`).toContain(a.user.id);
    expect(exportTables().map((t) => t.name)).toEqual(expect.arrayContaining([...SEEDED_TABLES]));

    expect((await a.browser.request('DELETE', '/api/me', { password: GOOD_PASSWORD })).status).toBe(202);
    expect(await count('jobs', sql`kind = 'purge_account' and user_id = ${a.user.id} and run_after > now() + interval '13 days'`)).toBe(1);

    // A new process over the same database (the first one gone) picks the job up once it is due.
    const restarted = createApp({ db: h.t.db, env: h.env, caches: createApiCaches(), clock: () => new Date(Date.now() + 14 * DAY_MS + 60_000) });
    try {
      await restarted.jobs.drain();
      await restarted.services.settle();
    } finally {
      await restarted.jobs.stop();
    }

    const after = await dumpEveryTable();
    const needles = [a.user.id, a.user.email, a.c.name, a.c.cv, a.c.jd, a.c.company, a.c.answer, a.interviewId, a.applicationId, cvBucket, ...Object.values(LIMITS).map((l) => bucket(l, a.user.email))];
    for (const [table, text] of after) {
      for (const needle of needles) expect(text.includes(needle), `${table} still holds ${needle === a.user.id ? 'the user id' : 'personal data'}`).toBe(false);
    }
    // The other account is untouched.
    for (const table of SEEDED_TABLES) expect(after.get(table), table).toContain(keep.user.id);
    expect((await keep.browser.get(`/api/interviews/${keep.interviewId}`)).status).toBe(200);
    // Signing in is refused: the account no longer exists.
    expect((await new Browser(h, '10.8.1.1').post('/api/auth/signin', { email: a.user.email, password: GOOD_PASSWORD })).status).toBe(401);
  });
});

describe('export', () => {
  it('covers every user-owned table in the database, and the archive holds data.json and readable transcripts', async () => {
    const a = await fullAccount('export');
    const inDb = rowsOf<{ name: string }>(
      await h.t.db.owner.execute(sql`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and not c.relname like '__drizzle%'
          and (c.relname = 'users' or exists (select 1 from information_schema.columns col where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'user_id'))
        order by 1`),
    ).map((r) => r.name);
    const exp = (await (await a.browser.get('/api/me/export')).json()) as { tables: Record<string, Record<string, unknown>[]> };
    expect(Object.keys(exp.tables).sort()).toEqual(inDb);
    for (const table of SEEDED_TABLES) expect(exp.tables[table]!.length, `${table} exported`).toBeGreaterThan(0);
    const text = JSON.stringify(exp);
    for (const value of [a.c.cv, a.c.jd, a.c.answer, a.c.name]) expect(text).toContain(value);
    expect(text).not.toMatch(/password_?hash|secret_?hash|token_?hash/i);

    const res = await a.browser.get('/api/me/export/archive');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="mockroom-export-\d{4}-\d{2}-\d{2}\.tar\.gz"/);
    const files = untar(gunzipSync(Buffer.from(await res.arrayBuffer())));
    expect([...files.keys()].some((p) => p === 'mockroom-export/data.json')).toBe(true);
    const data = JSON.parse(files.get('mockroom-export/data.json')!) as { tables: Record<string, unknown[]> };
    expect(Object.keys(data.tables).sort()).toEqual(inDb);
    const transcripts = [...files].filter(([p]) => p.startsWith('mockroom-export/transcripts/'));
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]![1]).toContain(`You: ${a.c.answer}`);
    expect(transcripts[0]![1]).toContain('Recruiter: Tell me about a project.');
  });
});

/** Reads a ustar archive (what the export writes): path → text. */
function untar(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let offset = 0;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim(), 8);
    files.set(name, buf.subarray(offset + 512, offset + 512 + size).toString('utf8'));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('product analytics', () => {
  it('records what was used with no words of the user, counts per day for operators only, and sweeps old events', async () => {
    const a = await fullAccount('events');
    expect((await a.browser.request('DELETE', `/api/applications/${a.applicationId}`)).status).toBe(204);
    const events = rowsOf<Record<string, unknown>>(await h.t.db.owner.execute(sql`select * from events`));
    expect(events.length).toBeGreaterThan(0);
    const text = JSON.stringify(events);
    for (const value of [a.user.id, a.user.email, a.c.name, a.c.cv, a.c.jd, a.c.company, a.c.answer, a.interviewId, a.applicationId]) expect(text).not.toContain(value);
    expect(new Set(events.map((e) => e.name))).toEqual(expect.objectContaining(new Set(['application_created', 'interview_created', 'cv_saved', 'application_deleted'])) as Set<string>);
    for (const name of ['application_created', 'interview_created', 'cv_saved', 'application_deleted', 'interview_deleted']) expect(events.map((e) => e.name)).toContain(name);
    // The database itself refuses a name outside the list or a free-text value.
    await expect(h.t.db.asWorker((tx) => tx.execute(sql`insert into events (name) values (${a.c.name})`))).rejects.toThrow();
    // The user's own role cannot read or write it.
    await expect(h.t.db.asUser(a.user.id, (tx) => tx.execute(sql`select * from events`))).rejects.toThrow();

    expect((await a.browser.get('/api/operator/events')).status).toBe(403);
    const opBrowser = new Browser(h, '10.9.9.9');
    expect((await opBrowser.post('/api/auth/signup', { email: OPERATOR, displayName: 'Ops', password: GOOD_PASSWORD, ageConfirmed: true })).status).toBe(201);
    const counts = (await (await opBrowser.get('/api/operator/events?days=7')).json()) as { days: number; counts: { day: string; name: string; count: number }[] };
    expect(counts.days).toBe(7);
    const today = new Date().toISOString().slice(0, 10);
    const created = rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select coalesce(sum(count), 0)::int as n from events where name = 'application_created'`))[0]!.n;
    expect(created).toBeGreaterThan(0);
    expect(counts.counts).toContainEqual({ day: today, name: 'application_created', count: created });
    // Retention: the daily durable job deletes events older than the period.
    expect(await count('jobs', sql`kind = 'events-retention'`)).toBeGreaterThanOrEqual(1);
    h.clock.offsetMs = (h.env.EVENTS_RETENTION_DAYS + 2) * DAY_MS;
    try {
      await h.app.jobs.drain();
    } finally {
      h.clock.offsetMs = 0;
    }
    expect(await count('events', sql`occurred_at < now()`)).toBe(0);
  });
});

describe('privacy facts from the configuration', () => {
  it('says “processed on this server” for the offline providers and names the vendor of a hosted one', async () => {
    const local = (await (await new Browser(h).get('/api/privacy')).json()) as ReturnType<typeof toPrivacyInfo>;
    expect(local.processors.map((p) => p.sentence)).toEqual(expect.arrayContaining(['Speech: processed on this server.']));
    expect(local.processors.every((p) => p.onThisServer)).toBe(true);
    expect(local).toMatchObject({ audioStored: false, usedForTraining: false, minimumAge: 16, retention: { accountDeletionGraceDays: 14, serverLogsDays: 90 } });

    const hosted = toPrivacyInfo(testEnv({ STT_PROVIDER: 'deepgram', TTS_PROVIDER: 'elevenlabs', LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm', RESEND_API_KEY: 'k', ACCOUNT_DELETION_GRACE_DAYS: '30' }));
    const byStage = Object.fromEntries(hosted.processors.map((p) => [p.stage, p]));
    expect(byStage['speech-to-text']!.sentence).toBe('Speech: sent to Deepgram for transcription.');
    expect(byStage['text-to-speech']!.vendor).toBe('ElevenLabs');
    // An OpenAI-compatible endpoint on this machine (Ollama, say) keeps the words here.
    expect(byStage.interviewer!.onThisServer).toBe(true);
    expect(byStage.email!.vendor).toBe('Resend');
    expect(hosted.retention.accountDeletionGraceDays).toBe(30);
    const cloud = toPrivacyInfo(testEnv({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'k' }));
    expect(cloud.processors.find((p) => p.stage === 'interviewer')!.sentence).toMatch(/sent to OpenAI/);
  });
});

describe('minimum age', () => {
  it('refuses a sign-up that does not confirm the minimum age and records the confirmation', async () => {
    const b = new Browser(h, '10.6.0.1');
    const refused = await b.post('/api/auth/signup', { email: uniqueEmail('young'), displayName: 'Kid', password: GOOD_PASSWORD, ageConfirmed: false });
    expect(refused.status).toBe(400);
    const email = uniqueEmail('adult');
    const ok = await b.post('/api/auth/signup', { email, displayName: 'Adult', password: GOOD_PASSWORD, ageConfirmed: true });
    expect(ok.status).toBe(201);
    expect(await count('users', sql`email = ${email} and age_confirmed_at is not null`)).toBe(1);
  });
});
