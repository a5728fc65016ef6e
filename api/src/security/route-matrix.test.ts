/**
 * Tenant isolation across every route: user B, signed in, calls each operation of the OpenAPI
 * document with user A's identifiers in the path and in any id field of the body. No such call may
 * succeed, and no answer to B may carry anything of A's. The operations are read from the document
 * and the bodies generated from its schemas, so a new route is covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_HEADERS, Browser, createHarness, GOOD_PASSWORD, signUp, uniqueEmail, type Harness } from '../test/harness.js';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};
interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components?: { schemas?: Record<string, Schema> };
}

let h: Harness;
let doc: Doc;
let b: { browser: Browser; user: { id: string; email: string } };
const a = {
  browser: null as unknown as Browser,
  user: { id: '', email: '' },
  ids: {} as Record<string, string>,
  canaries: [] as string[],
};

/** A small instance of a JSON schema; every uuid field gets `id` (A's identifier under test). */
function instance(schema: Schema | undefined, id: string, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.$ref) return instance(doc.components?.schemas?.[schema.$ref.split('/').pop()!], id, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => instance(s, id, depth + 1)));
  if (schema.anyOf ?? schema.oneOf) return instance((schema.anyOf ?? schema.oneOf)![0], id, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => {
          // Names the document cannot express as formats: a valid address and an acceptable password.
          if (/email/i.test(k) && v.type === 'string') return [k, uniqueEmail('probe')];
          if (/password/i.test(k) && v.type === 'string') return [k, 'a long probe passphrase'];
          return [k, instance(v, id, depth + 1)];
        }),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 1 }, () => instance(schema.items, id, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 5;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return id;
      if (schema.format === 'email') return uniqueEmail('probe');
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern === '^\\d{8}$') return '12345678';
      return 'probe value '.padEnd(Math.max(schema.minLength ?? 1, 12), 'x');
    default:
      return schema.default ?? null;
  }
}

function operations(): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })));
}

async function ensureSignedIn(who: typeof b): Promise<void> {
  if ((await who.browser.get('/api/auth/me')).status === 200) return;
  const fresh = new Browser(h, `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  const res = await fresh.post('/api/auth/signin', { email: who.user.email, password: GOOD_PASSWORD });
  if (res.status !== 200) throw new Error(`could not sign B in again: ${res.status}`);
  who.browser = fresh;
}

beforeAll(async () => {
  h = await createHarness();
  doc = (await (await new Browser(h).get('/api/openapi.json')).json()) as Doc;
  const signedUp = await signUp(h, 'owner-a');
  a.browser = signedUp.browser;
  a.user = signedUp.user;
  const canary = `CANARY${Math.random().toString(36).slice(2, 10)}`;
  a.canaries = [a.user.email, a.user.id, `${canary}company`, `${canary}role`, `${canary}jd`, `${canary}cv`, `${canary}answer`];
  await a.browser.request('PATCH', '/api/me', { displayName: `${canary}name` });
  a.canaries.push(`${canary}name`);
  expect((await a.browser.request('PUT', '/api/cv', { text: `Experience: ${canary}cv`, fileName: 'cv.txt' })).status).toBe(200);
  const app = await a.browser.post('/api/applications', { company: `${canary}company`, role: `${canary}role`, seniority: 'mid', interviewType: 'mixed', jobDescription: `Requirements: ${canary}jd` });
  a.ids.application = ((await app.json()) as { application: { id: string } }).application.id;
  const iv = await a.browser.post('/api/interviews', { applicationId: a.ids.application });
  a.ids.interview = ((await iv.json()) as { interview: { id: string } }).interview.id;
  const now = new Date().toISOString();
  const turn = await h.app.request(`/api/agent/interviews/${a.ids.interview}/turns`, {
    method: 'POST',
    headers: { ...AGENT_HEADERS(h.env), 'content-type': 'application/json' },
    body: JSON.stringify({ turnId: 't-1', sequence: 1, speaker: 'candidate', text: `I led ${canary}answer`, startedAt: now, endedAt: now, source: 'voice', interrupted: false }),
  });
  expect(turn.status).toBe(201);
  a.ids.user = a.user.id;
  b = await signUp(h, 'probe-b');
  // B owns data of its own, so list routes answer with something and a leak would have company.
  await b.browser.post('/api/applications', { company: 'B Company', role: 'B Role', seniority: 'mid', interviewType: 'mixed', jobDescription: 'B job' });
}, 180_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

describe('every route, user B on user A’s resources', () => {
  it('never succeeds and never answers with A’s data', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(20);
    const tried: string[] = [];
    const failures: string[] = [];
    let referencing = 0;
    for (const op of ops) {
      const needsId = /\{[^}]+\}/.test(op.path);
      const schema = op.requestBody?.content['application/json']?.schema;
      const bodyTakesId = schema !== undefined && JSON.stringify(instance(schema, '@ID@')).includes('@ID@');
      // Each of A's identifiers in turn, wherever the operation takes one; otherwise one plain call.
      const variants = needsId || bodyTakesId ? Object.entries(a.ids) : [['none', '']];
      for (const [kind, id] of variants) {
        await ensureSignedIn(b);
        const path = op.path.replace(/\{[^}]+\}/g, id!);
        const body = schema ? instance(schema, id!) : undefined;
        const res = await b.browser.request(op.method, path, body);
        const text = await res.text();
        const label = `${op.method} ${op.path} [${kind}] → ${res.status}`;
        tried.push(label);
        const leaked = a.canaries.filter((c) => text.includes(c));
        if (leaked.length) failures.push(`${label}: A's data in the body`);
        if (kind !== 'none') {
          referencing++;
          if (res.status >= 200 && res.status < 300) failures.push(`${label}: succeeded on A's ${kind}`);
        }
        if (res.status >= 500) failures.push(`${label}: server error`);
      }
    }
    expect(failures).toEqual([]);
    expect(referencing).toBeGreaterThan(15);
  }, 300_000);

  it('leaves A’s resources as they were, and A can still read them', async () => {
    for (const [path, canary] of [
      [`/api/applications/${a.ids.application}`, 'company'],
      [`/api/interviews/${a.ids.interview}`, ''],
      ['/api/cv', 'cv'],
    ] as const) {
      const res = await a.browser.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      if (canary) expect(await res.text()).toContain(a.canaries.find((c) => c.endsWith(canary)));
    }
  });

  it('covers the agent’s routes too: a user session is not the agent credential', async () => {
    const agentOps = operations().filter((op) => op.path.startsWith('/api/agent/'));
    expect(agentOps.length).toBeGreaterThan(2);
    for (const op of agentOps) {
      const res = await b.browser.request(op.method, op.path.replace(/\{[^}]+\}/g, a.ids.interview!), op.requestBody ? {} : undefined);
      expect({ op: `${op.method} ${op.path}`, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, status: 401 });
    }
  });
});
