/**
 * Which interviews are still open (scheduled or live), for the token route: a candidate's client
 * may ask for a token many times (reconnects), and each ask would otherwise be a transaction.
 * Only "open, owned by this user" is cached; closing is terminal, so a miss always goes to the
 * database. One cache per app instance (a dependency of createApp); interview-lifecycle.ts is its
 * only user and forgets an interview on every close it makes (the sweeper clears all). A close made
 * by another API instance is seen here within OPEN_INTERVIEW_TTL_MS.
 */
import { TtlCache } from './ttl-cache.js';

export const OPEN_INTERVIEW_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

export class OpenInterviewCache {
  /** interview id → the user it is open for. */
  private readonly cache = new TtlCache<string, string>(OPEN_INTERVIEW_TTL_MS, MAX_ENTRIES);

  isKnownOpen(interviewId: string, userId: string): boolean {
    return this.cache.get(interviewId) === userId;
  }

  rememberOpen(interviewId: string, userId: string): void {
    this.cache.set(interviewId, userId);
  }

  forget(interviewId: string): void {
    this.cache.delete(interviewId);
  }

  forgetAll(): void {
    this.cache.clear();
  }
}
