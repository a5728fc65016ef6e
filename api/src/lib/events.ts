/**
 * First-party product analytics: record that something was used, and count it per day for the
 * operator. The events table holds a name from a closed list, a time and a count, nothing else
 * (db/src/schema/events.ts): callers cannot pass a user id or any text, because this module's
 * signature has no place for one. Recording never fails the request that triggered it.
 * Old events are deleted by a daily job (EVENTS_RETENTION_DAYS).
 */
import { and, gte, lt, sql } from 'drizzle-orm';
import { rowsOf, type MockroomDb } from '@mockroom/db/client';
import { events, EVENT_NAMES, type EventName } from '@mockroom/db/schema';
import { enqueueTx } from '../jobs/queue.js';
import type { Services } from './context.js';

export { EVENT_NAMES, type EventName };

export const EVENTS_RETENTION_JOB = 'events-retention';
const DAY_MS = 24 * 3600_000;

type EventDeps = Pick<Services, 'db' | 'now' | 'logger' | 'env'>;

/** Records one event (or `count` at once). Errors are logged by name and swallowed. */
export async function recordEvent(s: EventDeps, name: EventName, count = 1): Promise<void> {
  try {
    const now = s.now();
    await s.db.asWorker(async (tx) => {
      await tx.insert(events).values({ name, count, occurredAt: now });
      // The retention sweep is a durable job, one per UTC day (the unique key), due at the next
      // midnight: recording is what keeps it scheduled, so a server with no events sweeps nothing.
      const day = now.toISOString().slice(0, 10);
      await enqueueTx(tx, { kind: EVENTS_RETENTION_JOB, payload: {}, uniqueKey: `${EVENTS_RETENTION_JOB}:${day}`, runAfter: new Date(Date.parse(day) + DAY_MS) });
    });
  } catch (error) {
    s.logger.warn({ err: error instanceof Error ? error.name : 'unknown', event: name }, 'event not recorded');
  }
}

/** Deletes events older than the retention period; returns how many went. */
export async function sweepOldEvents(s: EventDeps): Promise<number> {
  const cutoff = new Date(s.now().getTime() - s.env.EVENTS_RETENTION_DAYS * DAY_MS);
  const gone = await s.db.asWorker((tx) => tx.delete(events).where(lt(events.occurredAt, cutoff)).returning({ id: events.id }));
  return gone.length;
}

export interface DailyCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  name: EventName;
  count: number;
}

/** Sums of each event per UTC day over the last `days` days, newest day first. */
export async function countEventsPerDay(db: MockroomDb, now: Date, days: number): Promise<DailyCount[]> {
  const since = new Date(Date.parse(now.toISOString().slice(0, 10)) - (days - 1) * DAY_MS);
  const rows = await db.asWorker(async (tx) =>
    rowsOf<{ day: string; name: EventName; count: number | string }>(
      await tx.execute(sql`
        select to_char(${events.occurredAt} at time zone 'UTC', 'YYYY-MM-DD') as day, ${events.name} as name, sum(${events.count})::int as count
        from ${events}
        where ${and(gte(events.occurredAt, since), lt(events.occurredAt, new Date(now.getTime() + DAY_MS)))}
        group by 1, 2
        order by 1 desc, 2`),
    ),
  );
  return rows.map((r) => ({ day: r.day, name: r.name, count: Number(r.count) }));
}
