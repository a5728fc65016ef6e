import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, errorResponses, json } from '../lib/openapi.js';
import { ContractDriftError, enforceContract } from './contract.js';
import { createHarness, type Harness } from './harness.js';

const Thing = z.object({ name: z.string(), tags: z.array(z.string()).default([]) });

/** A tiny app whose handlers answer whatever the test hands them, bypassing the route types. */
function appAnswering(answer: () => Response) {
  const app = createRouter()
    .openapi(
      createRoute({ method: 'get', path: '/things/{id}', request: { params: z.object({ id: z.string() }) }, responses: { 200: json(z.object({ thing: Thing })), ...errorResponses } }),
      () => answer() as never,
    )
    .openapi(createRoute({ method: 'post', path: '/things', responses: { 202: { description: 'queued, no body' }, ...errorResponses } }), () => answer() as never);
  return enforceContract(app);
}

const jsonAnswer = (body: unknown, status = 200) => Response.json(body, { status });

describe('enforceContract', () => {
  it('passes an answer that matches the declared schema', async () => {
    const app = appAnswering(() => jsonAnswer({ thing: { name: 'a', tags: ['x'] } }));
    const res = await app.request('/things/1');
    expect(await res.json()).toEqual({ thing: { name: 'a', tags: ['x'] } });
  });

  it('rejects an answer of the wrong shape', async () => {
    const app = appAnswering(() => jsonAnswer({ thing: { name: 42, tags: [] } }));
    await expect(app.request('/things/1')).rejects.toThrow(/GET \/things\/\{id\} → 200: .*thing\.name/);
  });

  it('rejects an undeclared field, as a leak past the schema', async () => {
    const app = appAnswering(() => jsonAnswer({ thing: { name: 'a', tags: [], passwordHash: 'x' } }));
    await expect(app.request('/things/1')).rejects.toThrow(/thing\.passwordHash/);
  });

  it('rejects an answer that lacks a field the schema defaults', async () => {
    const app = appAnswering(() => jsonAnswer({ thing: { name: 'a' } }));
    await expect(app.request('/things/1')).rejects.toThrow(/thing\.tags/);
  });

  it('rejects a status the route does not declare', async () => {
    const app = appAnswering(() => jsonAnswer({ thing: { name: 'a', tags: [] } }, 202));
    await expect(app.request('/things/1')).rejects.toBeInstanceOf(ContractDriftError);
  });

  it('rejects a body on a status declared without one', async () => {
    const app = appAnswering(() => jsonAnswer({ ok: true }, 202));
    await expect(app.request('/things', { method: 'POST' })).rejects.toThrow(/declares no body/);
  });

  it('checks error answers against the error schema', async () => {
    const app = appAnswering(() => jsonAnswer({ error: 'nope' }, 404));
    await expect(app.request('/things/1')).rejects.toThrow(/→ 404: .*error/);
  });
});

describe('the test harness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    // A handler drifting from its own route definition, mounted on the real app the harness built.
    h.app.openapi(
      createRoute({ method: 'get', path: '/api/drift-probe', responses: { 200: json(z.object({ ok: z.boolean() })), ...errorResponses } }),
      (c) => c.json({ ok: 'yes' } as never, 200),
    );
  }, 60_000);
  afterAll(() => h.close());

  it('fails a request whose answer drifts from its route schema', async () => {
    await expect(h.app.request('/api/drift-probe')).rejects.toThrow(/GET \/api\/drift-probe → 200: .*ok/);
  });

  it('checks the real routes, including their error answers', async () => {
    const res = await h.app.request('/api/auth/me');
    expect(res.status).toBe(401);
  });
});
