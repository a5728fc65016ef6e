import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@mockroom/db/testing';
import { claimTick, startSchedule, tickStart } from './schedule.js';

describe('periodic ticks', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('runs a tick once however many schedules wake in its period', async () => {
    let runs = 0;
    const task = { name: 'unit', periodMs: 60_000, run: async () => void runs++ };
    const at = new Date('2031-01-01T00:00:10Z');
    const schedules = [1, 2, 3].map(() => startSchedule(t.db, [task], { now: () => at, timers: false }));
    const ran = await Promise.all(schedules.map((s) => s.runDue()));
    expect(ran.flat()).toEqual(['unit']);
    expect(runs).toBe(1);
    // Later in the same period: nothing; in the next one: again.
    expect(await claimTick(t.db, task, new Date('2031-01-01T00:00:59Z'))).toBe(false);
    expect(await claimTick(t.db, task, new Date('2031-01-01T00:01:00Z'))).toBe(true);
    await Promise.all(schedules.map((s) => s.stop()));
  });

  it('keeps a day of claimed ticks and deletes older ones', async () => {
    const task = { name: 'prune', periodMs: 3600_000 };
    const day0 = new Date('2031-02-01T00:30:00Z');
    expect(await claimTick(t.db, task, day0)).toBe(true);
    // Two days later the old tick's row is gone, so nothing grows without bound.
    expect(await claimTick(t.db, task, new Date(day0.getTime() + 48 * 3600_000))).toBe(true);
    const rows = await t.db.asWorker((tx) => tx.query.jobs.findMany({ where: (j, { eq }) => eq(j.kind, 'tick:prune') }));
    expect(rows.map((r) => r.runAfter.toISOString())).toEqual([tickStart(task.periodMs, new Date(day0.getTime() + 48 * 3600_000)).toISOString()]);
  });

  it('does not claim after stop', async () => {
    let runs = 0;
    const s = startSchedule(t.db, [{ name: 'stopped', periodMs: 60_000, run: async () => void runs++ }], { timers: false });
    await s.stop();
    expect(await s.runDue()).toEqual([]);
    expect(runs).toBe(0);
  });
});
