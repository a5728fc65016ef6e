/**
 * Finding 3 of issue 15: a write with no body (or a body that parses but asks for nothing) must be
 * refused with a 4xx before any handler runs, on every route that declares a request body — the
 * routes are read from the OpenAPI document, so a new route is covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_HEADERS, Browser, createHarness, signUp, type Harness } from '../test/harness.js';

let h: Harness;
let signedIn: Browser;
beforeAll(async () => {
  h = await createHarness();
  signedIn = (await signUp(h)).browser;
}, 120_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

interface Operation {
  method: string;
  path: string;
  requestBody?: { required?: boolean; content: Record<string, unknown> };
}

async function operationsWithBodies(): Promise<Operation[]> {
  const doc = (await (await new Browser(h).get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) if (op.requestBody) ops.push({ method, path, ...op });
  }
  return ops;
}

function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

describe('request bodies', () => {
  it('declares every JSON request body as required in the OpenAPI document', async () => {
    const ops = await operationsWithBodies();
    expect(ops.length).toBeGreaterThan(8);
    for (const op of ops) expect({ op: `${op.method} ${op.path}`, required: op.requestBody?.required }).toEqual({ op: `${op.method} ${op.path}`, required: true });
  });

  it('answers 400 to a write with no body and no content type on every route that declares a body', async () => {
    const ops = await operationsWithBodies();
    for (const op of ops) {
      const headers = op.path.startsWith('/api/agent/') ? AGENT_HEADERS(h.env) : {};
      const res = await signedIn.request(op.method.toUpperCase(), concrete(op.path), undefined, headers);
      expect({ op: `${op.method} ${op.path}`, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, status: 400 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
  });

  it('answers 400 to an empty JSON body and to malformed JSON', async () => {
    for (const body of ['', '{', 'null']) {
      const res = await new Browser(h).request('POST', '/api/auth/signin', body, { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(400);
    }
  });

  it('answers 400, not 500, to a profile update that changes nothing', async () => {
    const res = await signedIn.request('PATCH', '/api/me', {});
    expect(res.status).toBe(400);
    expect((await signedIn.request('PATCH', '/api/me', { displayName: 'New Name' })).status).toBe(200);
  });

  it('answers 400, not 500, to a value the database cannot store (found by schemathesis)', async () => {
    const { browser } = await signUp(h);
    const app = await browser.post('/api/applications', { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'Build APIs.' });
    const { application } = (await app.json()) as { application: { id: string } };
    const { interview } = (await (await browser.post('/api/interviews', { applicationId: application.id })).json()) as { interview: { id: string } };
    for (const metrics of [
      { turnId: 'a\u0000b', endOfTurnDelayMs: 1, sttMs: 1, llmFirstTokenMs: 1, ttsFirstByteMs: 1, totalMs: 1 },
      { turnId: 'tiny', endOfTurnDelayMs: 1e-320, sttMs: 1, llmFirstTokenMs: 1, ttsFirstByteMs: 1, totalMs: 1 },
    ]) {
      const res = await h.app.request(`/api/agent/interviews/${interview.id}/metrics`, {
        method: 'POST',
        headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' },
        body: JSON.stringify(metrics),
      });
      expect(res.status).toBe(400);
    }
  });

  it('does not close an interview when the agent posts /end without a body', async () => {
    const { browser } = await signUp(h);
    const app = await browser.post('/api/applications', { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'Build APIs.' });
    const { application } = (await app.json()) as { application: { id: string } };
    const iv = await browser.post('/api/interviews', { applicationId: application.id });
    const { interview } = (await iv.json()) as { interview: { id: string } };
    const end = await h.app.request(`/api/agent/interviews/${interview.id}/end`, { method: 'POST', headers: AGENT_HEADERS(h.env) });
    expect(end.status).toBe(400);
    const after = (await (await browser.get(`/api/interviews/${interview.id}`)).json()) as { interview: { status: string } };
    expect(after.interview.status).not.toBe('ended');
  });
});
