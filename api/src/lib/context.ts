/** What every route gets: injected dependencies plus request-scoped user/session. */
import type { MockroomDb } from '@mockroom/db/client';
import type { Env } from '../env.js';
import type { Session, SessionUser } from '../auth/session.js';
import type { AnalysisService } from './analysis/index.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mailer.js';
import type { LivekitService } from '../livekit/service.js';

export interface Services {
  db: MockroomDb;
  env: Env;
  mailer: Mailer;
  logger: Logger;
  livekit: LivekitService;
  analysis: AnalysisService;
  now(): Date;
  /** Secret for device cookies (HMAC); random per process unless AUTH_SECRET is set. */
  authSecret: Uint8Array;
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
