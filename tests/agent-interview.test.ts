/**
 * The recruiter end to end with no keys: a real livekit-server, the API and the agent worker
 * (offline providers). A bot candidate joins with @livekit/rtc-node, answers by voice (Flite-spoken
 * WAVs published as a microphone track) and by typed chat, and the transcript the API stores must
 * hold what was said. Also: the API going down mid-call (spool → replay, exactly once) and the agent
 * killed with SIGKILL after N committed turns (all N stored after restart).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './helpers/stack.js';
import { CandidateClient } from './helpers/api.js';
import { SpeakingCandidate } from './helpers/bot-candidate.js';

interface StoredTurn {
  turnId: string;
  sequence: number;
  speaker: 'candidate' | 'recruiter';
  text: string;
  source: 'voice' | 'typed';
}

async function storedTurns(client: CandidateClient, interviewId: string): Promise<StoredTurn[]> {
  const { turns } = await client.ok<{ turns: StoredTurn[] }>('GET', `/api/interviews/${interviewId}`);
  return turns;
}

async function waitForTurns(client: CandidateClient, interviewId: string, atLeast: number, timeoutMs = 30_000): Promise<StoredTurn[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const turns = await storedTurns(client, interviewId).catch(() => [] as StoredTurn[]);
    if (turns.length >= atLeast || Date.now() > deadline) return turns;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('recruiter agent across processes (offline providers, no keys)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Each test's bot leaves without ending its interview; a short rejoin grace frees its job for the
    // next test (the default 120 s would hold up to four jobs on this 2-core machine).
    stack = await startStack({ env: { AGENT_REJOIN_GRACE_SECONDS: '5' } });
  });
  afterEach((ctx) => {
    // The agent's own log is the only view into why a cross-process assertion failed.
    if (ctx.task.result?.state === 'fail' && stack) {
      console.error(`--- agent log (tail) ---\n${stack.logs('agent').slice(-20_000)}`);
      const dispatch = stack.logs('livekit').split('\n').filter((l) => /agent|dispatch|worker|job/i.test(l));
      console.error(`--- livekit dispatch log (tail) ---\n${dispatch.slice(-40).join('\n')}`);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /**
   * A new candidate signs up, gets an interview and a token, joins its room as a speaking bot,
   * waits for the recruiter's greeting and runs `body`; the bot leaves the room however it ends.
   */
  async function inCall(name: string, body: (call: { client: CandidateClient; interviewId: string; bot: SpeakingCandidate; greeting: string }) => Promise<void>): Promise<void> {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp(name);
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const bot = new SpeakingCandidate();
    try {
      await bot.join(server_url, participant_token);
      // The AI disclosure is spoken on its own, then the first question: the candidate answers after both.
      await bot.waitForLines(0);
      await bot.waitForLines(1, 60_000);
      await body({ client, interviewId, bot, greeting: bot.lines.map((l) => l.text).join(' ') });
    } finally {
      await bot.leave();
    }
  }

  it('greets, asks, follows up on a short spoken answer, and stores the candidate keywords', () =>
    inCall('Grace Candidate', async ({ client, interviewId, bot, greeting }) => {
      expect(greeting).toMatch(/Hi Grace/);
      expect(greeting).toMatch(/AI recruiter/);
      const seen = bot.lines.length;
      await bot.say('I fixed the database.');
      const followUp = await bot.waitForLines(seen);
      expect(followUp.length).toBeGreaterThan(0);
      const turns = await waitForTurns(client, interviewId, 3);
      const candidate = turns.filter((t) => t.speaker === 'candidate');
      expect(candidate.length).toBeGreaterThan(0);
      const heard = candidate.map((t) => t.text.toLowerCase()).join(' ');
      expect(heard).toMatch(/database|fixed/);
      expect(turns.filter((t) => t.speaker === 'recruiter').length).toBeGreaterThanOrEqual(2);
    }));

  it('counts typed answers as candidate turns', () =>
    inCall('Linus Candidate', async ({ client, interviewId, bot }) => {
      await bot.typeAndHearReply('I migrated our billing service to PostgreSQL.');
      const turns = await waitForTurns(client, interviewId, 3);
      const typed = turns.find((t) => t.speaker === 'candidate' && t.source === 'typed');
      expect(typed?.text).toBe('I migrated our billing service to PostgreSQL.');
    }));

  it('keeps every turn while the API is down mid-call and stores each exactly once after', () =>
    inCall('Barbara Candidate', async ({ client, interviewId, bot }) => {
      const before = (await waitForTurns(client, interviewId, 1)).length;
      await stack.stopApi();
      await bot.typeAndHearReply('I took ownership of the flaky deploy pipeline.');
      await bot.typeAndHearReply('Sorry, can you repeat that?');
      await stack.startApi();
      const turns = await waitForTurns(client, interviewId, before + 4, 60_000);
      expect(turns.length).toBe(before + 4);
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
      expect(turns.map((t) => t.text)).toContain('I took ownership of the flaky deploy pipeline.');
    }));

  it('loses no committed turn when the agent is killed with SIGKILL', () =>
    inCall('Edsger Candidate', async ({ client, interviewId, bot }) => {
      await bot.typeAndHearReply('I led the move from cron jobs to a queue.');
      await bot.typeAndHearReply('Let me think.');
      // The disclosure, the first question, two answers and two replies: six committed turns.
      const committed = 6;
      await waitForTurns(client, interviewId, committed);
      await stack.stopAgent('SIGKILL');
      await stack.startAgent();
      const turns = await waitForTurns(client, interviewId, committed, 60_000);
      expect(turns.length).toBeGreaterThanOrEqual(committed);
      expect(turns.map((t) => t.text)).toEqual(expect.arrayContaining(['I led the move from cron jobs to a queue.', 'Let me think.']));
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
    }));
});
