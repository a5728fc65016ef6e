/**
 * The invalidation bus between API instances that share one Postgres (docs/decisions/021-stateless-api-instances.md).
 *
 * Writes that make a cached fact false (a session ended, a user's row changed, an interview
 * closed) publish an invalidation inside their own transaction (`pg_notify`), so Postgres delivers
 * it to every listening instance exactly when the write commits, and not at all on a rollback.
 *
 * Delivery alone leaves a window: the writer's client can reach another instance before that
 * instance has read the notification off its socket. So a cache is trusted only after `sync()`:
 * the instance sends a notification to itself on a channel only it listens to and waits until it
 * comes back over its LISTEN connection. Postgres hands each listener the notifications in commit
 * order, so when the echo arrives every invalidation committed before `sync()` was called has been
 * applied. Callers of one event-loop turn share one echo (several may be in flight, pipelined on
 * one connection), so a busy instance sends one small notify per turn, not one per request. When
 * the echo does not come back in time, or the LISTEN connection was re-opened (notifications may
 * have been lost while it was down), every cache is dropped and callers read the database until
 * an echo comes back again.
 *
 * PGlite is one process with one app, so its bus is local: invalidations are applied in process
 * and `sync()` answers at once.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Tx } from '@mockroom/db/client';

/** What became stale: a user's sessions (`user`), one session, one interview, or every interview (`interviews`). */
export type Invalidation =
  | { kind: 'user'; id: string }
  | { kind: 'session'; id: string }
  | { kind: 'interview'; id: string }
  | { kind: 'interviews' };

/** `all`: the bus may have missed something; drop everything. */
export type BusEvent = Invalidation | { kind: 'all' };

