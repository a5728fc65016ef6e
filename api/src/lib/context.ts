/** What every route gets: injected dependencies plus request-scoped user/session. */
import type { MockroomDb } from '@mockroom/db/client';
import type { Env } from '../env.js';
import { createSessionCache, type Session, type SessionCache, type SessionUser } from '../auth/session.js';
import type { AnalysisService } from './analysis/index.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mailer.js';
import type { LivekitService } from '../livekit/service.js';
import { OpenInterviewCache } from './open-interviews.js';
import { createStartedInterviewCache, type StartedInterviewCache } from './turn-ingest.js';

/**
 * The in-process caches of one app instance (what they hold, their TTLs and who invalidates them:
 * docs/decisions/007-api-caches.md). Created by the process (index.ts) or the test harness and passed
 * to createApp, so each app has its own and nothing is keyed by a database handle.
 */
export interface ApiCaches {
  /** Validated sessions (auth/session.ts). */
  sessions: SessionCache;
  /** Interviews known open for a user, for the token route (interview-lifecycle.ts). */
  openInterviews: OpenInterviewCache;
  /** Interviews known past 'scheduled', for turn batches (turn-ingest.ts). */
  startedInterviews: StartedInterviewCache;
}

export function createApiCaches(): ApiCaches {
  return { sessions: createSessionCache(), openInterviews: new OpenInterviewCache(), startedInterviews: createStartedInterviewCache() };
}

export interface Services {
  db: MockroomDb;
  env: Env;
  mailer: Mailer;
  logger: Logger;
  livekit: LivekitService;
  analysis: AnalysisService;
  caches: ApiCaches;
  now(): Date;
  /** Secret for device cookies (HMAC); random per process unless AUTH_SECRET is set. */
  authSecret: Uint8Array;
  /** Key of the free tryout's device and network hashes (api/src/tryout/secret.ts); null: the tryout is off. */
  tryoutSecret: Uint8Array | null;
  /** Wakes the job runner (it also polls). */
  kickJobs(): void;
  /** Runs work after the response (equal response times whatever the outcome); tracked for tests. */
  background(work: () => Promise<void>): void;
  /** Resolves once all background work so far has finished. */
  settle(): Promise<void>;
}

export type AppEnv = {
  Variables: {
    services: Services;
    user: SessionUser | null;
    session: Session | null;
  };
};
