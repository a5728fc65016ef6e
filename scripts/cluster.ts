/**
 * Usage: pnpm start --cluster   — a Mockroom cluster on this machine's loopback: Redis, two livekit-server
 *                                 nodes (multi-node mode), two API instances on one PostgreSQL, two agent
 *                                 workers and haproxy in front (deploy/haproxy.cfg): one URL for the browser.
 * While it runs, type a command and Enter to act on one process (the others keep serving):
 *   status | restart <name> | stop <name> | start <name> | kill <name>     e.g. `stop agent-1` drains that worker
 * Ctrl-C stops everything (the workers and nodes drain their calls; a second Ctrl-C forces).
 * DATABASE_URL set: the API instances use it instead of the PostgreSQL started in .data/cluster/postgres.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawn } from 'node:child_process';
import { startCluster, type Cluster } from './cluster-stack.js';
import { REPO_ROOT, StackError, loadEnvDefaults } from './lib/stack.js';

async function buildWeb(): Promise<void> {
  if (existsSync(join(REPO_ROOT, 'web/dist/index.html'))) return;
  console.log('building the web app…');
  await new Promise<void>((res, rej) => {
    const child = spawn('pnpm', ['--filter', '@mockroom/web', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? res() : rej(new StackError(`web build failed (${code})`))));
  });
}

export async function runCluster(): Promise<void> {
  const env = loadEnvDefaults();
  await buildWeb();
  console.log('starting the cluster: PostgreSQL, Redis, livekit-1/2, api-1/2, haproxy, agent-1/2…');
  let cluster: Cluster | null = null;
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) {
      console.log('forcing…');
      void cluster?.stop(1_000).then(() => process.exit(130));
      return;
    }
    stopping = true;
    console.log('\nstopping (workers and nodes drain their calls; Ctrl-C again to force)…');
    void (cluster?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  });
  process.on('SIGTERM', () => void (cluster?.stop() ?? Promise.resolve()).then(() => process.exit(0)));

  cluster = await startCluster({
    fixedPorts: true,
    dataDir: join(env.DATA_DIR ?? '.data', 'cluster'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    echo: true,
    onEvent: (msg) => console.log(`[cluster] ${msg}`),
  });
  const c = cluster;
  console.log(`\n  Mockroom cluster is ready: ${c.url}\n  processes: ${c.names.join(', ')}\n  logs: ${join(c.dataDir, 'logs')}\n  (type "status", "restart api-1", "stop agent-1"…; Ctrl-C to stop)\n`);

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [verb, name] = line.trim().split(/\s+/);
    const sup = c.supervisor;
    const act = async () => {
      switch (verb) {
        case 'status':
          for (const n of sup.names()) console.log(`  ${n.padEnd(10)} ${sup.running(n) ? `running (pid ${sup.pid(n)})` : 'stopped'}  restarts ${sup.restarts(n)}`);
          console.log(`  livekit nodes: ${JSON.stringify(await c.nodeIds())}`);
          return;
        case 'restart':
          return sup.restart(name ?? '');
        case 'stop':
          return sup.stop(name ?? '');
        case 'start':
          return sup.start(name ?? '');
        case 'kill':
          return sup.stop(name ?? '', 'SIGKILL');
        case undefined:
        case '':
          return;
        default:
          console.log('commands: status | restart <name> | stop <name> | start <name> | kill <name>');
      }
    };
    act().then(
      () => verb && verb !== 'status' && console.log(`[cluster] ${verb} ${name}: done`),
      (err: unknown) => console.log(`[cluster] ${String(err instanceof Error ? err.message : err)}`),
    );
  });
}
