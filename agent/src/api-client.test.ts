import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterEach, beforeAll } from 'vitest';
import { initializeLogger } from '@livekit/agents';
import type { TurnInput } from '@mockroom/core';
import { AgentApiClient, InterviewContextError } from './api-client.js';
import { makeContext } from './interviewer/fixtures.js';

beforeAll(() => initializeLogger({ pretty: false, level: 'fatal' }));

const INTERVIEW = '00000000-0000-4000-8000-000000000002';
const TOKEN = 'dev-agent-token-change-me-0123456789';

/** A minimal stand-in for the API's agent endpoints: idempotent by turn id, can be "down". */
function fakeApi() {
  const turns = new Map<string, TurnInput>();
  const posts: string[] = [];
  const ends: unknown[] = [];
  let metrics = 0;
  let down = false;
  /** Context requests answered 503 before the context is served. */
  let contextFailures = 0;
  let contextRequests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      if (req.method === 'GET' && req.url === `/api/agent/interviews/${INTERVIEW}/context`) {
        contextRequests += 1;
        if (contextRequests <= contextFailures) res.writeHead(503).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(makeContext({ interviewId: INTERVIEW })));
        return;
      }
      if (req.method === 'GET') {
        res.writeHead(404).end();
        return;
      }
      posts.push(req.url ?? '');
      if (req.url?.endsWith('/turns')) {
        const turn = JSON.parse(body) as TurnInput;
        const existed = turns.has(turn.turnId);
        turns.set(turn.turnId, turn);
        res.writeHead(existed ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ turn }));
      } else if (req.url?.endsWith('/metrics')) {
        metrics += 1;
        res.writeHead(204).end();
      } else if (req.url?.endsWith('/end')) {
        ends.push(JSON.parse(body));
        res.writeHead(204).end();
      } else res.writeHead(404).end();
    });
  });
  return {
    server,
    turns,
    posts,
    ends,
    get metrics() {
      return metrics;
    },
    setDown(v: boolean) {
      down = v;
    },
    failContext(times: number) {
      contextFailures = times;
    },
    get contextRequests() {
      return contextRequests;
    },
    async listen() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

function turn(sequence: number): TurnInput {
  return {
    turnId: `job1-${sequence}`,
    sequence,
    speaker: sequence % 2 === 0 ? 'recruiter' : 'candidate',
    text: `turn ${sequence}`,
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    source: 'voice',
    interrupted: false,
    questionId: 'q1',
  };
}

let api: ReturnType<typeof fakeApi> | null = null;
afterEach(() => new Promise<void>((r) => (api ? api.server.close(() => r()) : r())));

describe('AgentApiClient', () => {
  it('posts turns, metrics and the end of call with the bearer token', async () => {
    api = fakeApi();
    const sink = new AgentApiClient({ apiUrl: await api.listen(), token: TOKEN, spoolDir: mkdtempSync(join(tmpdir(), 'spool-')) });
    await sink.postTurn(INTERVIEW, turn(0));
    await sink.postMetrics(INTERVIEW, { turnId: 'job1-0', endOfTurnDelayMs: 500, sttMs: 20, llmFirstTokenMs: 1, ttsFirstByteMs: 40, totalMs: 561 });
    await sink.postEnd(INTERVIEW, { reason: 'completed', questionStatuses: [{ questionId: 'q1', status: 'answered' }] });
    expect([...api.turns.keys()]).toEqual(['job1-0']);
    expect(api.metrics).toBe(1);
    expect(api.ends).toEqual([{ reason: 'completed', questionStatuses: [{ questionId: 'q1', status: 'answered' }] }]);
    expect(api.posts[0]).toBe(`/api/agent/interviews/${INTERVIEW}/turns`);
  });

  it('spools while the API is down mid-call and replays exactly once when it returns', async () => {
    api = fakeApi();
    const spoolDir = mkdtempSync(join(tmpdir(), 'spool-'));
    const sink = new AgentApiClient({ apiUrl: await api.listen(), token: TOKEN, spoolDir, attempts: 2, baseDelayMs: 10, replayIntervalMs: 100 });
    await sink.postTurn(INTERVIEW, turn(0));
    api.setDown(true);
    await sink.postTurn(INTERVIEW, turn(1));
    await sink.postTurn(INTERVIEW, turn(2));
    expect(sink.spooledCount).toBe(2);
    expect(readdirSync(spoolDir).length).toBe(1);
    api.setDown(false);
    await sink.postTurn(INTERVIEW, turn(3));
    await new Promise((r) => setTimeout(r, 400));
    await sink.flush();
    expect([...api.turns.keys()].sort()).toEqual(['job1-0', 'job1-1', 'job1-2', 'job1-3']);
    const turnPosts = api.posts.filter((p) => p.endsWith('/turns'));
    expect(turnPosts.length).toBe(4);
    expect(readdirSync(spoolDir)).toEqual([]);
    await sink.close();
  });

  it('leaves the spool for the next job when the API never returns, and that job replays it', async () => {
    api = fakeApi();
    const url = await api.listen();
    const spoolDir = mkdtempSync(join(tmpdir(), 'spool-'));
    api.setDown(true);
    const first = new AgentApiClient({ apiUrl: url, token: TOKEN, spoolDir, attempts: 1, baseDelayMs: 1, replayIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) await first.postTurn(INTERVIEW, turn(i));
    await first.close();
    expect(api.turns.size).toBe(0);
    api.setDown(false);
    const next = new AgentApiClient({ apiUrl: url, token: TOKEN, spoolDir });
    const [a, b] = await Promise.all([next.replaySpool(), new AgentApiClient({ apiUrl: url, token: TOKEN, spoolDir }).replaySpool()]);
    expect(a.replayed + b.replayed).toBe(5);
    expect(api.turns.size).toBe(5);
    expect(api.posts.length).toBe(5);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('does not retry or spool a record the API rejects as invalid', async () => {
    api = fakeApi();
    const spoolDir = mkdtempSync(join(tmpdir(), 'spool-'));
    const sink = new AgentApiClient({ apiUrl: `${await api.listen()}/nowhere`, token: TOKEN, spoolDir, attempts: 3, baseDelayMs: 1 });
    await sink.postTurn(INTERVIEW, turn(0));
    expect(sink.spooledCount).toBe(0);
    expect(api.posts.length).toBe(1);
  });

  it('fetches the interview context through a failing API with the same retries', async () => {
    api = fakeApi();
    api.failContext(2);
    const client = new AgentApiClient({ apiUrl: await api.listen(), token: TOKEN, spoolDir: mkdtempSync(join(tmpdir(), 'spool-')), contextBaseDelayMs: 5 });
    const context = await client.getContext(INTERVIEW);
    expect(context.interviewId).toBe(INTERVIEW);
    expect(context.plan.questions.length).toBe(3);
    expect(api.contextRequests).toBe(3);
  });

  it('gives up on the context at once when the API answers 404', async () => {
    api = fakeApi();
    const client = new AgentApiClient({ apiUrl: await api.listen(), token: TOKEN, spoolDir: mkdtempSync(join(tmpdir(), 'spool-')), contextBaseDelayMs: 5 });
    const err = await client.getContext('00000000-0000-4000-8000-00000000dead').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterviewContextError);
    expect((err as Error).message).toMatch(/status 404/);
    expect(api.contextRequests).toBe(0);
  });
});
