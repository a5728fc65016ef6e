/**
 * Starts the local stack — livekit-server, the API (serving the built web app) and the agent worker —
 * on loopback, waits for each to be ready, and stops them all. Used by `pnpm start`, the tests that
 * cross processes, and the benchmark. Ports are fixed for `pnpm start` (livekit.yaml) and picked
 * free for tests so they never collide with a running stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LIVEKIT_VERSION = 'v1.13.5';

type ServiceName = 'livekit' | 'api' | 'agent';

export interface StackOptions {
  /** Start the agent worker (default true). */
  agent?: boolean;
  /** Extra env for the API and agent. */
  env?: Record<string, string>;
  /** Postgres URL for the API; unset → PGlite in dataDir. */
  databaseUrl?: string;
  /** Data folder (PGlite, spool); default a fresh temp folder. */
  dataDir?: string;
  /** Use the fixed ports from livekit.yaml and PORT (for `pnpm start`) instead of free ones. */
  fixedPorts?: boolean;
  /** Mirror child output to this process's stdout/stderr. */
  echo?: boolean;
  /** Dev mode: API and agent restart on file changes. */
  watch?: boolean;
  /** Also append each service's whole output, untruncated, to `<logDir>/<service>.log` (the canary test reads them). */
  logDir?: string;
  /** Receives each service's output as it comes (`pnpm start` writes daily log files with it). */
  logSink?: (service: ServiceName, chunk: Buffer) => void;
  /** livekit-server's log level for this run (livekit.yaml's `logging.level`; e.g. debug). */
  livekitLogLevel?: string;
  /** A last edit of this run's livekit config (impairment tests add an address for their network namespace). */
  livekitConfig?: (yaml: string) => string;
  /** How long each service may take to become ready (default 60 s; a fresh PGlite took 90 s at load average 30). */
  readyTimeoutMs?: number;
}

export interface Stack {
  apiUrl: string;
  livekitUrl: string;
  livekitApiKey: string;
  livekitApiSecret: string;
  agentToken: string;
  env: Record<string, string>;
  dataDir: string;
  startAgent(): Promise<void>;
  stopAgent(signal?: NodeJS.Signals): Promise<void>;
  startApi(): Promise<void>;
  stopApi(signal?: NodeJS.Signals): Promise<void>;
  /** livekit-server alone, on the same ports and config (fault tests restart it mid-call). */
  startLivekit(): Promise<void>;
  stopLivekit(signal?: NodeJS.Signals): Promise<void>;
  logs(name: ServiceName): string;
  /** Every process of the stack: each service's process group (the agent's job processes included). */
  processIds(): number[];
  stop(): Promise<void>;
}