export interface ClusterBus {
  /** True when other instances may share the database (Postgres); false for the local bus. */
  readonly shared: boolean;
  /**
   * Changes whenever something may have become stale here (an invalidation applied, a flush). A
   * cache fill compares the value it read before going to the database with the value after, and
   * does not store what it read if they differ (the fact may have been invalidated meanwhile).
   */
  readonly epoch: number;
  /** Publishes in the caller's transaction: delivered on commit. Also applied here at once. */
  publishTx(tx: Tx, event: Invalidation): Promise<void>;
  /**
   * Resolves true once every invalidation committed before this call has been applied on this
   * instance; false when that cannot be told (then nothing cached may be trusted for this request).
   */
  sync(): Promise<boolean>;
  /** Whether caches may be trusted right now without a sync (the last sync succeeded and nothing was lost since). */
  readonly healthy: boolean;
  subscribe(handler: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

export const INVALIDATION_CHANNEL = 'mockroom_invalidate';
/** How long a sync waits for its echo before the caches are dropped and the database is read instead. */
export const SYNC_TIMEOUT_MS = 2_000;

function encode(event: Invalidation): string {
  return event.kind === 'interviews' ? 'I:*' : `${event.kind[0]}:${event.id}`;
}

function decode(payload: string): Invalidation | null {
  const [tag, id] = [payload.slice(0, 2), payload.slice(2)];
  if (tag === 'I:') return { kind: 'interviews' };
  if (!id) return null;
  if (tag === 'u:') return { kind: 'user', id };
  if (tag === 's:') return { kind: 'session', id };
  if (tag === 'i:') return { kind: 'interview', id };
  return null;
}

class Subscribers {
  epoch = 0;
  private readonly handlers = new Set<(event: BusEvent) => void>();

  subscribe(handler: (event: BusEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(event: BusEvent): void {
    this.epoch++;
    for (const h of this.handlers) h(event);
  }
}

/** The single-process bus (PGlite): applies invalidations in process; nothing else can write. */
export function createLocalBus(): ClusterBus {
  const subs = new Subscribers();
  return {
    shared: false,
    get epoch() {
      return subs.epoch;
    },
    healthy: true,
    async publishTx(_tx, event) {
      subs.emit(event);
    },
    sync: () => Promise.resolve(true),
    subscribe: (h) => subs.subscribe(h),
    close: () => Promise.resolve(),
  };
}

export interface PostgresBusOptions {
  databaseUrl: string;
  syncTimeoutMs?: number;
  /** Shown in pg_stat_activity for the bus's two connections (an operator can tell them from the pool). */
  applicationName?: string;
  /** Told when the bus drops every cache (lost echo or re-opened LISTEN); no personal data. */
  onFlush?: (reason: 'sync_timeout' | 'relisten') => void;
}

interface PendingSync {
  seq: number;
  waiters: ((ok: boolean) => void)[];
  timer?: NodeJS.Timeout;
}

/**
 * The bus for instances on one Postgres. Opens one small client of its own: postgres.js gives
 * `listen` a dedicated connection that it re-opens (and re-LISTENs) after a drop, and the echo
 * notifies go over a second connection of the same client, pipelined.
 */
export async function createPostgresBus(options: PostgresBusOptions): Promise<ClusterBus> {
  const timeoutMs = options.syncTimeoutMs ?? SYNC_TIMEOUT_MS;
  const instanceId = randomBytes(8).toString('hex');
  const echoChannel = `mockroom_sync_${instanceId}`;
  const client = postgres(options.databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'mockroom-api-bus',
      // An echo carries no data: its commit need not wait for a WAL flush. Its place in the
      // notification queue (which is what sync relies on) is fixed before the commit either way.
      synchronous_commit: 'off',
    },
  });
  const subs = new Subscribers();
  let healthy = false;
  let closed = false;
  // LISTEN (re)starts per channel; an echo counts only when both were listening since the last re-open.
  let invalidationListens = 0;
  let echoListens = 0;
  let seq = 0;
  /** Echoes sent and not yet back, oldest first (they come back in this order). */
  const inFlight: PendingSync[] = [];
  /** Callers of this event-loop turn, sent together on the next one (like lib/batcher.ts). */
  let gathering: PendingSync | null = null;

  function flush(reason: 'sync_timeout' | 'relisten'): void {
    healthy = false;
    subs.emit({ kind: 'all' });
    options.onFlush?.(reason);
  }

  function finish(p: PendingSync, ok: boolean): void {
    if (p.timer) clearTimeout(p.timer);
    const i = inFlight.indexOf(p);
    if (i >= 0) inFlight.splice(i, 1);
    for (const w of p.waiters) w(ok);
  }

  function send(p: PendingSync): void {
    if (gathering === p) gathering = null;
    if (closed) return finish(p, false);
    inFlight.push(p);
    p.timer = setTimeout(() => {
      flush('sync_timeout');
      finish(p, false);
    }, timeoutMs);
    p.timer.unref();
    client`select pg_notify(${echoChannel}, ${String(p.seq)})`.catch(() => {
      // The timer answers false; a dead connection is re-opened by the next send.
    });
  }

  const onInvalidation = (payload: string) => {
    const event = decode(payload);
    if (event) subs.emit(event);
  };
  const onEcho = (payload: string) => {
    const n = Number(payload);
    const ok = invalidationListens === echoListens && invalidationListens > 0;
    if (ok) healthy = true;
    // Echoes come back in the order sent; an earlier one still waiting was lost (a re-opened
    // connection), and this later one vouches for it too.
    while (inFlight.length > 0 && inFlight[0]!.seq <= n) finish(inFlight[0]!, ok);
  };

  await client.listen(INVALIDATION_CHANNEL, onInvalidation, () => {
    invalidationListens++;
    // A re-open after a drop: whatever was published meanwhile never reached this instance.
    if (invalidationListens > 1) flush('relisten');
  });
  await client.listen(echoChannel, onEcho, () => {
    echoListens++;
  });
  healthy = true;

  return {
    shared: true,
    get epoch() {
      return subs.epoch;
    },
    get healthy() {
      return healthy && !closed;
    },
    async publishTx(tx, event) {
      await tx.execute(sql`select pg_notify(${INVALIDATION_CHANNEL}, ${encode(event)})`);
      // Also here at once: this instance's next request must not wait for the echo of its own write.
      subs.emit(event);
    },
    sync() {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        // Only an echo sent after this call proves anything about it: join the one being gathered.
        if (!gathering) {
          const p: PendingSync = { seq: ++seq, waiters: [] };
          gathering = p;
          setImmediate(() => send(p));
        }
        gathering.waiters.push(resolve);
      });
    },
    subscribe: (h) => subs.subscribe(h),
    async close() {
      closed = true;
      for (const p of [...inFlight]) finish(p, false);
      if (gathering) finish(gathering, false);
      gathering = null;
      await client.end({ timeout: 5 });
    },
  };
}
