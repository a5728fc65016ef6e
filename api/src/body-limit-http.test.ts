/** The body limit over real HTTP/1.1 (@hono/node-server), where it is decided from the headers. */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, type Harness } from './test/harness.js';

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
