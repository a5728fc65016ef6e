/**
 * A Mockroom cluster on this machine's loopback, as production runs it on many: Redis (LiveKit's
 * shared store and message bus), two livekit-server nodes in LiveKit's multi-node mode, two API
 * instances on one PostgreSQL, two agent workers registered with the cluster, and haproxy in front
 * of the API instances and the LiveKit signalling (deploy/haproxy.cfg) — one URL for the browser.
 * Each process is supervised on its own (scripts/cluster-supervisor.ts). Used by
 * `pnpm start --cluster` (scripts/cluster.ts), tests/cluster.test.ts and `pnpm bench --cluster`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Supervisor, type ProcessSpec } from './cluster-supervisor.js';
import { REPO_ROOT, StackError, assertTcpPortFree, findLivekitServer, freeTcpPort, loadEnvDefaults } from './lib/stack.js';

const run = promisify(execFile);

export const NODE_COUNT = 2;
/** livekit-server and the agent worker drain on SIGTERM: their calls may run this long before SIGKILL. */
export const DRAIN_GRACE_MS = 15 * 60_000;

export interface ClusterOptions {
  /** Fixed ports (`pnpm start --cluster`): the balancer on PORT (3000), the rest beside it. Else free ports. */
  fixedPorts?: boolean;
  /** Postgres URL; unset → a PostgreSQL of Debian's started in dataDir (initdb on first use). */
  databaseUrl?: string;
  /** Data folder (Postgres, spools, logs, configs); default a fresh temp folder. */
  dataDir?: string;
  /** Extra env for the API instances and agent workers. */
  env?: Record<string, string>;
  echo?: boolean;
  /** Restart a process that exits on its own (default true; the tests turn it off to see a kill stay dead). */
  autoRestart?: boolean;
  /** Start the agent workers (default true). */
  agents?: boolean;
  onEvent?: (msg: string) => void;
}

export interface ClusterPorts {
  lb: number;
  api: number[];
  livekit: number[];
  livekitUdp: number[];
  agentHealth: number[];
  redis: number;
  postgres: number;
}

export interface Cluster {
  /** The one URL: the web app and /api through the balancer. */
  url: string;
  /** The LiveKit URL the browser and the workers use: the same balancer. */
  livekitUrl: string;
  livekitApiKey: string;
  livekitApiSecret: string;
  ports: ClusterPorts;
  dataDir: string;
  databaseUrl: string;
  supervisor: Supervisor;
  /** Process names: redis, postgres?, livekit-1..2, api-1..2, haproxy, agent-1..2. */
  names: string[];
  /** livekit-server node ids (from each node's start-up log), by process name. */
  nodeIds(): Promise<Record<string, string>>;
  /** The node each room lives on, from LiveKit's own map in Redis (room name → node id). */
  roomNodes(): Promise<Record<string, string>>;
  /** Every pid in a process's group (the agent worker's job processes included). */
  processGroup(name: string): number[];
  /** Stops everything, last started first; `graceMs` caps each drain (default: DRAIN_GRACE_MS for the draining ones). */
  stop(graceMs?: number): Promise<void>;
}

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : null;
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
  await res.text();
  return res.ok;
}

/** Redis answers PING with +PONG: the one line of its protocol the readiness check needs. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      sock.destroy();
      res(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (buf) => done(buf.toString().startsWith('+PONG')));
  });
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = connect(port, '127.0.0.1');
    sock.setTimeout(1000, () => (sock.destroy(), res(false)));
    sock.once('error', () => res(false));
    sock.once('connect', () => (sock.destroy(), res(true)));
  });
}

/**
 * One node's config: livekit.yaml with this node's ports, the webhook to the balancer, and the
 * `redis:` section that turns on LiveKit's multi-node mode (livekit-server pkg/routing/redisrouter.go:
 * nodes register in Redis, room → node in `room_node_map`, signalling relayed between nodes).
 */
