import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@mockroom/db/client';
import { awardAchievements } from '../habits/award.js';
import { sendDueReminders } from '../habits/reminders.js';
import { createUnsubscribeToken } from '../habits/unsubscribe-token.js';
import type { Email, Mailer } from '../lib/mailer.js';
import { AGENT_HEADERS, Browser, createHarness, createInterview, signUp, type Harness } from '../test/harness.js';

let h: Harness;
const sent: Email[] = [];
const mailer: Mailer = { send: async (email) => void sent.push(email) };

beforeAll(async () => {
  h = await createHarness({ mailer });
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

type Person = Awaited<ReturnType<typeof signUp>>;

const PLAN = {
  version: 1,
  questions: [
    { id: 'q1', kind: 'behavioural', competency: 'ownership', text: 'Tell me about a project you owned.', strongAnswer: [], followUps: [], skill: 'ownership', keywords: [] },
    { id: 'q2', kind: 'technical', competency: 'postgres', text: 'How would you index a slow query?', strongAnswer: [], followUps: [], skill: 'postgres', keywords: [] },
  ],
  requiredSkills: [],
};

/** A finished, scored interview of the user that ended at `endedAt` (seeded as the owner: the call itself is tested elsewhere). */
async function seedCompleted(p: Person, applicationId: string, endedAt: string, opts: { status?: 'scored' | 'incomplete'; clarity?: number; q2?: string } = {}): Promise<string> {
  const id = crypto.randomUUID();
  const body = {
    overall: 62,
    status: opts.status ?? 'scored',
    dimensions: [{ key: 'clarity', label: 'Clarity', score: opts.clarity ?? 3, reason: 'r', evidence: [] }],
    questions: [
      { questionId: 'q1', text: PLAN.questions[0]!.text, status: 'answered', assessment: 'Clear story.' },
      { questionId: 'q2', text: PLAN.questions[1]!.text, status: opts.q2 ?? 'insufficient', assessment: 'Thin answer.' },
    ],
  };
  await h.t.db.owner.execute(sql`insert into interviews (id, application_id, user_id, status, room_name, plan, time_box_seconds, started_at, ended_at, end_reason)
    values (${id}, ${applicationId}, ${p.user.id}, 'ended', ${`iv_${id}`}, ${JSON.stringify(PLAN)}::jsonb, 900, ${endedAt}::timestamptz - interval '10 minutes', ${endedAt}::timestamptz, 'completed')`);
  await h.t.db.owner.execute(sql`insert into reports (interview_id, user_id, version, generator, overall, dimensions, speech, body)
    values (${id}, ${p.user.id}, 'test-1', 'offline', 62, ${JSON.stringify(body.dimensions)}::jsonb, '{}'::jsonb, ${JSON.stringify(body)}::jsonb)`);
  return id;
}

async function newApplication(p: Person): Promise<string> {
  const res = await p.browser.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  return ((await res.json()) as { application: { id: string } }).application.id;
}

async function putSettings(p: Person, body: unknown) {
  return p.browser.request('PUT', '/api/habits/settings', body);
}

async function verify(p: Person) {
  await h.t.db.owner.execute(sql`update users set email_verified = true where id = ${p.user.id}`);
  // Sessions are cached with the user's fields: callers sign in again to see the change.
}

/** Sets the app clock so that now is `iso`. */
function setNow(iso: string) {
  h.clock.offsetMs = Date.parse(iso) - Date.now();
}

async function habits(p: Person) {
  const res = await p.browser.get('/api/habits');
  expect(res.status).toBe(200);
  return (await res.json()) as {
    streak: { current: number; longest: number; timeZone: string; practisedToday: boolean; today: string };
    achievements: { key: string; title: string; awardedAt: string }[];
    next: { key: string; progress: { current: number; target: number } }[];
  };
}

describe('habits: streak and achievements', () => {
  it('awards "First interview" and a 1-day streak once a real interview is scored, and only once', async () => {
    h.clock.offsetMs = 0;
    const p = await signUp(h, 'habit-first');
    const { interviewId } = await createInterview(p.browser);
    const agent = (path: string, body: unknown) =>
      h.app.request(path, { method: 'POST', headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const iv = (await (await p.browser.get(`/api/interviews/${interviewId}`)).json()) as { interview: { plan: { questions: { id: string; text: string }[] } } };
    let seq = 0;
    for (const q of iv.interview.plan.questions.slice(0, 3)) {
      const t = new Date().toISOString();
      expect((await agent(`/api/agent/interviews/${interviewId}/turns`, { turnId: `r${seq}`, sequence: seq++, speaker: 'recruiter', text: q.text, startedAt: t, endedAt: t, questionId: q.id })).status).toBeLessThan(300);
      const answer = 'In 2023 I led the migration of our billing service to Postgres. I planned it, wrote the scripts and we cut latency by 40 percent, which saved the team two days a month.';
      expect((await agent(`/api/agent/interviews/${interviewId}/turns`, { turnId: `c${seq}`, sequence: seq++, speaker: 'candidate', text: answer, startedAt: t, endedAt: t, questionId: q.id })).status).toBeLessThan(300);
    }
    const statuses = iv.interview.plan.questions.map((q, i) => ({ questionId: q.id, status: i < 3 ? 'answered' : 'not_asked' }));
    expect((await agent(`/api/agent/interviews/${interviewId}/end`, { reason: 'completed', questionStatuses: statuses })).status).toBeLessThan(300);
    await h.app.jobs.drain();
    const report = (await (await p.browser.get(`/api/interviews/${interviewId}/report`)).json()) as { report: { status: string } | null };
    expect(report.report?.status).toBe('scored');
    // The job awarded it (before any page asked).
    const awarded = rowsOf<{ key: string }>(await h.t.db.owner.execute(sql`select key from user_achievements where user_id = ${p.user.id}`));
    expect(awarded.map((r) => r.key)).toEqual(['first_interview']);

    const body = await habits(p);
    expect(body.streak).toMatchObject({ current: 1, longest: 1, practisedToday: true, timeZone: 'UTC' });
    expect(body.achievements.map((a) => a.title)).toEqual(['First interview']);
    expect(body.next.find((n) => n.key === 'three_day_streak')?.progress).toEqual({ current: 1, target: 3 });

    // A retried job, run twice at once, awards nothing more.
    const again = await Promise.all([awardAchievements(h.t.db, p.user.id, new Date()), awardAchievements(h.t.db, p.user.id, new Date())]);
    expect(again.flat()).toEqual([]);
    const rows = rowsOf<{ n: number }>(await h.t.db.owner.execute(sql`select count(*)::int as n from user_achievements where user_id = ${p.user.id}`));
    expect(rows[0]!.n).toBe(1);
  });

  it('counts a completion at 23:30 local time for that local day in the user’s zone, across DST', async () => {
    const p = await signUp(h, 'habit-tz');
    const app = await newApplication(p);
    expect((await putSettings(p, { timeZone: 'America/New_York' })).status).toBe(200);
    // 23:30 in New York on 7, 8 (the day DST starts) and 9 March.
    for (const t of ['2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z']) await seedCompleted(p, app, t);
    setNow('2026-03-10T13:00:00Z');
    try {
      expect(await awardAchievements(h.t.db, p.user.id, new Date(Date.now() + h.clock.offsetMs))).toEqual(expect.arrayContaining(['first_interview', 'three_day_streak']));
      const body = await habits(p);
      expect(body.streak).toMatchObject({ current: 3, longest: 3, practisedToday: false, today: '2026-03-10', timeZone: 'America/New_York' });
      expect(body.achievements.map((a) => a.key)).toEqual(expect.arrayContaining(['first_interview', 'three_day_streak']));
      // The same instants in UTC are 8, 9 and 10 March: today is practised there.
      expect((await putSettings(p, { timeZone: 'UTC' })).status).toBe(200);
      expect((await habits(p)).streak).toMatchObject({ current: 3, practisedToday: true, today: '2026-03-10' });
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('leaves incomplete interviews out of streaks, achievements and progress', async () => {
    const p = await signUp(h, 'habit-incomplete');
    const app = await newApplication(p);
    await seedCompleted(p, app, new Date().toISOString(), { status: 'incomplete' });
    await awardAchievements(h.t.db, p.user.id, new Date());
    const body = await habits(p);
    expect(body.streak.current).toBe(0);
    expect(body.achievements).toEqual([]);
    const progress = (await (await p.browser.get('/api/progress')).json()) as { overall: unknown[] };
    expect(progress.overall).toEqual([]);
  });
});

describe('habits settings', () => {
  it('validates the time zone and refuses reminders before the address is verified', async () => {
    const p = await signUp(h, 'habit-settings');
    const first = (await (await p.browser.get('/api/habits/settings')).json()) as { timeZone: string; timeZoneSet: boolean };
    expect(first).toMatchObject({ timeZone: 'UTC', timeZoneSet: false });
    for (const bad of ['Mars/Olympus_Mons', '+02:00', 'CET']) expect((await putSettings(p, { timeZone: bad })).status).toBe(400);
    const ok = await putSettings(p, { timeZone: 'Asia/Kolkata' });
    expect(await ok.json()).toMatchObject({ timeZone: 'Asia/Kolkata', timeZoneSet: true });
    expect((await putSettings(p, { reminders: { enabled: true, localTime: '25:00' } })).status).toBe(400);
    const refused = await putSettings(p, { reminders: { enabled: true, localTime: '19:00' } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('email_not_verified');
    expect((await new Browser(h).get('/api/habits/settings')).status).toBe(401);
  });
});

describe('streak reminders', () => {
  async function optedIn(tag: string, timeZone: string, localTime: string): Promise<Person> {
    const p = await signUp(h, tag);
    await verify(p);
    const b = new Browser(h, `10.9.${Math.floor(Math.random() * 250)}.1`);
    expect((await b.post('/api/auth/signin', { email: p.user.email, password: 'correct horse battery staple' })).status).toBe(200);
    const fresh = { browser: b, user: p.user };
    const res = await putSettings(fresh, { timeZone, reminders: { enabled: true, localTime } });
    expect(res.status).toBe(200);
    return fresh;
  }
  const remindersTo = (p: Person) => sent.filter((e) => e.userId === p.user.id && e.headers?.['List-Unsubscribe']);

  it('sends one a day at the chosen local time, only to those who opted in and have not practised today', async () => {
    const tokyo = await optedIn('rem-tokyo', 'Asia/Tokyo', '09:00');
    const practised = await optedIn('rem-practised', 'Asia/Tokyo', '09:00');
    const quiet = await signUp(h, 'rem-quiet');
    await verify(quiet);
    await seedCompleted(practised, await newApplication(practised), '2026-05-04T23:10:00Z'); // 08:10 on 5 May in Tokyo
    const deps = h.app.services;

    // 08:59 in Tokyo: too early.
    expect((await sendDueReminders(deps, new Date('2026-05-04T23:59:00Z'))).sent).toBe(0);
    expect(remindersTo(tokyo)).toHaveLength(0);
    // 09:15 in Tokyo, twice (a retried or doubled run): one email.
    await sendDueReminders(deps, new Date('2026-05-05T00:15:00Z'));
    await Promise.all([sendDueReminders(deps, new Date('2026-05-05T00:30:00Z')), sendDueReminders(deps, new Date('2026-05-05T00:31:00Z'))]);
    expect(remindersTo(tokyo)).toHaveLength(1);
    expect(remindersTo(practised)).toHaveLength(0);
    expect(remindersTo(quiet)).toHaveLength(0);

    const mail = remindersTo(tokyo)[0]!;
    expect(mail.to).toBe(tokyo.user.email);
    expect(mail.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers!['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/reminders\/unsubscribe\?token=[^>]+>$/);
    expect(mail.text).toContain('http://localhost:3000/#/settings');

    // The next local day, past 09:00: another one.
    await sendDueReminders(deps, new Date('2026-05-06T00:20:00Z'));
    expect(remindersTo(tokyo)).toHaveLength(2);
  });

  it('runs as a durable job that schedules its next slot, once per slot', async () => {
    const p = await optedIn('rem-job', 'UTC', '00:00');
    const pending = async () =>
      rowsOf<{ at: number | string }>(await h.t.db.owner.execute(sql`select (extract(epoch from run_after) * 1000)::bigint as at from jobs where kind = 'habits_reminders' and status = 'pending' order by run_after`)).map((r) => Number(r.at));
    // Turning reminders on scheduled the next 15-minute slot.
    const first = await pending();
    expect(first.length).toBeGreaterThanOrEqual(1);
    const slot = first[0]!;
    expect(slot % (15 * 60_000)).toBe(0);
    h.clock.offsetMs = slot + 1_000 - Date.now();
    try {
      await h.app.jobs.drain();
      await h.app.jobs.drain();
      expect(remindersTo(p)).toHaveLength(1);
      const next = await pending();
      expect(next).toHaveLength(1);
      expect(next[0]).toBe(slot + 15 * 60_000);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('unsubscribes with one click and no session, and refuses a bad token', async () => {
    const p = await optedIn('rem-unsub', 'Europe/Berlin', '07:00');
    await sendDueReminders(h.app.services, new Date('2026-07-01T06:00:00Z'));
    const header = remindersTo(p).at(-1)!.headers!['List-Unsubscribe']!;
    const url = new URL(header.slice(1, -1));

    // A mail client's POST: no cookie, no Origin, no fetch metadata; RFC 8058's form body.
    const anon = () => h.app.request(`${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const page = await h.app.request(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Turn off streak reminders');
    // Opening the link alone (a mail scanner) does not unsubscribe.
    expect(((await (await p.browser.get('/api/habits/settings')).json()) as { reminders: { enabled: boolean } }).reminders.enabled).toBe(true);

    const forged = createUnsubscribeToken(new Uint8Array(32), p.user.id);
    expect((await h.app.request(`/api/reminders/unsubscribe?token=${encodeURIComponent(forged)}`, { method: 'POST' })).status).toBe(400);
    expect((await h.app.request('/api/reminders/unsubscribe?token=nonsense', { method: 'POST' })).status).toBe(400);

    const done = await anon();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Streak reminders are off');
    expect(((await (await p.browser.get('/api/habits/settings')).json()) as { reminders: { enabled: boolean } }).reminders.enabled).toBe(false);
    const before = remindersTo(p).length;
    await sendDueReminders(h.app.services, new Date('2026-07-02T06:00:00Z'));
    expect(remindersTo(p)).toHaveLength(before);
  });
});

describe('leaderboard', () => {
  it('is opt-in under a pseudonymous, unique handle, and leaving removes the entry at once', async () => {
    const a = await signUp(h, 'board-a');
    const b = await signUp(h, 'board-b');
    await seedCompleted(a, await newApplication(a), new Date().toISOString());
    const board = async (p: Person) => (await (await p.browser.get('/api/leaderboard')).json()) as { week: { start: string; timeZone: string }; entries: { handle: string; practiceCount: number; streak: number; rank: number }[]; me: { optedIn: boolean; rank: number | null } };
    expect((await board(b)).entries.some((e) => e.handle === 'QuietOwl')).toBe(false);

    // Signed up as "Test Person" with an address starting "board-a-…": neither may show.
    for (const bad of ['TestPerson99', 'xx', '9lives', 'board-a-fan', 'Admin_1', 'has space']) {
      expect((await putSettings(a, { leaderboard: { optedIn: true, handle: bad } })).status, bad).toBe(400);
    }
    expect((await putSettings(a, { leaderboard: { optedIn: true, handle: 'QuietOwl' } })).status).toBe(200);
    const taken = await putSettings(b, { leaderboard: { optedIn: true, handle: 'quietowl' } });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe('handle_taken');

    const seen = await board(b);
    expect(seen.week.timeZone).toBe('UTC');
    expect(seen.me).toMatchObject({ optedIn: false, rank: null });
    const entry = seen.entries.find((e) => e.handle === 'QuietOwl');
    expect(entry).toMatchObject({ practiceCount: 1, streak: 1 });
    expect(Object.keys(entry!).sort()).toEqual(['handle', 'practiceCount', 'rank', 'streak']);
    const raw = JSON.stringify(seen);
    expect(raw).not.toContain(a.user.id);
    expect(raw).not.toContain(a.user.email);

    expect((await putSettings(a, { leaderboard: { optedIn: false } })).status).toBe(200);
    expect((await board(b)).entries.some((e) => e.handle === 'QuietOwl')).toBe(false);
    // The handle is free again.
    expect((await putSettings(b, { leaderboard: { optedIn: true, handle: 'QuietOwl' } })).status).toBe(200);
    expect((await board(b)).me).toMatchObject({ optedIn: true });
  });

  it('cannot be read as the table: the app role sees only its own entry', async () => {
    const c = await signUp(h, 'board-c');
    expect((await putSettings(c, { leaderboard: { optedIn: true, handle: 'SilentFox' } })).status).toBe(200);
    const d = await signUp(h, 'board-d');
    const visible = await h.t.db.asUser(d.user.id, (tx) => tx.execute(sql`select handle from leaderboard_entries`));
    expect(rowsOf(visible)).toEqual([]);
  });
});

describe('progress and practise again', () => {
  it('answers scores by dimension and by skill with dates, overall and per application', async () => {
    const p = await signUp(h, 'progress');
    const app1 = await newApplication(p);
    const app2 = await newApplication(p);
    await seedCompleted(p, app1, '2026-02-01T10:00:00Z', { clarity: 2 });
    await seedCompleted(p, app1, '2026-02-03T10:00:00Z', { clarity: 4, q2: 'answered' });
    await seedCompleted(p, app2, '2026-02-05T10:00:00Z', { clarity: 3 });
    type Progress = {
      applicationId: string | null;
      overall: { completedAt: string; day: string; score: number; applicationId: string }[];
      dimensions: { key: string; label: string; points: { day: string; score: number }[] }[];
      skills: { skill: string; points: { day: string; score: number }[] }[];
    };
    const all = (await (await p.browser.get('/api/progress')).json()) as Progress;
    expect(all.overall.map((x) => x.day)).toEqual(['2026-02-01', '2026-02-03', '2026-02-05']);
    expect(all.overall[0]!.completedAt).toBe('2026-02-01T10:00:00.000Z');
    expect(all.dimensions).toEqual([{ key: 'clarity', label: 'Clarity', points: expect.any(Array) }]);
    expect(all.dimensions[0]!.points.map((x) => [x.day, x.score])).toEqual([['2026-02-01', 2], ['2026-02-03', 4], ['2026-02-05', 3]]);
    const pg = all.skills.find((s) => s.skill === 'postgres')!;
    expect(pg.points.map((x) => x.score)).toEqual([50, 100, 50]);
    const one = (await (await p.browser.get(`/api/progress?applicationId=${app1}`)).json()) as Progress;
    expect(one.applicationId).toBe(app1);
    expect(one.overall.map((x) => x.day)).toEqual(['2026-02-01', '2026-02-03']);
    const other = await signUp(h, 'progress-other');
    expect((await other.browser.get(`/api/progress?applicationId=${app1}`)).status).toBe(404);
  });

  it('practises the same plan or only the weak questions, and shows before/after for a repeated question', async () => {
    const p = await signUp(h, 'again');
    const app = await newApplication(p);
    const source = await seedCompleted(p, app, '2026-04-01T10:00:00Z');
    const same = await p.browser.post(`/api/interviews/${source}/practise-again`, { mode: 'same' });
    expect(same.status).toBe(201);
    const sameIv = ((await same.json()) as { interview: { id: string; status: string; applicationId: string; plan: { questions: { id: string }[] } } }).interview;
    expect(sameIv).toMatchObject({ status: 'scheduled', applicationId: app });
    expect(sameIv.plan.questions.map((q) => q.id)).toEqual(['q1', 'q2']);

    const weak = await p.browser.post(`/api/interviews/${source}/practise-again`, { mode: 'weak' });
    expect(weak.status).toBe(201);
    const weakIv = ((await weak.json()) as { interview: { id: string; plan: { questions: { id: string; text: string }[] } } }).interview;
    expect(weakIv.plan.questions.map((q) => q.id)).toEqual(['q2']);

    // Before the new interview is done: the earlier outcome, no "after" yet.
    const pending = (await (await p.browser.get(`/api/interviews/${weakIv.id}/before-after`)).json()) as { items: { questionId: string; before: { status: string; interviewId: string }; after: unknown }[] };
    expect(pending.items).toEqual([expect.objectContaining({ questionId: 'q2', before: expect.objectContaining({ status: 'insufficient', interviewId: source }), after: null })]);

    // The repeat is answered in full: before/after shows the change.
    const repeat = await seedCompleted(p, app, '2026-04-02T10:00:00Z', { q2: 'answered' });
    const after = (await (await p.browser.get(`/api/interviews/${repeat}/before-after`)).json()) as { items: { questionId: string; before: { status: string }; after: { status: string } | null }[] };
    expect(after.items.find((i) => i.questionId === 'q2')).toMatchObject({ before: { status: 'insufficient' }, after: { status: 'answered' } });

    const stranger = await signUp(h, 'again-other');
    expect((await stranger.browser.post(`/api/interviews/${source}/practise-again`, { mode: 'same' })).status).toBe(404);
    expect((await stranger.browser.get(`/api/interviews/${source}/before-after`)).status).toBe(404);
    const allAnswered = await seedCompleted(p, app, '2026-04-03T10:00:00Z', { q2: 'answered' });
    const none = await p.browser.post(`/api/interviews/${allAnswered}/practise-again`, { mode: 'weak' });
    expect(none.status).toBe(409);
  });
});
