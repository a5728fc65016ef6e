/**
 * Usage: pnpm start        — livekit-server, the API (serving the built web app) and the agent worker
 *        pnpm start --cluster — the same as a cluster on loopback (two of each, Redis, haproxy): scripts/cluster.ts
 *        pnpm dev          — the same with watch mode, plus the Vite dev server with hot reload and the
 *                            mail outbox at /api/dev/outbox (DEV_OUTBOX; never served by `pnpm start`)
 * Every listener is on loopback unless configured (HOST, AGENT_HEALTH_HOST, livekit.yaml).
 * Prints one URL when everything is ready; Ctrl-C stops all children.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, StackError, assertTcpPortFree, loadEnvDefaults, startStack, type Stack } from './lib/stack.js';
import { createDailyLogs, logRetentionDays } from './lib/log-retention.js';

const VITE_PORT = 5173;
const dev = process.argv.includes('--dev');

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? res() : rej(new StackError(`${cmd} ${args.join(' ')} failed (${code})`))));
  });
}

async function main(): Promise<void> {
  const env = loadEnvDefaults();
  if (!dev && !existsSync(join(REPO_ROOT, 'web/dist/index.html'))) {
    console.log('building the web app…');
    await run('pnpm', ['--filter', '@mockroom/web', 'build']);
  }
  if (dev) await assertTcpPortFree(VITE_PORT, 'Vite dev server');

  // Each service's output also goes to <DATA_DIR>/logs/<service>-<UTC day>.log, kept LOG_RETENTION_DAYS
  // (default 90) days: pruned now and every six hours while running (scripts/lib/log-retention.ts).
  const logs = createDailyLogs(join(REPO_ROOT, env.DATA_DIR ?? '.data', 'logs'), logRetentionDays(process.env.LOG_RETENTION_DAYS ?? env.LOG_RETENTION_DAYS));
  logs.prune();
  setInterval(() => logs.prune(), 6 * 3600_000).unref();
  console.log(`logs: ${logs.dir} (one file per service and day, kept ${logs.retentionDays} days)`);
  console.log('starting livekit-server, API (migrations run first) and agent worker…');
  let stack: Stack | null = null;
  let vite: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    vite?.kill('SIGTERM');
    await stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  stack = await startStack({
    fixedPorts: true,
    echo: true,
    watch: dev,
    // The mail outbox (everyone's reset links) only in development, on this explicit flag.
    ...(dev ? { env: { DEV_OUTBOX: 'true' } } : {}),
    dataDir: env.DATA_DIR ?? '.data',
    logSink: (service, chunk) => logs.write(service, chunk),
    databaseUrl: env.DATABASE_URL,
  });
  let url = env.APP_BASE_URL ?? stack.apiUrl;
  if (dev) {
    vite = spawn('pnpm', ['--filter', '@mockroom/web', 'exec', 'vite', '--port', String(VITE_PORT), '--strictPort'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    vite.once('exit', (code) => void shutdown(code ?? 1));
    url = `http://localhost:${VITE_PORT}`;
  }
  console.log(`\n  Mockroom is ready: ${url}\n  (Ctrl-C to stop)\n`);
}

const entry = process.argv.includes('--cluster') ? import('./cluster.js').then((m) => m.runCluster()) : main();
entry.catch((err: unknown) => {
  console.error(err instanceof StackError ? `\nstart failed: ${err.message}` : err);
  process.exit(1);
});
