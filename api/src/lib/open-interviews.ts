/**
 * Which interviews are still open (scheduled or live), per database handle, for the token route:
 * a candidate's client may ask for a token many times (reconnects), and each ask would otherwise
 * be a transaction. Only "open, owned by this user" is cached; closing is terminal, so a miss
 * always goes to the database. Every close path in this instance calls forgetInterview (the sweeper
 * clears all); a close made by another API instance is seen here within OPEN_INTERVIEW_TTL_MS.
 */
import type { MockroomDb } from '@mockroom/db/client';
import { cachePerOwner } from './ttl-cache.js';

export const OPEN_INTERVIEW_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** interview id → the user it is open for. */
const cacheOf = cachePerOwner<MockroomDb, string, string>(OPEN_INTERVIEW_TTL_MS, MAX_ENTRIES);

export function isKnownOpen(db: MockroomDb, interviewId: string, userId: string): boolean {
  return cacheOf(db).get(interviewId) === userId;
}

export function rememberOpen(db: MockroomDb, interviewId: string, userId: string): void {
  cacheOf(db).set(interviewId, userId);
}

export function forgetInterview(db: MockroomDb, interviewId: string): void {
  cacheOf(db).delete(interviewId);
}

export function forgetAllInterviews(db: MockroomDb): void {
  cacheOf(db).clear();
}
