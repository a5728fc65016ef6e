/**
 * API throughput: A1 (the token endpoint against the trivial health route, same run) and A2
 * (turn ingestion as the agent posts it). autocannon runs in this process, so on a 2-core
 * machine it shares the CPU with the API: the ratio to /api/health is the number to quote.
 */
import { performance } from 'node:perf_hooks';
import type { Result } from 'autocannon';
import type { ApiClient } from './bot.js';
import type { Autocannon } from './deps.js';
import { percentile } from './stats.js';

export interface LoadOptions {
  autocannon: Autocannon;
  apiUrl: string;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

export interface LoadRun {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

function toRun(r: Result): LoadRun {
  return {
    rps: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

const show = (name: string, r: LoadRun) =>
  `  ${name}: ${Math.round(r.rps)} rps, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;

export interface A1Result {
  health: LoadRun;
  token: LoadRun;
}

/** Health, then the token route with a real session cookie and the same-origin headers CSRF wants. */
export async function measureTokenEndpoint(o: LoadOptions, client: ApiClient, interviewId: string): Promise<A1Result> {
  const common = { connections: o.connections, duration: o.seconds, pipelining: 1 };
  // A short warm-up so JIT and connection pools are not what the first run measures.
  await o.autocannon({ url: `${o.apiUrl}/api/health`, connections: o.connections, duration: 1 });
  const health = toRun(await o.autocannon({ ...common, url: `${o.apiUrl}/api/health` }));
  o.log(show('GET /api/health', health));
  const token = toRun(
    await o.autocannon({
      ...common,
      url: `${o.apiUrl}/api/interviews/${interviewId}/token`,
      method: 'POST',
      headers: { cookie: client.cookie, origin: o.apiUrl, 'sec-fetch-site': 'same-origin' },
    }),
  );
  o.log(show('POST /api/interviews/:id/token', token));
  return { health, token };
}

export interface A2Result {
  load: LoadRun;
  /** Turn end (endedAt, set when sent) → 201 received, i.e. the row committed, sampled during the load. */
  commitMs: number[];
}

function turnBody(seq: number, tag: string): string {
  const now = new Date();
  return JSON.stringify({
    turnId: `bench-${tag}-${seq}`,
    sequence: seq,
    speaker: seq % 2 ? 'candidate' : 'recruiter',
    text: 'I led the migration of our billing service to TypeScript and cut incidents by half.',
    startedAt: new Date(now.getTime() - 3000).toISOString(),
    endedAt: now.toISOString(),
    source: 'voice',
    interrupted: false,
  });
}

/** Unique turns spread over several interviews, posted with the agent's Bearer token. */
export async function measureTurnIngestion(o: LoadOptions, agentToken: string, interviewIds: string[]): Promise<A2Result> {
  const headers = { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' };
  const tag = Date.now().toString(36);
  let seq = 0;
  const commitMs: number[] = [];
  let sampling = true;
  // A paced sampler beside the load: each turn's end is "now", committed when the 201 arrives.
  const sampler = (async () => {
    let k = 0;
    while (sampling) {
      const id = interviewIds[k % interviewIds.length]!;
      const t0 = performance.now();
      const res = await fetch(`${o.apiUrl}/api/agent/interviews/${id}/turns`, { method: 'POST', headers, body: turnBody(k, `${tag}-s`) });
      await res.arrayBuffer();
      if (res.status === 201) commitMs.push(performance.now() - t0);
      k += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const load = toRun(
    await o.autocannon({
      url: o.apiUrl,
      connections: o.connections,
      duration: o.seconds,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (req) => {
            seq += 1;
            return { ...req, path: `/api/agent/interviews/${interviewIds[seq % interviewIds.length]}/turns`, body: turnBody(seq, tag) };
          },
        },
      ],
    }),
  );
  sampling = false;
  await sampler;
  o.log(show('POST /api/agent/interviews/:id/turns', load));
  o.log(`  turn end → committed: p50 ${Math.round(percentile(commitMs, 50) ?? NaN)} ms, p99 ${Math.round(percentile(commitMs, 99) ?? NaN)} ms (n=${commitMs.length})`);
  return { load, commitMs };
}
