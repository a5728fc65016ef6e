/**
 * Which interviews are still open (scheduled or live), for the token route: a candidate's client
 * may ask for a token many times (reconnects), and each ask would otherwise be a transaction.
 * Only "open, owned by this user" is cached; closing is terminal, so a miss always goes to the
 * database. One cache per app instance (a dependency of createApp); interview-lifecycle.ts is its
 * only user: every close it makes publishes an invalidation in the closing transaction, which the
 * cluster bus (cluster/bus.ts) applies on every instance. With several instances on one Postgres an
 * entry is trusted only while the bus is healthy, and the token route's session check has synced
 * the bus for the request first (auth/session.ts), so another instance's close is seen at once
 * (docs/decisions/021-stateless-api-instances.md). OPEN_INTERVIEW_TTL_MS bounds anything else.
 */
import type { Tx } from '@mockroom/db/client';
import { createLocalBus, type BusEvent, type ClusterBus } from '../cluster/bus.js';
import { TtlCache } from './ttl-cache.js';

export const OPEN_INTERVIEW_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

export class OpenInterviewCache {
  /** interview id → the user it is open for. */
  private readonly cache = new TtlCache<string, string>(OPEN_INTERVIEW_TTL_MS, MAX_ENTRIES);
  /** interview id → the bus epoch when a lookup missed; a fill is stored only if nothing was invalidated since. */
  private readonly missedAt = new Map<string, number>();
  bus: ClusterBus;

  constructor(bus: ClusterBus = createLocalBus()) {
    this.bus = bus;
    if (!bus.shared) bus.subscribe((event) => this.apply(event));
  }

  /** Drops what an invalidation made stale. */
  apply(event: BusEvent): void {
    if (event.kind === 'interview') this.forget(event.id);
    else if (event.kind === 'interviews' || event.kind === 'all') this.forgetAll();
  }

  isKnownOpen(interviewId: string, userId: string): boolean {
    if (this.bus.healthy && this.cache.get(interviewId) === userId) return true;
    if (this.missedAt.size >= MAX_ENTRIES) this.missedAt.clear();
    this.missedAt.set(interviewId, this.bus.epoch);
    return false;
  }

  rememberOpen(interviewId: string, userId: string): void {
    const missedAt = this.missedAt.get(interviewId);
    this.missedAt.delete(interviewId);
    // An invalidation (or a lost bus) since the database read: what was read may already be stale.
    if (!this.bus.healthy || (missedAt !== undefined && missedAt !== this.bus.epoch)) return;
    this.cache.set(interviewId, userId);
  }

  forget(interviewId: string): void {
    this.cache.delete(interviewId);
  }

  forgetAll(): void {
    this.cache.clear();
  }

  /** In the closing transaction: every instance forgets the interview when it commits. */
  publishClosedTx(tx: Tx, interviewId: string): Promise<void> {
    return this.bus.publishTx(tx, { kind: 'interview', id: interviewId });
  }

  /** In a transaction that closes interviews it does not list (the sweeper): every instance forgets all. */
  publishAllClosedTx(tx: Tx): Promise<void> {
    return this.bus.publishTx(tx, { kind: 'interviews' });
  }
}
