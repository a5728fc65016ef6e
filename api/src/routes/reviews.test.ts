import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@mockroom/db/client';
import { AGENT_HEADERS, Browser, createHarness, createInterview, signUp, type Harness } from '../test/harness.js';

let h: Harness;
type Person = Awaited<ReturnType<typeof signUp>>;
let candidate: Person;
let reviewer: Person;
let second: Person;
let stranger: Person;

/** Each test makes and scores whole interviews: generous on a loaded 2-core machine. */
const SLOW_TEST_MS = 120_000;
const GREETING = "Hi Test, I'm an AI recruiter.";
const ALL_FOUR = { clarity: 4, structure: 4, relevance: 4, depth: 4, impact: 4, role: 4 };

async function agent(path: string, body: unknown) {
  const res = await h.app.request(path, { method: 'POST', headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
}

/** An ended, scored interview: two planned questions answered, then the candidate ends the call. */
async function finishedInterview(b: Browser): Promise<{ interviewId: string; turnIds: string[] }> {
  const { interviewId } = await createInterview(b);
  const iv = (await (await b.get(`/api/interviews/${interviewId}`)).json()) as { interview: { plan: { questions: { id: string; text: string }[] } } };
  const [q1, q2] = iv.interview.plan.questions;
  const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
  const turns = [
    // The recruiter greets the candidate by name, as the agent does.
    { turnId: 't0', speaker: 'recruiter', text: `${GREETING} ${q1!.text}`, questionId: q1!.id },
    { turnId: 't1', speaker: 'candidate', text: 'Last year our payments queue stalled, so I added a Postgres advisory lock and cut failures by 40 percent.', questionId: q1!.id },
    { turnId: 't2', speaker: 'recruiter', text: q2!.text, questionId: q2!.id },
    { turnId: 't3', speaker: 'candidate', text: 'I led the migration to TypeScript; I wrote the plan, paired with two juniors and we shipped in six weeks.', questionId: q2!.id },
  ];
  for (const [i, t] of turns.entries()) await agent(`/api/agent/interviews/${interviewId}/turns`, { ...t, sequence: i, startedAt: at(i * 10), endedAt: at(i * 10 + 8) });
  expect((await b.post(`/api/interviews/${interviewId}/end`)).status).toBe(200);
  await h.app.jobs.drain();
  const detail = (await (await b.get(`/api/interviews/${interviewId}`)).json()) as { turns: { id: string }[] };
  return { interviewId, turnIds: detail.turns.map((t) => t.id) };
}

async function shareByLink(b: Browser, interviewId: string, extra: Record<string, unknown> = {}) {
  const res = await b.post('/api/shares', { interviewId, audience: 'link', ...extra });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { share: { id: string; pseudonym: string; status: string }; inviteUrl: string };
  return { ...body, token: body.inviteUrl.split('/review/invite/')[1]! };
}

beforeAll(async () => {
  h = await createHarness();
  candidate = await signUp(h, 'candidate');
  reviewer = await signUp(h, 'reviewer');
  second = await signUp(h, 'second');
  stranger = await signUp(h, 'stranger');
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

describe('sharing an interview for review', { timeout: SLOW_TEST_MS }, () => {
  it('shares by link under a pseudonym, shows who has access, and revoking ends access at once', async () => {
    const { interviewId } = await finishedInterview(candidate.browser);
    const { share, token } = await shareByLink(candidate.browser, interviewId);
    expect(share.status).toBe('pending');
    expect(share.pseudonym).toMatch(/^Candidate [A-Z]{2}-\d{2}$/);
    expect((await reviewer.browser.get(`/api/reviews/interviews/${interviewId}`)).status).toBe(404);

    // The candidate's own link does nothing for them; the reviewer's acceptance binds it, once.
    expect((await candidate.browser.post('/api/reviews/invitations/accept', { token })).status).toBe(404);
    const accepted = await reviewer.browser.post('/api/reviews/invitations/accept', { token });
    expect(await accepted.json()).toEqual({ kind: 'share', interviewId });
    expect((await stranger.browser.post('/api/reviews/invitations/accept', { token })).status).toBe(404);

    const list = (await (await candidate.browser.get(`/api/shares?interviewId=${interviewId}`)).json()) as { shares: { status: string; reviewerName: string }[] };
    expect(list.shares).toEqual([expect.objectContaining({ status: 'accepted', reviewerName: 'Test Person' })]);

    const ws = await reviewer.browser.get(`/api/reviews/interviews/${interviewId}`);
    expect(ws.status).toBe(200);
    const workspace = (await ws.json()) as { interview: { candidate: string; turns: { text: string }[]; plan: { questions: unknown[] } } };
    expect(workspace.interview.candidate).toBe(share.pseudonym);
    expect(workspace.interview.turns).toHaveLength(4);
    expect(workspace.interview.plan.questions.length).toBeGreaterThan(0);
    // Pseudonymised: neither the candidate's name nor their email travels.
    const raw = JSON.stringify(workspace);
    expect(raw).not.toContain(candidate.user.email);
    expect(raw).not.toContain('Test Person');
    expect(raw).not.toMatch(/\bTest\b/);
    expect(workspace.interview.turns[0]!.text.startsWith("Hi [candidate], I'm an AI recruiter.")).toBe(true);
    // Others see nothing, and the reviewer cannot reach the candidate's own routes.
    expect((await stranger.browser.get(`/api/reviews/interviews/${interviewId}`)).status).toBe(404);
    expect((await reviewer.browser.get(`/api/interviews/${interviewId}`)).status).toBe(404);
    expect((await reviewer.browser.get(`/api/interviews/${interviewId}/report`)).status).toBe(404);
    expect((await reviewer.browser.post(`/api/interviews/${interviewId}/end`)).status).toBe(404);
    expect((await reviewer.browser.post('/api/shares', { interviewId, audience: 'link' })).status).toBe(404);

    const inbox = (await (await reviewer.browser.get('/api/reviews')).json()) as { assignments: { interviewId: string; candidate: string; status: string }[] };
    expect(inbox.assignments).toEqual([expect.objectContaining({ interviewId, candidate: share.pseudonym, status: 'new' })]);

    expect((await candidate.browser.request('DELETE', `/api/shares/${share.id}`)).status).toBe(204);
    expect((await reviewer.browser.get(`/api/reviews/interviews/${interviewId}`)).status).toBe(404);
    expect((await reviewer.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: { clarity: 3 } })).status).toBe(404);
    expect(((await (await reviewer.browser.get('/api/reviews')).json()) as { assignments: unknown[] }).assignments).toEqual([]);
  });

  it('shows the candidate’s name only when they choose to, and refuses an interview that has not ended', async () => {
    const { interviewId } = await finishedInterview(candidate.browser);
    const { token } = await shareByLink(candidate.browser, interviewId, { showName: true });
    await second.browser.post('/api/reviews/invitations/accept', { token });
    const ws = (await (await second.browser.get(`/api/reviews/interviews/${interviewId}`)).json()) as { interview: { candidate: string } };
    expect(ws.interview.candidate).toBe('Test Person');
    const fresh = await createInterview(candidate.browser);
    expect((await candidate.browser.post('/api/shares', { interviewId: fresh.interviewId, audience: 'link' })).status).toBe(409);
    expect((await stranger.browser.post('/api/shares', { interviewId, audience: 'link' })).status).toBe(404);
  });

  it('emails an invitation without the candidate’s name in it', async () => {
    const { interviewId } = await finishedInterview(candidate.browser);
    await shareByLink(candidate.browser, interviewId, { email: 'trainee@example.test' });
    await h.app.services.settle();
    const mail = rowsOf<{ subject: string; text: string }>(await h.t.db.owner.execute(sql`select subject, text from outbox_emails where "to" = 'trainee@example.test'`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('/#/review/invite/');
    expect(mail[0]!.text).not.toContain('Test Person');
    // The candidate's export holds their shares, without the invitation's secret hash.
    const exported = (await (await candidate.browser.get('/api/me/export')).json()) as { tables: Record<string, Record<string, unknown>[]> };
    expect(exported.tables.review_shares!.some((r) => r.invite_email === 'trainee@example.test' || r.inviteEmail === 'trainee@example.test')).toBe(true);
    expect(JSON.stringify(exported.tables.review_shares)).not.toMatch(/token_?hash/i);
  });
});

describe('blind scoring, agreement and comments', { timeout: SLOW_TEST_MS }, () => {
  it('hides the AI’s and others’ scores until submitting, then shows agreement', async () => {
    const { interviewId, turnIds } = await finishedInterview(candidate.browser);
    for (const p of [reviewer, second]) {
      const { token } = await shareByLink(candidate.browser, interviewId);
      expect((await p.browser.post('/api/reviews/invitations/accept', { token })).status).toBe(200);
    }
    // The second reviewer submits first.
    expect((await second.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: { ...ALL_FOUR, depth: 2 }, submit: true })).status).toBe(200);

    const draft = await reviewer.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: { clarity: 3 } });
    expect(await draft.json()).toEqual({ review: { scores: { clarity: 3 }, submittedAt: null, sharedBackAt: null } });
    const blind = await reviewer.browser.get(`/api/reviews/interviews/${interviewId}/agreement`);
    expect(blind.status).toBe(409);
    expect(JSON.stringify(await (await reviewer.browser.get(`/api/reviews/interviews/${interviewId}`)).json())).not.toContain('"ai"');
    // Submitting needs every dimension.
    expect((await reviewer.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: { clarity: 3 }, submit: true })).status).toBe(400);
    const submitted = await reviewer.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: { ...ALL_FOUR, clarity: 5 }, submit: true });
    expect(submitted.status).toBe(200);
    // Final: the blind score cannot be changed after seeing the others.
    expect((await reviewer.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: ALL_FOUR })).status).toBe(409);

    const agreement = (await (await reviewer.browser.get(`/api/reviews/interviews/${interviewId}/agreement`)).json()) as {
      dimensions: { key: string; mine: number; ai: number | null; others: number[] }[];
      cohortIcc: number | null;
      raters: number;
      kappaVsAi: number | null;
    };
    const report = (await (await candidate.browser.get(`/api/interviews/${interviewId}/report`)).json()) as { report: { status: string; dimensions: { key: string; score: number }[] } };
    expect(report.report.status).toBe('scored');
    expect(agreement.raters).toBe(2);
    expect(agreement.cohortIcc).not.toBeNull();
    const clarity = agreement.dimensions.find((d) => d.key === 'clarity')!;
    expect(clarity.mine).toBe(5);
    expect(clarity.others).toEqual([4]);
    expect(clarity.ai).toBe(report.report.dimensions.find((d) => d.key === 'clarity')!.score);
    expect(agreement.dimensions.find((d) => d.key === 'depth')!.others).toEqual([2]);

    // A comment on a span of the candidate's answer, with a STAR mark; invisible to the candidate until shared back.
    const turnId = turnIds[1]!;
    const bad = await reviewer.browser.post(`/api/reviews/interviews/${interviewId}/comments`, { turnId, spanStart: 0, spanEnd: 100_000, body: 'x' });
    expect(bad.status).toBe(400);
    const comment = await reviewer.browser.post(`/api/reviews/interviews/${interviewId}/comments`, { turnId, spanStart: 0, spanEnd: 9, starPart: 'situation', body: 'Good scene-setting.' });
    expect(comment.status).toBe(201);
    expect((await stranger.browser.post(`/api/reviews/interviews/${interviewId}/comments`, { turnId, body: 'spam' })).status).toBe(404);
    const before = (await (await candidate.browser.get(`/api/shares/comments?interviewId=${interviewId}`)).json()) as { comments: unknown[] };
    expect(before.comments).toEqual([]);
    // A span chosen in the redacted greeting is stored against the original words.
    const shown = "Hi [candidate], I'm an AI recruiter.";
    const spanStart = shown.indexOf("I'm an AI");
    const onGreeting = await reviewer.browser.post(`/api/reviews/interviews/${interviewId}/comments`, { turnId: turnIds[0], spanStart, spanEnd: spanStart + "I'm an AI recruiter".length, body: 'Clear disclosure.' });
    expect(((await onGreeting.json()) as { comment: { spanStart: number } }).comment.spanStart).toBe(spanStart);
    expect((await reviewer.browser.post(`/api/reviews/interviews/${interviewId}/share-back`)).status).toBe(200);
    const after = (await (await candidate.browser.get(`/api/shares/comments?interviewId=${interviewId}`)).json()) as { comments: { body: string; starPart: string; reviewer: string; turnId: string }[] };
    expect(after.comments).toEqual([
      expect.objectContaining({ body: 'Good scene-setting.', starPart: 'situation', reviewer: 'Test Person', turnId }),
      expect.objectContaining({ body: 'Clear disclosure.', turnId: turnIds[0] }),
    ]);
    const greeting = after.comments[1] as unknown as { spanStart: number; spanEnd: number };
    expect(GREETING.slice(greeting.spanStart, greeting.spanEnd)).toBe("I'm an AI recruiter");
    expect((await stranger.browser.get(`/api/shares/comments?interviewId=${interviewId}`)).status).toBe(404);
  });
});

