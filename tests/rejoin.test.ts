/**
 * Calls that survive a reload, and an honest end, across real processes: livekit-server, the API
 * and the agent worker (offline providers). A typing bot candidate (tests/helpers/bot-candidate.ts)
 * leaves and comes back with a fresh token; a stale token joins an ended interview; a candidate who
 * never comes back is closed as "candidate left" after the grace period.
 *
 * The grace period is shortened (GRACE_SECONDS) so the expiry case fits a test run; the product
 * default is 120 s (agent/src/env.ts, docs/decisions/011-rejoin-grace.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CandidateClient } from './helpers/api.js';
import { TypingCandidate } from './helpers/bot-candidate.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const GRACE_SECONDS = 25;
/** The first words of a job on this shared, loaded 2-core machine can take a while (model loads). */
const GREETING_MS = 60_000;

interface StoredTurn {
  turnId: string;
  sequence: number;
  speaker: 'candidate' | 'recruiter';
  text: string;
}
interface InterviewState {
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

async function detail(client: CandidateClient, interviewId: string): Promise<{ interview: InterviewState; turns: StoredTurn[] }> {
  return client.ok('GET', `/api/interviews/${interviewId}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rejoin, stale tokens and the end of a call (real livekit-server, API and agent)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { AGENT_REJOIN_GRACE_SECONDS: String(GRACE_SECONDS) } });
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail' && stack) console.error(`--- agent log (tail) ---\n${stack.logs('agent').slice(-15_000)}`);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a token minted before the end starts no job that speaks, and changes nothing', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Ada Candidate');
    const interviewId = await client.createInterview();
    const stale = await client.token(interviewId);
    await client.ok('POST', `/api/interviews/${interviewId}/end`);
    const ended = await detail(client, interviewId);
    expect(ended.interview.status).toBe('ended');
    // The token route refuses the ended interview...
    expect((await client.request('POST', `/api/interviews/${interviewId}/token`)).status).toBe(409);
    // ...but the token issued before still opens the room, which dispatches the agent.
    const logMark = stack.logs('agent').length;
    const bot = new TypingCandidate();
    try {
      await bot.join(stale.server_url, stale.participant_token);
      await waitFor('the dispatched job to refuse the ended interview', async () => (stack.logs('agent').slice(logMark).includes('interview already closed') ? true : null), 60_000);
      // Time for a greeting, had the job gone on (it is ready within seconds when it does).
      await sleep(5_000);
      expect(bot.lines).toEqual([]);
      const after = await detail(client, interviewId);
      expect(after.interview).toEqual(ended.interview);
      expect(after.turns).toEqual([]);
    } finally {
      await bot.leave();
    }
  });

  it('a candidate who leaves and rejoins with a fresh token is welcomed back to the same interview, every turn stored once', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Grace Candidate');
    const interviewId = await client.createInterview();
    const first = new TypingCandidate();
    let openQuestion = '';
    let logMark = 0;
    const answer1 = 'I fixed a bug.';
    const answer2 = 'At my last job I led the migration of our billing service to PostgreSQL, which cut invoice errors by 40 percent.';
    try {
      const t1 = await client.token(interviewId);
      await first.join(t1.server_url, t1.participant_token);
      // The disclosure and the first question are two recruiter lines; an answer typed during the
      // question is talk over it, which the recruiter answers by asking it again (issue 13).
      await first.waitForLines(1, GREETING_MS);
      const seen = first.lines.length;
      await first.type(answer1);
      const reply = await first.waitForLines(seen);
      openQuestion = reply.split(/(?<=[.?!])\s+/).pop()!;
      await waitFor('the first answer stored', async () => ((await detail(client, interviewId)).turns.some((t) => t.text === answer1) ? true : null), 30_000);
    } finally {
      logMark = stack.logs('agent').length;
      await first.leave();
    }
    await waitFor('the agent to see the candidate leave', async () => (stack.logs('agent').slice(logMark).includes('waiting for a rejoin') ? true : null), 30_000);
    const during = await detail(client, interviewId);
    expect(during.interview.status).toBe('live');
    expect(during.interview.endedAt).toBeNull();

    // The reload: a fresh token for the same, started interview.
    const second = new TypingCandidate();
    try {
      const t2 = await client.token(interviewId);
      const joinedAt = Date.now();
      await second.join(t2.server_url, t2.participant_token);
      const welcome = await second.waitForLines(0, GREETING_MS);
      const line = second.lines[0]!;
      console.info(`rejoin: connect → welcome back starts ${line.openedAt - joinedAt} ms, caption complete ${line.at - joinedAt} ms`);
      expect(welcome).toMatch(/Welcome back, Grace/);
      expect(welcome).toContain(openQuestion);
      const seen = second.lines.length;
      await second.type(answer2);
      await second.waitForLines(seen);
      const turns = await waitFor(
        'the second answer and its reply stored',
        async () => {
          const { turns } = await detail(client, interviewId);
          const at = turns.findIndex((t) => t.text === answer2);
          return at >= 0 && turns.slice(at + 1).some((t) => t.speaker === 'recruiter') ? turns : null;
        },
        30_000,
      );
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
      expect(new Set(turns.map((t) => t.sequence)).size).toBe(turns.length);
      expect(turns.filter((t) => t.text === answer1)).toHaveLength(1);
      expect(turns.filter((t) => t.text === answer2)).toHaveLength(1);
      expect(turns.filter((t) => t.speaker === 'recruiter' && /Welcome back/.test(t.text))).toHaveLength(1);
      const now = await detail(client, interviewId);
      expect(now.interview.status).toBe('live');
      // The elapsed clock continues: the interview's start is the original one.
      expect(now.interview.startedAt).toBe(during.interview.startedAt);
    } finally {
      await second.leave();
    }
    const { interviews } = await client.ok<{ interviews: { id: string }[] }>('GET', '/api/interviews');
    expect(interviews.map((i) => i.id)).toEqual([interviewId]);
    await client.ok('POST', `/api/interviews/${interviewId}/end`);
    expect((await detail(client, interviewId)).interview.status).toBe('ended');
  });

  it('a candidate who does not come back is closed as "candidate left" after the grace period, not before', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Barbara Candidate');
    const interviewId = await client.createInterview();
    const bot = new TypingCandidate();
    const t = await client.token(interviewId);
    await bot.join(t.server_url, t.participant_token);
    await bot.waitForLines(0, GREETING_MS);
    await waitFor('the greeting stored', async () => ((await detail(client, interviewId)).turns.length > 0 ? true : null), 30_000);
    await bot.leave();
    const leftAt = Date.now();
    // Well inside the grace period the interview is still open.
    await sleep((GRACE_SECONDS * 1000) / 2);
    expect((await detail(client, interviewId)).interview.status).toBe('live');
    const closed = await waitFor(
      'the interview to close after the grace period',
      async () => {
        const { interview } = await detail(client, interviewId);
        return interview.status === 'ended' ? interview : null;
      },
      GRACE_SECONDS * 1000 + 60_000,
    );
    const closedMs = Date.now() - leftAt;
    console.info(`grace: leave → interview ended in ${closedMs} ms (grace ${GRACE_SECONDS} s)`);
    expect(closed.endReason).toBe('candidate_left');
    expect(closedMs).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 1_000);
  });
});
