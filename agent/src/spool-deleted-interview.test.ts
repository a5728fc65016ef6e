/**
 * Issue 16: an interview deleted while the agent still holds its turns (spooled while the API was
 * away) must not come back. The API answers 404 for a deleted interview; the spool's replay treats
 * that as final and drops the records, so the transcript is gone from the spool as well.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initializeLogger } from '@livekit/agents';
import type { TurnInput } from '@mockroom/core';
import { AgentApiClient } from './api-client.js';

beforeAll(() => initializeLogger({ pretty: false, level: 'fatal' }));

const INTERVIEW = '00000000-0000-4000-8000-000000000016';
const TOKEN = 'dev-agent-token-change-me-0123456789';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

function turn(sequence: number): TurnInput {
  const now = new Date().toISOString();
  return { turnId: `t-${sequence}`, sequence, speaker: 'candidate', text: `private answer ${sequence}`, startedAt: now, endedAt: now, source: 'voice', interrupted: false, questionId: null };
}

describe('spooled turns of a deleted interview', () => {
  it('are dropped from the spool when the API answers that the interview is gone', async () => {
    let state: 'down' | 'deleted' = 'down';
    const posts: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts.push(`${state} ${req.url}`);
        res.writeHead(state === 'down' ? 503 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'interview not found' } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => new Promise<void>((r) => server.close(() => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const spoolDir = mkdtempSync(join(tmpdir(), 'spool-deleted-'));

    const sink = new AgentApiClient({ apiUrl: url, token: TOKEN, spoolDir, attempts: 1, baseDelayMs: 1, replayIntervalMs: 60_000 });
    await sink.postTurn(INTERVIEW, turn(1));
    await sink.postTurn(INTERVIEW, turn(2));
    await sink.close();
    const held = readdirSync(spoolDir).map((f) => readFileSync(join(spoolDir, f), 'utf8')).join('');
    expect(held).toContain('private answer 2');

    // Meanwhile the candidate deleted the interview: the API is back and answers 404.
    state = 'deleted';
    const next = new AgentApiClient({ apiUrl: url, token: TOKEN, spoolDir });
    const result = await next.replaySpool();
    await next.close();
    expect(result.remaining).toBe(0);
    expect(posts.filter((p) => p.startsWith('deleted')).length).toBeGreaterThan(0);
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
