/**
 * Sends every committed turn, per-turn metrics and the end of the call to the API, so a crash
 * loses nothing already said. Each record is tried a few times with backoff; if the API stays
 * unreachable it goes to an append-only spool file (JSON lines, one per interview) that is
 * replayed when the API answers again, and at the next job or worker start. The API is idempotent
 * by turn id (and end/metrics by interview and turn), so a replay never duplicates a turn.
 */
import { appendFile, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@livekit/agents';
import type { InterviewEndInput, TurnInput, TurnMetricsInput } from '@mockroom/core';

export type SinkRecord =
  | { kind: 'turn'; interviewId: string; body: TurnInput }
  | { kind: 'metrics'; interviewId: string; body: TurnMetricsInput }
  | { kind: 'end'; interviewId: string; body: InterviewEndInput };

export interface TranscriptSinkOptions {
  apiUrl: string;
  token: string;
  spoolDir: string;
  /** Attempts per record before spooling (default 4). */
  attempts?: number;
  /** First backoff delay; doubles per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** How often to retry the spool while the API is down (default 3 s). */
  replayIntervalMs?: number;
  fetch?: typeof fetch;
}

export class ApiRejectedError extends Error {
  override name = 'ApiRejectedError';
  constructor(readonly status: number) {
    super(`API rejected the record with status ${status}`);
  }
}

class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

const REQUEST_TIMEOUT_MS = 5_000;
const SPOOL_SUFFIX = '.jsonl';

function pathFor(record: SinkRecord): string {
  const id = encodeURIComponent(record.interviewId);
  return `/api/agent/interviews/${id}/${record.kind === 'turn' ? 'turns' : record.kind}`;
}

/** A dead process's claim on a spool file can be taken over. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class TranscriptSink {
  private readonly opts: Required<Omit<TranscriptSinkOptions, 'fetch'>> & { fetch: typeof fetch };
  // Resolved on first use: the framework's logger exists only once cli.runApp has set it up.
  private get logger() {
    return log().child({ component: 'transcript-sink' });
  }
  private chain: Promise<void> = Promise.resolve();
  private degraded = false;
  private replayTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Records posted directly (not counting spool replays), for tests and metrics. */
  postedCount = 0;
  spooledCount = 0;

  constructor(opts: TranscriptSinkOptions) {
    this.opts = {
      attempts: 4,
      baseDelayMs: 250,
      replayIntervalMs: 3_000,
      fetch: globalThis.fetch,
      ...opts,
      apiUrl: opts.apiUrl.replace(/\/+$/, ''),
    };
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

  /**
   * Replays every spool file in the folder (all interviews). Safe to run from several processes
   * at once: a file is claimed by renaming it before it is read.
   */
  async replaySpool(): Promise<{ replayed: number; remaining: number }> {
    let names: string[];
    try {
      names = await readdir(this.opts.spoolDir);
    } catch {
      return { replayed: 0, remaining: 0 };
    }
    let replayed = 0;
    let remaining = 0;
    for (const name of names) {
      const claimed = await this.claim(name);
      if (!claimed) continue;
      const lines = (await readFile(claimed, 'utf8')).split('\n').filter((l) => l.trim() !== '');
      const left: string[] = [];
      let down = false;
      for (const line of lines) {
        let record: SinkRecord;
        try {
          record = JSON.parse(line) as SinkRecord;
        } catch {
          this.logger.warn('skipping a corrupt spool line');
          continue;
        }
        if (down) {
          left.push(line);
          continue;
        }
        try {
          await this.send(record);
          replayed += 1;
        } catch (err) {
          if (err instanceof ApiRejectedError) {
            this.logger.error({ status: err.status, kind: record.kind }, 'API rejected a spooled record; dropping it');
          } else {
            down = true;
            left.push(line);
          }
        }
      }
      if (left.length > 0) {
        remaining += left.length;
        // Put back what is left under a fresh name; appends that arrived meanwhile stay separate.
        await appendFile(join(this.opts.spoolDir, `${Date.now()}-${process.pid}-rest${SPOOL_SUFFIX}`), `${left.join('\n')}\n`);
      }
      await unlink(claimed).catch(() => undefined);
    }
    if (replayed > 0) this.logger.info({ replayed, remaining }, 'spool replayed');
    return { replayed, remaining };
  }

  private async claim(name: string): Promise<string | null> {
    const dir = this.opts.spoolDir;
    if (name.endsWith(SPOOL_SUFFIX)) {
      const target = join(dir, `${name}.replaying-${process.pid}`);
      try {
        await rename(join(dir, name), target);
        return target;
      } catch {
        return null;
      }
    }
    const m = /\.replaying-(\d+)$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) {
      const target = join(dir, `${name.replace(/\.replaying-\d+$/, '')}.replaying-${process.pid}`);
      try {
        await rename(join(dir, name), target);
        return target;
      } catch {
        return null;
      }
    }
    return null;
  }

  private enqueue(record: SinkRecord): Promise<void> {
    const run = this.chain.then(() => this.deliver(record));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async deliver(record: SinkRecord): Promise<void> {
    if (this.degraded) {
      // Keep order while the API is down: everything goes behind what is already spooled.
      await this.spool(record);
      return;
    }
    for (let attempt = 1; attempt <= this.opts.attempts; attempt++) {
      try {
        await this.send(record);
        this.postedCount += 1;
        return;
      } catch (err) {
        if (err instanceof ApiRejectedError) {
          this.logger.error({ status: err.status, kind: record.kind }, 'API rejected a record; not retrying');
          return;
        }
        if (attempt < this.opts.attempts) {
          await new Promise((r) => setTimeout(r, this.opts.baseDelayMs * 2 ** (attempt - 1)));
        }
      }
    }
    this.logger.warn({ kind: record.kind }, 'API unreachable; spooling');
    this.degraded = true;
    await this.spool(record);
    this.scheduleReplay();
  }

  private async spool(record: SinkRecord): Promise<void> {
    await mkdir(this.opts.spoolDir, { recursive: true });
    const file = join(this.opts.spoolDir, `${encodeURIComponent(record.interviewId)}${SPOOL_SUFFIX}`);
    await appendFile(file, `${JSON.stringify(record)}\n`);
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

  private async send(record: SinkRecord): Promise<void> {
    let res: Response;
    try {
      res = await this.opts.fetch(`${this.opts.apiUrl}${pathFor(record)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.token}` },
        body: JSON.stringify(record.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new ApiUnavailableError(err instanceof Error ? err.name : 'fetch failed');
    }
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return;
    // 401 and 5xx may be a restarting or misconfigured API: keep the record. Other 4xx never succeed.
    if (res.status === 401 || res.status === 408 || res.status === 429 || res.status >= 500) {
      throw new ApiUnavailableError(`status ${res.status}`);
    }
    throw new ApiRejectedError(res.status);
  }
}
