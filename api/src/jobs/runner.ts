/** Runs queued jobs: polls, and wakes immediately when kicked after an enqueue. One job at a time per process. */
import type { Services } from '../lib/context.js';
import { claimJob, completeJob, failJob, type ClaimedJob } from './queue.js';

export type JobHandler = (job: ClaimedJob, services: Services) => Promise<void>;

export interface JobRunner {
  kick(): void;
  /** Runs until the queue has nothing due; for tests and shutdown. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export const JOB_POLL_MS = 2_000;

export function createJobRunner(services: () => Services, handlers: Record<string, JobHandler>): JobRunner {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  async function runOnce(): Promise<boolean> {
    const s = services();
    const job = await claimJob(s.db, s.now());
    if (!job) return false;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job, s);
      if (await completeJob(s.db, job, s.now())) s.logger.info({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job done');
      else s.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job outlived its lease; another runner holds it');
    } catch (error) {
      const outcome = await failJob(s.db, job, error, s.now());
      s.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, outcome, err: error instanceof Error ? error.name : 'unknown' }, 'job failed');
    }
    return true;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let n = 0;
      do {
        again = false;
        while (await runOnce()) n++;
      } while (again);
      return n;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      drain()
        .catch((error) => services().logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'job runner error'))
        .finally(schedule);
    }, JOB_POLL_MS);
    timer.unref();
  }

  return {
    kick() {
      if (stopped) return;
      void drain().catch(() => {});
    },
    drain,
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
}
