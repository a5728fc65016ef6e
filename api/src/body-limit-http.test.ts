/**
 * The body limit over real HTTP/1.1 (@hono/node-server), where it is decided from the headers, and
 * the agent's JSON posts, whose body is read straight from the socket there.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_HEADERS, createHarness, ORIGIN, signUp, type Harness } from './test/harness.js';

let h: Harness;
let server: ServerType;
let port: number;

beforeAll(async () => {
  h = await createHarness();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h?.close();
});

function post(path: string, body: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', origin: ORIGIN };
    if (!chunked) headers['content-length'] = body.length;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    // Without content-length, Node sends the body chunked.
    if (chunked) req.write(body.subarray(0, 1000));
    req.end(chunked ? body.subarray(1000) : body);
  });
}

describe('body limit over HTTP/1.1', () => {
  const big = Buffer.alloc(100 * 1024, 0x20);
  it('refuses an oversized body announced by Content-Length', async () => {
    expect(await post('/api/auth/signin', big, false)).toBe(413);
  });
  it('refuses an oversized chunked body', async () => {
    expect(await post('/api/auth/signin', big, true)).toBe(413);
  });
  it('lets a small body through to the route', async () => {
    expect(await post('/api/auth/signin', Buffer.from('{}'), false)).toBe(400);
  });
});

/** An agent post over HTTP/1.1 with Content-Length, the body sent in two writes; resolves status and body. */
function agentPost(path: string, body: Buffer, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const headers = { ...AGENT_HEADERS(h.env), 'content-type': contentType, 'content-length': body.length };
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.write(body.subarray(0, 10));
    setTimeout(() => req.end(body.subarray(10)), 20);
  });
}

describe('agent JSON posts over HTTP/1.1 (body read from the socket)', () => {
  const turn = (turnId: string, text: string) => {
    const now = new Date().toISOString();
    return { turnId, sequence: 1, speaker: 'candidate', text, startedAt: now, endedAt: now };
  };

  it('stores a turn sent in two pieces, UTF-8 intact, and answers a retry with the stored row', async () => {
    const alice = await signUp(h, 'alice');
    const app = await alice.browser.post('/api/applications', { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'TypeScript and Postgres.' });
    const applicationId = ((await app.json()) as { application: { id: string } }).application.id;
    const iv = await alice.browser.post('/api/interviews', { applicationId });
    const interviewId = ((await iv.json()) as { interview: { id: string } }).interview.id;
    const body = Buffer.from(JSON.stringify(turn('t-utf8', 'Grüße — 日本語 ✓')));
    const first = await agentPost(`/api/agent/interviews/${interviewId}/turns`, body);
    expect(first.status).toBe(201);
    expect((first.json as { turn: { text: string } }).turn.text).toBe('Grüße — 日本語 ✓');
    const again = await agentPost(`/api/agent/interviews/${interviewId}/turns`, body);
    expect(again.status).toBe(200);
  });

  it('accepts a leading BOM as Request.text() does, and refuses malformed JSON and invalid turns with 400', async () => {
    const path = `/api/agent/interviews/${crypto.randomUUID()}/turns`;
    const valid = JSON.stringify(turn('t-1', 'hello'));
    // Parsed and validated, then no such interview.
    expect((await agentPost(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]))).status).toBe(404);
    expect((await agentPost(path, Buffer.from('{"turnId": '))).status).toBe(400);
    expect((await agentPost(path, Buffer.from(JSON.stringify({ turnId: 't-2' })))).status).toBe(400);
  });

  it('reads other content types through the Request as before', async () => {
    const path = `/api/agent/interviews/${crypto.randomUUID()}/turns`;
    expect((await agentPost(path, Buffer.from(JSON.stringify(turn('t-3', 'hi'))), 'application/json; charset=utf-8')).status).toBe(404);
  });
});
