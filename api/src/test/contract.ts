/**
 * Response contract check for in-process API tests. The harness wraps every app it builds with
 * enforceContract, so each JSON answer of every API test is checked against the response schema
 * its route declares (looked up in the OpenAPI registry by method, path and status): an answer
 * that does not parse, carries fields the schema does not declare, lacks a field the schema
 * fills in with a default, or comes with a status the route does not declare fails the test.
 * Routes outside the registry (plain Hono routes: health, webhook, dev outbox) are not checked.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';

interface ResponseSpec {
  content?: Record<string, { schema?: unknown } | undefined>;
}

interface ContractRoute {
  method: string;
  /** The path as the document writes it, e.g. /api/interviews/{id}. */
  path: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, ResponseSpec | undefined>;
}

export class ContractDriftError extends Error {
  override name = 'ContractDriftError';
}

// Loose on purpose: any OpenAPIHono, whatever its env and schema type parameters.
type AnyOpenAPIHono = OpenAPIHono<any, any, any>;

/** Every route the app's OpenAPI registry knows, static segments ranked before parameters. */
export function contractRoutes(app: AnyOpenAPIHono): ContractRoute[] {
  const routes: ContractRoute[] = [];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    const segments = path.replace(/\/+$/, '').split('/');
    const source = segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    routes.push({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${source}/?$`),
      params: segments.filter((s) => /^\{.+\}$/.test(s)).length,
      responses: responses as ContractRoute['responses'],
    });
  }
  return routes.sort((a, b) => a.params - b.params);
}

export function findRoute(routes: ContractRoute[], method: string, pathname: string): ContractRoute | undefined {
  return routes.find((r) => r.method === method && r.pattern.test(pathname));
}

/** Where two JSON values first differ, as a dotted path; null when they are equal. */
function firstDifference(actual: unknown, declared: unknown, at = ''): string | null {
  if (isDeepStrictEqual(actual, declared)) return null;
  if (actual && declared && typeof actual === 'object' && typeof declared === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(declared)]);
    for (const key of keys) {
      const inner = firstDifference((actual as Record<string, unknown>)[key], (declared as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (inner !== null) return inner;
    }
  }
  return at || '(body)';
}

/** Null when the answer matches what the route declares for its status, else what is wrong. */
export async function contractProblem(route: ContractRoute, res: Response): Promise<string | null> {
  const spec = route.responses[String(res.status)] ?? route.responses.default;
  if (!spec) return `status ${res.status} is not declared`;
  const text = await res.text();
  const jsonSpec = spec.content?.['application/json'];
  if (!spec.content || Object.keys(spec.content).length === 0) {
    return text === '' ? null : `status ${res.status} declares no body but the answer has one`;
  }
  if (!jsonSpec?.schema) return null; // A media type other than JSON: not checked here.
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return `status ${res.status} declares JSON but the answer is ${res.headers.get('content-type') ?? 'untyped'}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the answer is not valid JSON';
  }
  const parsed = (jsonSpec.schema as z.ZodType).safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    return `the answer does not match the declared schema: ${issues.join('; ')}`;
  }
  // Parsing drops undeclared fields and fills in defaults; either means the answer is not what the
  // schema says it is, so the parsed value must equal the answer as sent.
  const diff = firstDifference(body, JSON.parse(JSON.stringify(parsed.data)));
  return diff === null ? null : `the answer differs from its schema at ${diff} (an undeclared field, or a declared default the answer lacks)`;
}

/**
 * Wraps app.fetch (which app.request calls) so that an answer drifting from its route's
 * declared response makes the request reject with ContractDriftError.
 */
export function enforceContract<A extends AnyOpenAPIHono>(app: A): A {
  // Read on first use, so routes a test adds after the harness built the app are covered too.
  let routes: ContractRoute[] | undefined;
  const inner = app.fetch;
  app.fetch = async (request: Request, ...rest: unknown[]) => {
    const res = await (inner as (r: Request, ...more: unknown[]) => Response | Promise<Response>)(request, ...rest);
    routes ??= contractRoutes(app);
    const route = findRoute(routes, request.method, new URL(request.url).pathname);
    if (route) {
      const problem = await contractProblem(route, res.clone());
      if (problem) throw new ContractDriftError(`${request.method} ${route.path} → ${res.status}: ${problem}`);
    }
    return res;
  };
  return app;
}
