/**
 * The recruiter end to end with no keys: a real livekit-server, the API and the agent worker
 * (offline providers). A bot candidate joins with @livekit/rtc-node, answers by voice (Flite-spoken
 * WAVs published as a microphone track) and by typed chat, and the transcript the API stores must
 * hold what was said. Also: the API going down mid-call (spool → replay, exactly once) and the agent
 * killed with SIGKILL after N committed turns (all N stored after restart).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  type TextStreamReader,
} from '@livekit/rtc-node';
import { startStack, type Stack } from './helpers/stack.js';
import { CandidateClient } from './helpers/api.js';

const SAMPLE_RATE = 48_000;
const RECRUITER_REPLY_MS = 30_000;

interface StoredTurn {
  turnId: string;
  sequence: number;
  speaker: 'candidate' | 'recruiter';
  text: string;
  source: 'voice' | 'typed';
}

/**
 * Flite speaks the sentence; sox resamples to 48 kHz mono 16-bit; returns raw PCM samples.
 * The voice is "slt", a 16 kHz build: Flite's default "kal" is an 8 kHz diphone voice, telephone
 * band only, and the wideband en-us PocketSphinx model hears it as noise ("I fixed the database."
 * → "ah what a debate on" even with pocketsphinx_continuous on the file). A browser microphone is
 * wideband, so slt is the honest stand-in.
 */
function speak(text: string): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'bot-voice-'));
  const raw = join(dir, 'raw.wav');
  const pcm = join(dir, 'out.raw');
  execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', raw]);
  execFileSync('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', pcm]);
  const buf = readFileSync(pcm);
  return new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.byteLength / 2));
}

/** A candidate bot in the room: hears the recruiter through caption streams, talks and types. */
class BotCandidate {
  readonly room = new Room();
  readonly recruiterLines: string[] = [];
  private source = new AudioSource(SAMPLE_RATE, 1);
  private waiters: (() => void)[] = [];

  async join(url: string, token: string): Promise<void> {
    this.room.registerTextStreamHandler('lk.transcription', (reader: TextStreamReader, participant) => {
      void reader.readAll().then((text) => {
        if (participant.identity.startsWith('cand_') || text.trim() === '') return;
        this.recruiterLines.push(text.trim());
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    const track = LocalAudioTrack.createAudioTrack('mic', this.source);
    const opts = new TrackPublishOptions();
    opts.source = TrackSource.SOURCE_MICROPHONE;
    await this.room.localParticipant!.publishTrack(track, opts);
  }

  /** Waits until the recruiter has said more than `count` caption lines. */
  async waitForLines(count: number, timeoutMs = RECRUITER_REPLY_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.recruiterLines.length <= count) {
      if (Date.now() > deadline) throw new Error(`recruiter said nothing new within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250);
      });
    }
    return this.recruiterLines.slice(count).join(' ');
  }

  /** Speaks the text into the microphone track in real time, then a second of silence. */
  async say(text: string): Promise<void> {
    const samples = speak(text);
    const frame = SAMPLE_RATE / 100;
    const silence = new Int16Array(SAMPLE_RATE);
    const all = new Int16Array(samples.length + silence.length);
    all.set(samples);
    for (let i = 0; i < all.length; i += frame) {
      const chunk = new Int16Array(frame);
      chunk.set(all.subarray(i, Math.min(i + frame, all.length)));
      await this.source.captureFrame(new AudioFrame(chunk, SAMPLE_RATE, 1, frame));
    }
  }

  async type(text: string): Promise<void> {
    await this.room.localParticipant!.sendText(text, { topic: 'lk.chat' });
  }

  async leave(): Promise<void> {
    await this.room.disconnect();
  }
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

  it('greets, asks, follows up on a short spoken answer, and stores the candidate keywords', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Grace Candidate');
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const bot = new BotCandidate();
    try {
      await bot.join(server_url, participant_token);
      const greeting = await bot.waitForLines(0);
      expect(greeting).toMatch(/Hi Grace/);
      expect(greeting).toMatch(/AI recruiter/);
      const seen = bot.recruiterLines.length;
      await bot.say('I fixed the database.');
      const followUp = await bot.waitForLines(seen);
      expect(followUp.length).toBeGreaterThan(0);
      const turns = await waitForTurns(client, interviewId, 3);
      const candidate = turns.filter((t) => t.speaker === 'candidate');
      expect(candidate.length).toBeGreaterThan(0);
      const heard = candidate.map((t) => t.text.toLowerCase()).join(' ');
      expect(heard).toMatch(/database|fixed/);
      expect(turns.filter((t) => t.speaker === 'recruiter').length).toBeGreaterThanOrEqual(2);
    } finally {
      await bot.leave();
    }
  });

  it('counts typed answers as candidate turns', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Linus Candidate');
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const bot = new BotCandidate();
    try {
      await bot.join(server_url, participant_token);
      await bot.waitForLines(0);
      const seen = bot.recruiterLines.length;
      await bot.type('I migrated our billing service to PostgreSQL.');
      await bot.waitForLines(seen);
      const turns = await waitForTurns(client, interviewId, 3);
      const typed = turns.find((t) => t.speaker === 'candidate' && t.source === 'typed');
      expect(typed?.text).toBe('I migrated our billing service to PostgreSQL.');
    } finally {
      await bot.leave();
    }
  });

  it('keeps every turn while the API is down mid-call and stores each exactly once after', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Barbara Candidate');
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const bot = new BotCandidate();
    try {
      await bot.join(server_url, participant_token);
      await bot.waitForLines(0);
      const before = (await waitForTurns(client, interviewId, 1)).length;
      await stack.stopApi();
      let seen = bot.recruiterLines.length;
      await bot.type('I took ownership of the flaky deploy pipeline.');
      await bot.waitForLines(seen);
      seen = bot.recruiterLines.length;
      await bot.type('Sorry, can you repeat that?');
      await bot.waitForLines(seen);
      await stack.startApi();
      const turns = await waitForTurns(client, interviewId, before + 4, 60_000);
      expect(turns.length).toBe(before + 4);
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
      expect(turns.map((t) => t.text)).toContain('I took ownership of the flaky deploy pipeline.');
    } finally {
      await bot.leave();
    }
  });

  it('loses no committed turn when the agent is killed with SIGKILL', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp('Edsger Candidate');
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    const bot = new BotCandidate();
    try {
      await bot.join(server_url, participant_token);
      await bot.waitForLines(0);
      let seen = bot.recruiterLines.length;
      await bot.type('I led the move from cron jobs to a queue.');
      await bot.waitForLines(seen);
      seen = bot.recruiterLines.length;
      await bot.type('Let me think.');
      await bot.waitForLines(seen);
      // Greeting, two answers and two replies: five committed turns.
      const committed = 5;
      await waitForTurns(client, interviewId, committed);
      await stack.stopAgent('SIGKILL');
      await stack.startAgent();
      const turns = await waitForTurns(client, interviewId, committed, 60_000);
      expect(turns.length).toBeGreaterThanOrEqual(committed);
      expect(turns.map((t) => t.text)).toEqual(expect.arrayContaining(['I led the move from cron jobs to a queue.', 'Let me think.']));
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
    } finally {
      await bot.leave();
    }
  });
});