export function livekitNodeConfig(base: string, o: { port: number; udpPort: number; redisPort: number; webhookUrl: string; key: string; secret: string }): string {
  const out = base
    .replace(/^port: \d+/m, `port: ${o.port}`)
    .replace(/udp_port: \d+/, `udp_port: ${o.udpPort}`)
    .replace(/http:\/\/127\.0\.0\.1:\d+\/api\/livekit\/webhook/, o.webhookUrl)
    .replace(/^keys:\n {2}\S+: \S+/m, `keys:\n  ${o.key}: ${o.secret}`)
    .replace(/^ {2}api_key: \S+/m, `  api_key: ${o.key}`);
  return `${out.trimEnd()}
redis:
  address: 127.0.0.1:${o.redisPort}
# A new room goes to the node with the fewest rooms (livekit-server pkg/routing/selector: sort_by rooms);
# a draining node takes none.
node_selector:
  kind: any
  sort_by: rooms
  algorithm: lowest
`;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const defaults = loadEnvDefaults();
  const livekitBin = findLivekitServer();
  if (!livekitBin) throw new StackError('livekit-server not found: run ./scripts/setup.sh, which builds it into .tools/');
  for (const bin of ['redis-server', 'haproxy']) {
    const found = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, bin))) || existsSync(`/usr/sbin/${bin}`) || existsSync(`/usr/bin/${bin}`);
    if (!found) throw new StackError(`${bin} not found: run ./scripts/setup.sh (it installs Debian's redis-server and haproxy)`);
  }
  const key = defaults.LIVEKIT_API_KEY ?? 'devkey';
  const secret = defaults.LIVEKIT_API_SECRET ?? 'devsecret-mockroom-local-0123456789abcdef';

  const free = async (n: number) => Promise.all(Array.from({ length: n }, () => freeTcpPort()));
  const lbPort = Number(defaults.PORT ?? 3000);
  const ports: ClusterPorts = opts.fixedPorts
    ? {
        lb: lbPort,
        api: [3101, 3102],
        livekit: [7880, 7890],
        livekitUdp: [7882, 7892],
        agentHealth: [8081, 8082],
        redis: 6390,
        postgres: 5442,
      }
    : {
        lb: await freeTcpPort(),
        api: await free(NODE_COUNT),
        livekit: await free(NODE_COUNT),
        // UDP ports picked among free TCP ones: a collision shows as a livekit-server start failure.
        livekitUdp: await free(NODE_COUNT),
        agentHealth: await free(NODE_COUNT),
        redis: await freeTcpPort(),
        postgres: await freeTcpPort(),
      };
  if (opts.fixedPorts) {
    for (const [port, what] of [
      [ports.lb, 'balancer'],
      ...ports.api.map((p) => [p, 'API'] as const),
      ...ports.livekit.map((p) => [p, 'livekit-server'] as const),
      ...ports.agentHealth.map((p) => [p, 'agent health'] as const),
      [ports.redis, 'Redis'],
      ...(opts.databaseUrl ? [] : [[ports.postgres, 'PostgreSQL'] as const]),
    ] as const) {
      await assertTcpPortFree(port, what);
    }
  }

  const dataDir = resolve(REPO_ROOT, opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mockroom-cluster-')));
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const url = `http://127.0.0.1:${ports.lb}`;
  const livekitUrl = `ws://127.0.0.1:${ports.lb}`;
  const sup = new Supervisor({
    logDir: join(dataDir, 'logs'),
    echo: opts.echo ?? false,
    autoRestart: opts.autoRestart ?? true,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  const specs: ProcessSpec[] = [];

  // PostgreSQL: the one database every API instance shares.
  let databaseUrl = opts.databaseUrl ?? '';
  if (!databaseUrl) {
    const bin = pgBin();
    if (!bin) throw new StackError('PostgreSQL not found: run ./scripts/setup.sh (Debian postgresql) or set DATABASE_URL');
    const pgDir = join(dataDir, 'postgres');
    const asRoot = process.getuid?.() === 0;
    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      mkdirSync(pgDir, { recursive: true });
      // The server runs as the postgres user, which must reach its folder through ours (mkdtemp makes it 0700).
      if (asRoot) chmodSync(dataDir, 0o755);
      if (asRoot) chownSync(pgDir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
      await run(asRoot ? 'runuser' : join(bin, 'initdb'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'initdb')] : []), '-D', pgDir, '-A', 'trust', '-U', 'postgres']);
    }
    specs.push({
      name: 'postgres',
      cmd: join(bin, 'postgres'),
      args: ['-D', pgDir, '-p', String(ports.postgres), '-k', pgDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(asRoot ? { runAs: 'postgres' } : {}),
      ready: () => tcpOpen(ports.postgres),
      stopGraceMs: 20_000,
    });
    databaseUrl = `postgres://postgres@127.0.0.1:${ports.postgres}/postgres`;
  }

  specs.push({
    name: 'redis',
    cmd: 'redis-server',
    // LiveKit keeps only live state there (nodes, room → node, the message bus): nothing to persist.
    args: ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    ready: () => redisPing(ports.redis),
  });

  const base = readFileSync(join(REPO_ROOT, 'livekit.yaml'), 'utf8');
  for (let i = 0; i < NODE_COUNT; i++) {
    const config = join(dataDir, `livekit-${i + 1}.yaml`);
    writeFileSync(config, livekitNodeConfig(base, { port: ports.livekit[i]!, udpPort: ports.livekitUdp[i]!, redisPort: ports.redis, webhookUrl: `${url}/api/livekit/webhook`, key, secret }));
    specs.push({
      name: `livekit-${i + 1}`,
      cmd: livekitBin,
      args: ['--config', config],
      ready: () => httpOk(`http://127.0.0.1:${ports.livekit[i]}/`),
      // SIGTERM: the node stops taking rooms and waits for its participants to leave (pkg/service/server.go Stop).
      stopGraceMs: DRAIN_GRACE_MS,
    });
  }

  // One AUTH_SECRET for every instance: a device cookie signed by one is read by the other.
  const authSecret = defaults.AUTH_SECRET ?? (await run('node', ['-e', 'console.log(require("crypto").randomBytes(32).toString("hex"))'])).stdout.trim();
  const common: Record<string, string> = {
    ...defaults,
    NODE_ENV: defaults.NODE_ENV ?? 'development',
    APP_BASE_URL: url,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LIVEKIT_URL: livekitUrl,
    LIVEKIT_API_KEY: key,
    LIVEKIT_API_SECRET: secret,
    API_URL: url,
    AUTH_SECRET: authSecret,
    // haproxy adds X-Forwarded-For (deploy/haproxy.cfg).
    TRUSTED_PROXY_HOPS: '1',
    ...opts.env,
  };
  const tsx = (entry: string, extra: string[] = []) => ['--import', 'tsx', entry, ...extra];
  for (let i = 0; i < NODE_COUNT; i++) {
    specs.push({
      name: `api-${i + 1}`,
      cmd: process.execPath,
      args: tsx('api/src/index.ts'),
      cwd: REPO_ROOT,
      env: { ...process.env, ...common, PORT: String(ports.api[i]) },
      ready: () => httpOk(`http://127.0.0.1:${ports.api[i]}/api/health`),
    });
  }
  specs.push({
    name: 'haproxy',
    cmd: existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy',
    args: ['-db', '-f', join(REPO_ROOT, 'deploy/haproxy.cfg')],
    env: {
      ...process.env,
      MOCKROOM_LB_BIND: `127.0.0.1:${ports.lb}`,
      MOCKROOM_API_1: `127.0.0.1:${ports.api[0]}`,
      MOCKROOM_API_2: `127.0.0.1:${ports.api[1]}`,
      MOCKROOM_LIVEKIT_1: `127.0.0.1:${ports.livekit[0]}`,
      MOCKROOM_LIVEKIT_2: `127.0.0.1:${ports.livekit[1]}`,
    },
    ready: () => httpOk(`${url}/api/health`),
  });
  if (opts.agents !== false) {
    for (let i = 0; i < NODE_COUNT; i++) {
      const spool = join(dataDir, `spool-${i + 1}`);
      specs.push({
        name: `agent-${i + 1}`,
        cmd: process.execPath,
        args: tsx('agent/src/main.ts', ['start']),
        cwd: REPO_ROOT,
        env: { ...process.env, ...common, SPOOL_DIR: spool, AGENT_HEALTH_PORT: String(ports.agentHealth[i]) },
        // The worker's health server answers once it has registered with LiveKit.
        ready: () => httpOk(`http://127.0.0.1:${ports.agentHealth[i]}/`),
        // SIGTERM: the framework drains (stops taking jobs, waits for its running ones).
        stopGraceMs: DRAIN_GRACE_MS,
      });
    }
  }
  for (const s of specs) sup.add(s);
  const names = specs.map((s) => s.name);

  const cluster: Cluster = {
    url,
    livekitUrl,
    livekitApiKey: key,
    livekitApiSecret: secret,
    ports,
    dataDir,
    databaseUrl,
    supervisor: sup,
    names,
    nodeIds: async () => {
      const out: Record<string, string> = {};
      for (const n of names.filter((x) => x.startsWith('livekit-'))) {
        const id = /\bND_[A-Za-z0-9]+/.exec(sup.logs(n))?.[0];
        if (id) out[n] = id;
      }
      return out;
    },
    roomNodes: async () => {
      const { stdout } = await run('redis-cli', ['-p', String(ports.redis), '--raw', 'HGETALL', 'room_node_map']);
      const lines = stdout.split('\n').filter((l) => l !== '');
      const out: Record<string, string> = {};
      for (let i = 0; i + 1 < lines.length; i += 2) out[lines[i]!] = lines[i + 1]!;
      return out;
    },
    processGroup: (name) => {
      const pgid = sup.pid(name);
      if (!pgid) return [];
      return readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid;
          } catch {
            return false;
          }
        })
        .map(Number);
    },
    // The workers first (their drain ends when their calls do), the database last.
    stop: (graceMs) => sup.stopAll(names, graceMs),
  };

  try {
    // In stages, each stage's processes together; the first API instance applies the migrations
    // before the second starts.
    const stages = [
      names.filter((n) => n === 'postgres' || n === 'redis'),
      names.filter((n) => n.startsWith('livekit-')),
      ['api-1'],
      names.filter((n) => n.startsWith('api-') && n !== 'api-1'),
      ['haproxy'],
      names.filter((n) => n.startsWith('agent-')),
    ];
    for (const stage of stages) await Promise.all(stage.map((n) => sup.start(n)));
  } catch (err) {
    await cluster.stop(5_000);
    throw err;
  }
  return cluster;
}