describe('calibration and cohorts', { timeout: SLOW_TEST_MS }, () => {
  it('scores a seeded reference interview blind, then shows the gold scores and the calibration curve', async () => {
    const inbox = (await (await reviewer.browser.get('/api/reviews')).json()) as { calibration: { id: string; title: string; status: string }[] };
    expect(inbox.calibration.length).toBeGreaterThanOrEqual(3);
    const item = inbox.calibration[0]!;
    const before = (await (await reviewer.browser.get(`/api/reviews/calibration/${item.id}`)).json()) as { gold: unknown; item: { turns: unknown[] } };
    expect(before.gold).toBeNull();
    expect(before.item.turns.length).toBeGreaterThan(0);
    expect((await reviewer.browser.request('PUT', `/api/reviews/calibration/${item.id}`, { scores: ALL_FOUR, submit: true })).status).toBe(200);
    const after = (await (await reviewer.browser.get(`/api/reviews/calibration/${item.id}`)).json()) as { gold: Record<string, number>; kappa: number | null };
    expect(Object.keys(after.gold)).toHaveLength(6);
    const curve = (await (await reviewer.browser.get('/api/reviews/calibration-curve')).json()) as { points: { itemId: string; meanAbsoluteDifference: number }[] };
    expect(curve.points.map((p) => p.itemId)).toEqual([item.id]);
    const gold = Object.values(after.gold);
    expect(curve.points[0]!.meanAbsoluteDifference).toBeCloseTo(gold.reduce((s, g) => s + Math.abs(4 - g), 0) / gold.length, 10);
  });

  it('lets a lead invite reviewers, share into the cohort, publish calibration and read statistics', async () => {
    const lead = await signUp(h, 'lead');
    const trainee = await signUp(h, 'trainee');
    const cohort = ((await (await lead.browser.post('/api/cohorts', { name: 'Autumn trainees' })).json()) as { cohort: { id: string } }).cohort;
    const inv = await lead.browser.post(`/api/cohorts/${cohort.id}/invitations`, {});
    expect(inv.status).toBe(201);
    const token = ((await inv.json()) as { inviteUrl: string }).inviteUrl.split('/review/invite/')[1]!;
    expect(await (await trainee.browser.post('/api/reviews/invitations/accept', { token })).json()).toEqual({ kind: 'cohort', cohortId: cohort.id });
    expect((await trainee.browser.post(`/api/cohorts/${cohort.id}/invitations`, {})).status).toBe(404);

    const { interviewId } = await finishedInterview(candidate.browser);
    const shared = await candidate.browser.post('/api/shares', { interviewId, audience: 'cohort', cohortId: cohort.id });
    expect(shared.status).toBe(201);
    expect(((await shared.json()) as { share: { cohortName: string } }).share.cohortName).toBe('Autumn trainees');
    for (const p of [lead, trainee]) {
      expect((await p.browser.request('PUT', `/api/reviews/interviews/${interviewId}`, { scores: ALL_FOUR, submit: true })).status).toBe(200);
    }
    const agreement = (await (await trainee.browser.get(`/api/reviews/interviews/${interviewId}/agreement`)).json()) as { dimensions: { lead: number | null }[] };
    expect(agreement.dimensions.every((d) => d.lead === 4)).toBe(true);

    const plan = { version: 1, questions: [{ id: 'q1', kind: 'behavioural', competency: 'ownership', text: 'Tell me about a time you owned a problem.', strongAnswer: [], followUps: [] }] };
    const turns = [{ turnId: 'a', speaker: 'candidate', text: 'I fixed the build.', questionId: 'q1' }];
    const goldScores = { clarity: 3, structure: 2, relevance: 3, depth: 2, impact: 1, role: 2 };
    expect((await trainee.browser.post(`/api/cohorts/${cohort.id}/calibration`, { title: 'x', plan, turns, goldScores })).status).toBe(404);
    expect((await lead.browser.post(`/api/cohorts/${cohort.id}/calibration`, { title: 'Cohort item', plan, turns, goldScores })).status).toBe(201);
    const traineeInbox = (await (await trainee.browser.get('/api/reviews')).json()) as { calibration: { title: string }[]; cohorts: { name: string; isLead: boolean }[] };
    expect(traineeInbox.calibration.map((c) => c.title)).toContain('Cohort item');
    expect(traineeInbox.cohorts).toEqual([expect.objectContaining({ name: 'Autumn trainees', isLead: false })]);
    const outsiderInbox = (await (await stranger.browser.get('/api/reviews')).json()) as { calibration: { title: string }[] };
    expect(outsiderInbox.calibration.map((c) => c.title)).not.toContain('Cohort item');

    const stats = (await (await lead.browser.get(`/api/cohorts/${cohort.id}/stats`)).json()) as { members: number; reviewers: { submitted: number }[]; interviews: { raters: number }[] };
    expect(stats.members).toBe(2);
    expect(stats.reviewers).toEqual([expect.objectContaining({ label: 'Reviewer 1', submitted: 1 })]);
    expect(stats.interviews).toEqual([expect.objectContaining({ interviewId, raters: 2 })]);
    expect((await trainee.browser.get(`/api/cohorts/${cohort.id}/stats`)).status).toBe(404);
  });

  it('removes shares, reviews and comments when the candidate deletes the interview’s account', async () => {
    const dana = await signUp(h, 'dana');
    const { interviewId, turnIds } = await finishedInterview(dana.browser);
    const { token } = await shareByLink(dana.browser, interviewId);
    await reviewer.browser.post('/api/reviews/invitations/accept', { token });
    await reviewer.browser.post(`/api/reviews/interviews/${interviewId}/comments`, { turnId: turnIds[1], body: 'note' });
    await h.t.db.owner.execute(sql`delete from users where id = ${dana.user.id}`);
    const left = rowsOf<{ n: number }>(
      await h.t.db.owner.execute(sql`select (select count(*) from review_shares where interview_id = ${interviewId})::int + (select count(*) from review_comments where interview_id = ${interviewId})::int as n`),
    )[0]!;
    expect(left.n).toBe(0);
    expect((await reviewer.browser.get(`/api/reviews/interviews/${interviewId}`)).status).toBe(404);
    expect((await new Browser(h).get('/api/reviews')).status).toBe(401);
  });
});
