/**
 * Everything the agent says to the API, in one client: the interview context at the start, then
 * every committed turn, per-turn metrics and the end of the call, so a crash loses nothing already
 * said. One request path with one retry policy (backoff on a network error, 401, 408, 429 or 5xx;
 * any other 4xx is final). Records the API cannot take after the retries go to the spool beneath
 * (spool.ts) and are replayed when the API answers again, and at the next job or worker start;
 * while spooling, later records queue behind the spool so the API sees them in order.
 */
import { log } from '@livekit/agents';
import { InterviewContext, type InterviewEndInput, type TurnInput, type TurnMetricsInput } from '@mockroom/core';
import { Spool } from './spool.js';

export type ApiRecord =
  | { kind: 'turn'; interviewId: string; body: TurnInput }
  | { kind: 'metrics'; interviewId: string; body: TurnMetricsInput }
  | { kind: 'end'; interviewId: string; body: InterviewEndInput };

export interface AgentApiClientOptions {
  apiUrl: string;
  token: string;
  spoolDir: string;
  /** Attempts per record before spooling (default 4). */
  attempts?: number;
  /** First backoff delay; doubles per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** How often to retry the spool while the API is down (default 3 s). */
  replayIntervalMs?: number;
  /** Attempts and first delay for the context, which the job cannot start without (default 5, 300 ms). */
  contextAttempts?: number;
  contextBaseDelayMs?: number;
  fetch?: typeof fetch;
}

/** The API answered with a status that retrying cannot change. */
export class ApiRejectedError extends Error {
  override name = 'ApiRejectedError';
  constructor(readonly status: number) {
    super(`API rejected the request with status ${status}`);
  }
}

class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
  /** The HTTP status, or -1 when no answer came. */
  constructor(readonly status: number) {
    super(status < 0 ? 'API unreachable' : `API unavailable (status ${status})`);
  }
}

export class InterviewContextError extends Error {
  override name = 'InterviewContextError';
}

const REQUEST_TIMEOUT_MS = 5_000;

function pathFor(record: ApiRecord): string {
  return `${interviewPath(record.interviewId)}/${record.kind === 'turn' ? 'turns' : record.kind}`;
}

function interviewPath(interviewId: string): string {
  return `/api/agent/interviews/${encodeURIComponent(interviewId)}`;
}

export class AgentApiClient {
  private readonly opts: Required<Omit<AgentApiClientOptions, 'fetch'>> & { fetch: typeof fetch };
  private readonly spool: Spool<ApiRecord>;
  // Resolved on use: the framework's logger exists only once cli.runApp has set it up.
  private get logger() {
    return log().child({ component: 'api-client' });
  }
  private chain: Promise<void> = Promise.resolve();
  private degraded = false;
  private replayTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Records posted directly (not counting spool replays), for tests and metrics. */
  postedCount = 0;
  spooledCount = 0;

  constructor(opts: AgentApiClientOptions) {
    this.opts = {
      attempts: 4,
      baseDelayMs: 250,
      replayIntervalMs: 3_000,
      contextAttempts: 5,
      contextBaseDelayMs: 300,
      fetch: globalThis.fetch,
      ...opts,
      apiUrl: opts.apiUrl.replace(/\/+$/, ''),
    };
    this.spool = new Spool<ApiRecord>(opts.spoolDir, (r) => r.interviewId);
  }

  /** The interview's context (candidate, plan, providers, turns so far); throws InterviewContextError. */
  async getContext(interviewId: string): Promise<InterviewContext> {
    try {
      const res = await this.withRetry(() => this.request('GET', `${interviewPath(interviewId)}/context`), {
        attempts: this.opts.contextAttempts,
        baseDelayMs: this.opts.contextBaseDelayMs,
      });
      return InterviewContext.parse(await res.json());
    } catch (err) {
      const status = err instanceof ApiRejectedError || err instanceof ApiUnavailableError ? err.status : -1;
      throw new InterviewContextError(`could not fetch the interview context (status ${status})`);
    }
  }

  postTurn(interviewId: string, body: TurnInput): Promise<void> {
    return this.enqueue({ kind: 'turn', interviewId, body });
  }

  postMetrics(interviewId: string, body: TurnMetricsInput): Promise<void> {
    return this.enqueue({ kind: 'metrics', interviewId, body });
  }

  postEnd(interviewId: string, body: InterviewEndInput): Promise<void> {
    return this.enqueue({ kind: 'end', interviewId, body });
  }

  /** Resolves when everything queued so far was posted or spooled. */
  flush(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
  }

  /** Replays every spooled record (all interviews); safe to run from several processes at once. */
  async replaySpool(): Promise<{ replayed: number; remaining: number }> {
    const result = await this.spool.replay(async (record) => {
      try {
        await this.send(record);
      } catch (err) {
        if (!(err instanceof ApiRejectedError)) throw err;
        this.logger.error({ status: err.status, kind: record.kind }, 'API rejected a spooled record; dropping it');
      }
    });
    if (result.replayed > 0) this.logger.info(result, 'spool replayed');
    return result;
  }

  private enqueue(record: ApiRecord): Promise<void> {
    const run = this.chain.then(() => this.deliver(record));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async deliver(record: ApiRecord): Promise<void> {
    if (this.degraded) {
      // Keep order while the API is down: everything goes behind what is already spooled.
      await this.toSpool(record);
      return;
    }
    try {
      await this.withRetry(() => this.send(record), { attempts: this.opts.attempts, baseDelayMs: this.opts.baseDelayMs });
      this.postedCount += 1;
    } catch (err) {
      if (err instanceof ApiRejectedError) {
        this.logger.error({ status: err.status, kind: record.kind }, 'API rejected a record; not retrying');
        return;
      }
      this.logger.warn({ kind: record.kind }, 'API unreachable; spooling');
      this.degraded = true;
      await this.toSpool(record);
      this.scheduleReplay();
    }
  }

  private async toSpool(record: ApiRecord): Promise<void> {
    await this.spool.append(record);
    this.spooledCount += 1;
  }

  private scheduleReplay(): void {
    if (this.replayTimer || this.closed) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      // Runs in the delivery chain so new records wait behind the replay and keep their order.
      this.chain = this.chain
        .then(async () => {
          const { remaining } = await this.replaySpool();
          if (remaining === 0) this.degraded = false;
          else this.scheduleReplay();
        })
        .catch(() => this.scheduleReplay());
    }, this.opts.replayIntervalMs);
    this.replayTimer.unref?.();
  }

  private async send(record: ApiRecord): Promise<void> {
    const res = await this.request('POST', pathFor(record), record.body);
    await res.body?.cancel().catch(() => undefined);
  }

  /** Tries `fn` with doubling backoff; a rejection is final at once. */
  private async withRetry<T>(fn: () => Promise<T>, policy: { attempts: number; baseDelayMs: number }): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof ApiRejectedError || attempt >= policy.attempts) throw err;
        await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  /** One request; resolves with an OK response, throws ApiRejectedError or ApiUnavailableError. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await this.opts.fetch(`${this.opts.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.opts.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new ApiUnavailableError(-1);
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => undefined);
    // 401 and 5xx may be a restarting or misconfigured API: keep trying. Other 4xx never succeed.
    if (res.status === 401 || res.status === 408 || res.status === 429 || res.status >= 500) {
      throw new ApiUnavailableError(res.status);
    }
    throw new ApiRejectedError(res.status);
  }
}
