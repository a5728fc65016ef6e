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
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const db = createDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  await migrateDb(db);
  // Refuse to serve if isolation would not be enforced by Postgres itself.
  await db.assertRlsEnforced();
  const app = createApp({
    db,
    env,
    logger,
    caches: createApiCaches(),
    ...(env.AUTH_SECRET ? { authSecret: new TextEncoder().encode(env.AUTH_SECRET) } : {}),
    tryoutSecret: loadTryoutSecret(env),
  });
  app.jobs.start();
  app.jobs.kick();
  const sweeper = setInterval(() => {
    void sweepInterviews(app.services)
      .then(() => pruneRateLimits(db, new Date()))
      .catch((error) => logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'sweeper failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port, host: env.HOST }, 'api listening');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    clearInterval(sweeper);
    server.close();
    await app.jobs.stop();
    await app.services.settle();
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
