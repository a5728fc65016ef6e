import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createHarness, signUp, type Harness } from '../test/harness.js';

let h: Harness;
let alice: Awaited<ReturnType<typeof signUp>>;
let eventSeq = 0;

beforeAll(async () => {
  h = await createHarness();
  alice = await signUp(h, 'alice');
  // PGlite with every migration applied: slow on a loaded machine.
}, 60_000);
afterAll(async () => {
  await h?.close();
});

interface InterviewState {
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

async function createInterview(b: Browser): Promise<string> {
  const app = await b.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' });
  const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await b.post('/api/interviews', { applicationId });
  return ((await iv.json()) as { interview: { id: string } }).interview.id;
}

async function state(interviewId: string): Promise<InterviewState> {
  const body = (await (await alice.browser.get(`/api/interviews/${interviewId}`)).json()) as { interview: InterviewState };
  const { status, startedAt, endedAt, endReason } = body.interview;
  return { status, startedAt, endedAt, endReason };
}

/** Sends a webhook event signed the way livekit-server signs it (sha256 of the body in a JWT). */
async function webhook(kind: string, interviewId: string, identity: string): Promise<number> {
  eventSeq += 1;
  const body = JSON.stringify({
    id: `EV_rejoin_${eventSeq}_${interviewId.slice(0, 8)}`,
    event: kind,
    room: { name: `iv_${interviewId}` },
    participant: { identity },
    createdAt: String(Math.floor(Date.now() / 1000)),
  });
  const at = new AccessToken(h.env.LIVEKIT_API_KEY, h.env.LIVEKIT_API_SECRET);
  at.sha256 = createHash('sha256').update(body).digest('base64');
  const res = await h.app.request('/api/livekit/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() },
    body,
  });
  return res.status;
}

describe('LiveKit webhook and the rejoin grace period', () => {
  it('keeps a live interview open when the candidate leaves the room (the agent waits for a rejoin)', async () => {
    const interviewId = await createInterview(alice.browser);
    const candidate = `cand_${alice.user.id}`;
    expect(await webhook('participant_joined', interviewId, candidate)).toBe(200);
    const live = await state(interviewId);
    expect(live.status).toBe('live');
    expect(await webhook('participant_left', interviewId, candidate)).toBe(200);
    expect(await state(interviewId)).toEqual(live);
    // The candidate comes back: still the same live interview, the clock not restarted.
    expect(await webhook('participant_joined', interviewId, candidate)).toBe(200);
    expect(await state(interviewId)).toEqual(live);
  });

  it('changes nothing when a stale token joins an interview that has ended', async () => {
    const interviewId = await createInterview(alice.browser);
    const candidate = `cand_${alice.user.id}`;
    await webhook('participant_joined', interviewId, candidate);
    expect((await alice.browser.post(`/api/interviews/${interviewId}/end`)).status).toBe(200);
    const ended = await state(interviewId);
    expect(ended.status).toBe('ended');
    expect(await webhook('participant_joined', interviewId, candidate)).toBe(200);
    expect(await webhook('participant_left', interviewId, candidate)).toBe(200);
    expect(await webhook('room_finished', interviewId, '')).toBe(200);
    expect(await state(interviewId)).toEqual(ended);
  });

  it('closes a live interview when the room finishes (everyone gone, agent included)', async () => {
    const interviewId = await createInterview(alice.browser);
    await webhook('participant_joined', interviewId, `cand_${alice.user.id}`);
    expect(await webhook('room_finished', interviewId, '')).toBe(200);
    const closed = await state(interviewId);
    expect(closed.status).toBe('ended');
    expect(closed.endReason).toBe('candidate_left');
  });
});

describe('token route across a rejoin', () => {
  it('gives a fresh token for a started, not-ended interview, and refuses one once it has ended', async () => {
    const interviewId = await createInterview(alice.browser);
    const first = await alice.browser.post(`/api/interviews/${interviewId}/token`);
    expect(first.status).toBe(200);
    await webhook('participant_joined', interviewId, `cand_${alice.user.id}`);
    expect((await state(interviewId)).status).toBe('live');
    // A reload or a failed reconnection asks again for the same interview.
    const again = await alice.browser.post(`/api/interviews/${interviewId}/token`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { participant_token: string }).participant_token.length).toBeGreaterThan(0);
    await alice.browser.post(`/api/interviews/${interviewId}/end`);
    // The open state the first requests cached is forgotten by the close.
    const refused = await alice.browser.post(`/api/interviews/${interviewId}/token`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('interview_closed');
  });
});
