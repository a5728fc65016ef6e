/**
 * Periodic work (the interview sweeper, rate-limit pruning) run once per tick for the whole
 * cluster, however many API instances share the database (docs/decisions/021-stateless-api-instances.md).
 *
 * Every instance wakes each period; the first to insert the tick's row in `jobs` (unique key
 * `tick:<name>:<tick start>`, stored as already done so no runner picks it up) runs it, the others
 * find the key taken and skip. Instances whose timers are offset by part of a period still agree on
 * the tick (it is the wall-clock period the wake-up falls in). A tick that fails is not retried:
 * the next one does the same work. Rows older than a day are deleted by the tick that claims.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { MockroomDb } from '@mockroom/db/client';
import { jobs } from '@mockroom/db/schema';

export interface PeriodicTask {
  name: string;
  periodMs: number;
  run(): Promise<void>;
}

const TICK_KEEP_MS = 24 * 3600_000;

export function tickStart(periodMs: number, now: Date): Date {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

/** True for the one caller (across every instance) that claims this task's current tick. */
export async function claimTick(db: MockroomDb, task: Pick<PeriodicTask, 'name' | 'periodMs'>, now: Date): Promise<boolean> {
  const start = tickStart(task.periodMs, now);
  const kind = `tick:${task.name}`;
  return db.asWorker(async (tx) => {
    const claimed = await tx
      .insert(jobs)
      .values({ kind, payload: {}, uniqueKey: `${kind}:${start.toISOString()}`, status: 'done', runAfter: start, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    if (claimed.length === 0) return false;
    await tx.delete(jobs).where(and(eq(jobs.kind, kind), lt(jobs.runAfter, sql`${new Date(now.getTime() - TICK_KEEP_MS).toISOString()}::timestamptz`)));
    return true;
  });
}

export interface Schedule {
  /** Claims and runs every task's current tick now (what the timer does each period); resolves with the names it ran. */
  runDue(): Promise<string[]>;
  stop(): Promise<void>;
}

export function startSchedule(
  db: MockroomDb,
  tasks: PeriodicTask[],
  options: { now?: () => Date; onError?: (task: string, error: unknown) => void; timers?: boolean } = {},
): Schedule {
  const now = options.now ?? (() => new Date());
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  async function runTask(task: PeriodicTask): Promise<boolean> {
    if (stopped || !(await claimTick(db, task, now()))) return false;
    await task.run();
    return true;
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  }

  function tick(task: PeriodicTask): void {
    void track(runTask(task).catch((error) => options.onError?.(task.name, error)));
  }

  if (options.timers !== false) {
    for (const task of tasks) {
      const t = setInterval(() => tick(task), task.periodMs);
      t.unref();
      timers.push(t);
    }
  }

  return {
    async runDue() {
      const ran = await Promise.all(tasks.map((task) => track(runTask(task))));
      return tasks.filter((_, i) => ran[i]).map((t) => t.name);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
