/** API process: env → database (migrations applied, RLS checked) → serve → graceful shutdown. */
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createDb } from '@mockroom/db/client';
import { migrateDb } from '@mockroom/db/migrate';
import { createApp } from './app.js';
import { EnvError, loadEnv } from './env.js';
import { createApiCaches } from './lib/context.js';
import { sweepInterviews } from './lib/interview-lifecycle.js';
import { createLogger } from './lib/logger.js';
import { pruneRateLimits } from './auth/rate-limit.js';
import { attachBus } from './cluster/attach.js';
import { createPostgresBus } from './cluster/bus.js';
import { startSchedule } from './cluster/schedule.js';
import { resolveSharedConfig } from './cluster/shared-config.js';
import { loadTryoutSecret } from './tryout/secret.js';

const SWEEP_INTERVAL_MS = 60_000;

async function main() {
  const logger = createLogger();
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  logger.level = env.LOG_LEVEL;
  // Several instances may share a Postgres: refuse to start without what they must agree on.
  const shared = resolveSharedConfig(env);
  if (shared.problems.length > 0) {
    console.error(`invalid environment:\n${shared.problems.join('\n')}`);
    process.exit(2);
  }
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const db = createDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  await migrateDb(db);
  // Refuse to serve if isolation would not be enforced by Postgres itself.
  await db.assertRlsEnforced();
  // On Postgres other instances may share the database: invalidations travel over LISTEN/NOTIFY.
  const caches = createApiCaches();
  const bus = env.DATABASE_URL
    ? await createPostgresBus({ databaseUrl: env.DATABASE_URL, onFlush: (reason) => logger.warn({ reason }, 'cluster bus dropped the caches') })
    : null;
  if (bus) attachBus(caches, bus);
  const app = createApp({
    db,
    env,
    logger,
    caches,
    ...(shared.authSecret ? { authSecret: shared.authSecret } : {}),
    tryoutSecret: loadTryoutSecret(env),
  });
  app.jobs.start();
  app.jobs.kick();
  // Once per tick for the whole cluster, whichever instance claims it (cluster/schedule.ts).
  const schedule = startSchedule(
    db,
    [{ name: 'sweep', periodMs: SWEEP_INTERVAL_MS, run: () => sweepInterviews(app.services).then(() => pruneRateLimits(db, new Date())) }],
    { onError: (task, error) => logger.error({ task, err: error instanceof Error ? error.name : 'unknown' }, 'sweeper failed') },
  );

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port, host: env.HOST }, 'api listening');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    server.close();
    await schedule.stop();
    await app.jobs.stop();
    await app.services.settle();
    await bus?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('api failed to start:', error instanceof Error ? error.message : 'unknown error');
  process.exit(1);
});