export class StackError extends Error {
  override name = 'StackError';
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 8_000;
const MAX_LOG_CHARS = 2_000_000;

/** Reads .env if present, else .env.example: the shipped defaults. Empty values count as unset. */
export function loadEnvDefaults(): Record<string, string> {
  const file = existsSync(join(REPO_ROOT, '.env')) ? '.env' : '.env.example';
  const parsed = parseEnv(readFileSync(join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v !== '') out[k] = v;
  // The process environment wins over the file, as with any twelve-factor app.
  for (const k of Object.keys(out)) {
    const fromProcess = process.env[k];
    if (fromProcess !== undefined && fromProcess !== '') out[k] = fromProcess;
  }
  return out;
}

/** The livekit-server binary: the project-local build, else one on PATH. */
export function findLivekitServer(): string | null {
  const local = join(REPO_ROOT, '.tools', 'livekit-server');
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'livekit-server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export async function freeTcpPort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

async function freeUdpPort(): Promise<number> {
  return new Promise((res, rej) => {
    const sock = createSocket('udp4');
    sock.once('error', rej);
    sock.bind(0, '127.0.0.1', () => {
      const { port } = sock.address();
      sock.close(() => res(port));
    });
  });
}

export async function assertTcpPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((res, rej) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      rej(new StackError(err.code === 'EADDRINUSE'
        ? `port ${port} (${what}) is already in use: stop whatever holds it (\`ss -ltnp 'sport = :${port}'\`) or change the port`
        : `cannot bind port ${port} (${what}): ${err.message}`)),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(() => res()));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, logs: () => string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StackError(`${what} exited before it was ready (code ${child.exitCode ?? child.signalCode}).\n--- last output ---\n${logs().slice(-4000)}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new StackError(`${what} was not ready within ${timeoutMs / 1000} s.\n--- last output ---\n${logs().slice(-4000)}`);
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return res.ok;
}

function livekitConfig(opts: { port: number; tcpPort: number; udpPort: number; apiPort: number; key: string; secret: string; logLevel?: string }): string {
  const base = readFileSync(join(REPO_ROOT, 'livekit.yaml'), 'utf8');
  return base
    .replace(/^( {2}level: )\S+/m, (line, prefix: string) => (opts.logLevel ? `${prefix}${opts.logLevel}` : line))
    .replace(/^port: \d+/m, `port: ${opts.port}`)
    // ICE/TCP stays off (0) unless livekit.yaml turns it on; then each run gets its own port.
    .replace(/tcp_port: [1-9]\d*/, `tcp_port: ${opts.tcpPort}`)
    .replace(/udp_port: \d+/, `udp_port: ${opts.udpPort}`)
    .replace(/http:\/\/127\.0\.0\.1:\d+\/api\/livekit\/webhook/, `http://127.0.0.1:${opts.apiPort}/api/livekit/webhook`)
    .replace(/^keys:\n {2}\S+: \S+/m, `keys:\n  ${opts.key}: ${opts.secret}`)
    .replace(/^ {2}api_key: \S+/m, `  api_key: ${opts.key}`);
}

interface Service {
  child: ChildProcess | null;
  log: string;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const defaults = loadEnvDefaults();
  const livekitBin = findLivekitServer();
  if (!livekitBin) {
    throw new StackError('livekit-server not found: run the set-up (`./scripts/setup.sh`), which builds it into .tools/');
  }
  const key = defaults.LIVEKIT_API_KEY ?? 'devkey';
  const secret = defaults.LIVEKIT_API_SECRET ?? 'devsecret-mockroom-local-0123456789abcdef';
  const yaml = readFileSync(join(REPO_ROOT, 'livekit.yaml'), 'utf8');
  const fixed = (re: RegExp, fallback: number) => Number(re.exec(yaml)?.[1] ?? fallback);

  const ports = opts.fixedPorts
    ? {
        livekit: fixed(/^port: (\d+)/m, 7880),
        livekitTcp: fixed(/tcp_port: (\d+)/, 0),
        livekitUdp: fixed(/udp_port: (\d+)/, 7882),
        api: Number(defaults.PORT ?? 3000),
        agentHealth: Number(defaults.AGENT_HEALTH_PORT ?? 8081),
      }
    : {
        livekit: await freeTcpPort(),
        livekitTcp: fixed(/tcp_port: (\d+)/, 0) === 0 ? 0 : await freeTcpPort(),
        livekitUdp: await freeUdpPort(),
        api: await freeTcpPort(),
        agentHealth: await freeTcpPort(),
      };
  if (opts.fixedPorts) {
    await assertTcpPortFree(ports.livekit, 'livekit-server');
    if (ports.livekitTcp !== 0) await assertTcpPortFree(ports.livekitTcp, 'livekit-server RTC/TCP');
    await assertTcpPortFree(ports.api, 'API');
    await assertTcpPortFree(ports.agentHealth, 'agent health');
  }

  const dataDir = resolve(REPO_ROOT, opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mockroom-')));
  mkdirSync(dataDir, { recursive: true });
  const configPath = join(opts.fixedPorts ? dataDir : mkdtempSync(join(tmpdir(), 'mockroom-lk-')), 'livekit.yaml');
  const lkYaml = livekitConfig({ port: ports.livekit, tcpPort: ports.livekitTcp, udpPort: ports.livekitUdp, apiPort: ports.api, key, secret, ...(opts.livekitLogLevel ? { logLevel: opts.livekitLogLevel } : {}) });
  writeFileSync(configPath, opts.livekitConfig ? opts.livekitConfig(lkYaml) : lkYaml);
  if (opts.logDir) mkdirSync(opts.logDir, { recursive: true });

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const livekitUrl = `ws://127.0.0.1:${ports.livekit}`;
  const env: Record<string, string> = {
    ...defaults,
    NODE_ENV: defaults.NODE_ENV ?? 'development',
    PORT: String(ports.api),
    APP_BASE_URL: opts.fixedPorts ? (defaults.APP_BASE_URL ?? apiUrl) : apiUrl,
    DATA_DIR: dataDir,
    SPOOL_DIR: join(dataDir, 'spool'),
    LIVEKIT_URL: livekitUrl,
    LIVEKIT_API_KEY: key,
    LIVEKIT_API_SECRET: secret,
    API_URL: apiUrl,
    AGENT_HEALTH_PORT: String(ports.agentHealth),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  if (!opts.databaseUrl && !opts.env?.DATABASE_URL && !opts.fixedPorts) delete env.DATABASE_URL;
  const agentToken = env.AGENT_API_TOKEN ?? '';

  const services: Record<ServiceName, Service> = {
    livekit: { child: null, log: '' },
    api: { child: null, log: '' },
    agent: { child: null, log: '' },
  };

  const launch = (name: ServiceName, cmd: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess => {
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so stopping a service also stops what it forked (agent job processes).
      detached: true,
    });
    const onData = (buf: Buffer) => {
      const svc = services[name];
      svc.log = (svc.log + buf.toString()).slice(-MAX_LOG_CHARS);
      if (opts.logDir) appendFileSync(join(opts.logDir, `${name}.log`), buf);
      opts.logSink?.(name, buf);
      if (opts.echo) process.stdout.write(buf.toString().replace(/^(?=.)/gm, `[${name}] `));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    services[name].child = child;
    return child;
  };

  const stopService = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = services[name].child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        /* already gone */
      }
    };
    kill(signal);
    const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    // Job processes forked into the group outlive a SIGKILLed parent; take them down too.
    kill('SIGKILL');
  };

  const nodeEnv = { ...process.env, ...env } as NodeJS.ProcessEnv;
  // Watch mode runs tsx's CLI (`tsx watch`), which restarts the entry when its files change.
  const tsx = (entry: string, extra: string[] = []) =>
    opts.watch ? [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'watch', entry, ...extra] : ['--import', 'tsx', entry, ...extra];

  const startApi = async () => {
    const child = launch('api', process.execPath, tsx('api/src/index.ts'), nodeEnv);
    await waitFor('API', () => httpOk(`${apiUrl}/api/health`), child, () => services.api.log, opts.readyTimeoutMs);
  };
  const startLivekit = async () => {
    const lk = launch('livekit', livekitBin, ['--config', configPath], { ...process.env });
    await waitFor('livekit-server', () => httpOk(`http://127.0.0.1:${ports.livekit}/`), lk, () => services.livekit.log, opts.readyTimeoutMs);
  };
  const startAgent = async () => {
    const child = launch('agent', process.execPath, tsx('agent/src/main.ts', [opts.watch ? 'dev' : 'start']), nodeEnv);
    // The worker's health server answers once it has registered with livekit-server.
    await waitFor('agent worker', () => httpOk(`http://127.0.0.1:${ports.agentHealth}/`), child, () => services.agent.log, opts.readyTimeoutMs);
  };

  const stack: Stack = {
    apiUrl,
    livekitUrl,
    livekitApiKey: key,
    livekitApiSecret: secret,
    agentToken,
    env,
    dataDir,
    startAgent,
    stopAgent: (signal) => stopService('agent', signal),
    startApi,
    stopApi: (signal) => stopService('api', signal),
    startLivekit,
    stopLivekit: (signal) => stopService('livekit', signal),
    logs: (name) => services[name].log,
    processIds: () => {
      const groups = new Set(Object.values(services).flatMap((svc) => (svc.child?.pid && svc.child.exitCode === null ? [svc.child.pid] : [])));
      return readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ')'.
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return groups.has(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]));
          } catch {
            return false;
          }
        })
        .map(Number);
    },
    stop: async () => {
      await stopService('agent');
      await stopService('api');
      await stopService('livekit');
    },
  };

  try {
    await startLivekit();
    await startApi();
    if (opts.agent !== false) await startAgent();
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}
