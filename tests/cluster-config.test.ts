/**
 * The deployment files (deploy/) checked where this machine can: every YAML parses; the settings the
 * compose file and the Kubernetes manifests give the API and the agent pass those processes' own
 * production env checks, with the cluster's two musts (one DATABASE_URL, one AUTH_SECRET); the
 * readiness probes hit the health endpoints on the ports the processes listen on; haproxy accepts
 * deploy/haproxy.cfg; and livekit-server starts with the cluster's node config, deploy/livekit.yaml
 * and the Helm values' config (with loopback addresses and this machine's Redis put in).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml, stringify } from 'yaml';
import { loadEnv } from '../api/src/env.js';
import { parseAgentEnv } from '../agent/src/env.js';
import { livekitNodeConfig } from './helpers/cluster.js';
import { REPO_ROOT, findLivekitServer, freeTcpPort } from './helpers/stack.js';

const DEPLOY = join(REPO_ROOT, 'deploy');
type Doc = Record<string, any>;

function k8sDocs(): Doc[] {
  return readdirSync(join(DEPLOY, 'k8s'))
    .filter((f) => f.endsWith('.yaml') && f !== 'livekit-values.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', f), 'utf8')).map((d) => d.toJS() as Doc));
}

/** Compose's interpolation for the forms the file uses: ${X:?msg} takes a sample value, ${X:-d} its default. */
function interpolate(value: string, samples: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => samples[name] ?? (op === '-' ? (arg ?? '') : ''));
}

const SAMPLES: Record<string, string> = {
  APP_BASE_URL: 'https://mockroom.example.com',
  LIVEKIT_PUBLIC_URL: 'wss://mockroom.example.com',
  POSTGRES_PASSWORD: 'a-real-password',
  AUTH_SECRET: 'b'.repeat(40),
  AGENT_API_TOKEN: 'c'.repeat(40),
  LIVEKIT_API_SECRET: 'd'.repeat(40),
};

/** What each process must get in a cluster beyond its own checks: a shared database and cookie secret. */
const CLUSTER_API_MUSTS = ['DATABASE_URL', 'AUTH_SECRET', 'APP_BASE_URL', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'AGENT_API_TOKEN', 'TRUSTED_PROXY_HOPS'];
const CLUSTER_AGENT_MUSTS = ['API_URL', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'AGENT_API_TOKEN', 'AGENT_HEALTH_HOST'];

function expectEnvAccepted(env: Record<string, string>): void {
  for (const k of CLUSTER_API_MUSTS) expect(env[k], k).toBeTruthy();
  for (const k of CLUSTER_AGENT_MUSTS) expect(env[k], k).toBeTruthy();
  expect(env.NODE_ENV).toBe('production');
  // The processes' own schemas, production rules included (https base URL, no dev secrets).
  expect(() => loadEnv(env)).not.toThrow();
  expect(() => parseAgentEnv(env)).not.toThrow();
  // Health probes from outside the pod/container reach the worker only off loopback.
  expect(env.AGENT_HEALTH_HOST).toBe('0.0.0.0');
  expect(env.HOST).toBe('0.0.0.0');
}

describe('deployment files', () => {
  it('every YAML file in deploy/ parses', () => {
    const files = [
      ...readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml')).map((f) => join(DEPLOY, f)),
      ...readdirSync(join(DEPLOY, 'k8s')).filter((f) => f.endsWith('.yaml')).map((f) => join(DEPLOY, 'k8s', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const docs = parseAllDocuments(readFileSync(f, 'utf8'));
      for (const d of docs) expect(d.errors, f).toEqual([]);
    }
  });

  it('the compose file gives the API instances and the agent workers every setting their production checks and a cluster need', () => {
    const compose = parseYaml(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as Doc;
    for (const svc of ['api-1', 'api-2', 'agent-1', 'agent-2']) {
      const raw = compose.services[svc].environment as Record<string, string>;
      const env = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(String(v), SAMPLES)]));
      expectEnvAccepted(env);
      // Both instances reach the one database; the workers post through the balancer.
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    }
    expect(compose.services['api-1'].healthcheck.test.join(' ')).toContain('/api/health');
    expect(compose.services['agent-1'].healthcheck.test.join(' ')).toContain(':8081/');
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'livekit', 'haproxy']));
  });

  it('the Kubernetes Deployments get every setting their production checks and a cluster need, and probe the real health endpoints', () => {
    const docs = k8sDocs();
    const config = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'mockroom-config')!.data as Record<string, string>;
    const secret = docs.find((d) => d.kind === 'Secret' && d.metadata.name === 'mockroom-secrets')!.stringData as Record<string, string>;
    for (const name of ['mockroom-api', 'mockroom-agent']) {
      const dep = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === name)!;
      expect(dep.spec.replicas).toBeGreaterThanOrEqual(2);
      const c = dep.spec.template.spec.containers[0];
      const refs = (c.envFrom as Doc[]).map((e) => e.configMapRef?.name ?? e.secretRef?.name);
      expect(refs).toEqual(['mockroom-config', 'mockroom-secrets']);
      expectEnvAccepted({ ...config, ...secret });
      const port = (c.ports as Doc[]).find((p) => p.name === c.readinessProbe.httpGet.port)!.containerPort;
      if (name === 'mockroom-api') {
        expect(c.readinessProbe.httpGet.path).toBe('/api/health');
        expect(String(port)).toBe(config.PORT);
      } else {
        // agents-js's health server: 200 on / once the worker has registered.
        expect(c.readinessProbe.httpGet.path).toBe('/');
        expect(String(port)).toBe(config.AGENT_HEALTH_PORT);
        expect(dep.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(3600);
      }
    }
    const services = docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name);
    expect(services).toEqual(expect.arrayContaining(['mockroom-api', 'redis']));
    // The workers post to the API Service's name.
    expect(config.API_URL).toBe('http://mockroom-api');
  });

  it('haproxy accepts deploy/haproxy.cfg', () => {
    const out = execFileSync('haproxy', ['-c', '-f', join(DEPLOY, 'haproxy.cfg')], {
      env: {
        ...process.env,
        MOCKROOM_LB_BIND: '127.0.0.1:8080',
        MOCKROOM_API_1: '127.0.0.1:3101',
        MOCKROOM_API_2: '127.0.0.1:3102',
        MOCKROOM_LIVEKIT_1: '127.0.0.1:7880',
        MOCKROOM_LIVEKIT_2: '127.0.0.1:7890',
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toMatch(/Configuration file is valid/);
  });
});

describe('livekit-server accepts the node configs', () => {
  const children: ChildProcess[] = [];
  let redisPort = 0;
  const dir = mkdtempSync(join(tmpdir(), 'mockroom-lkcfg-'));

  beforeAll(async () => {
    redisPort = await freeTcpPort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    children.push(redis);
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  /** Starts livekit-server on the config until it serves and has registered its node in Redis. */
  async function starts(config: string, port: number): Promise<string> {
    const file = join(dir, `lk-${port}.yaml`);
    writeFileSync(file, config);
    // The config's own keys, whatever this shell exports.
    const { LIVEKIT_KEYS: _keys, ...env } = process.env;
    const child = spawn(findLivekitServer()!, ['--config', file], { stdio: ['ignore', 'pipe', 'pipe'], env });
    children.push(child);
    let log = '';
    child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    const deadline = Date.now() + 30_000;
    try {
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}):\n${log.slice(-3000)}`);
        const ok = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
        if (ok) return /\bND_[A-Za-z0-9]+/.exec(log)?.[0] ?? '';
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`livekit-server did not serve within 30 s:\n${log.slice(-3000)}`);
    } finally {
      child.kill('SIGKILL');
    }
  }

  /** A production config made runnable here: loopback, free ports, this Redis, no TURN certificate. */
  function onLoopback(cfg: Doc, port: number, udpPort: number): string {
    return stringify({
      ...cfg,
      port,
      bind_addresses: ['127.0.0.1'],
      rtc: { ...cfg.rtc, tcp_port: 0, udp_port: udpPort, use_external_ip: false, node_ip: '127.0.0.1' },
      redis: { address: `127.0.0.1:${redisPort}` },
      turn: { ...cfg.turn, enabled: false },
      keys: { mockroom: 'e'.repeat(40) },
    });
  }

  it("the cluster's node config (livekit.yaml with Redis and the node selector) serves as a node", async () => {
    const port = await freeTcpPort();
    const config = livekitNodeConfig(readFileSync(join(REPO_ROOT, 'livekit.yaml'), 'utf8'), {
      port,
      udpPort: await freeTcpPort(),
      redisPort,
      webhookUrl: 'http://127.0.0.1:9/api/livekit/webhook',
      key: 'devkey',
      secret: 'f'.repeat(40),
    });
    expect(parseYaml(config).redis.address).toBe(`127.0.0.1:${redisPort}`);
    expect(await starts(config, port)).toMatch(/^ND_/);
  });

  it('deploy/livekit.yaml and the Helm values\u2019 livekit section serve as nodes', async () => {
    const compose = parseYaml(readFileSync(join(DEPLOY, 'livekit.yaml'), 'utf8')) as Doc;
    const helm = (parseYaml(readFileSync(join(DEPLOY, 'k8s', 'livekit-values.yaml'), 'utf8')) as Doc).livekit as Doc;
    // The chart takes log_level at the top (its template moves it under logging) and TURN's secretName for its certificate.
    const { log_level: _level, ...helmConfig } = helm;
    const { secretName: _s, loadBalancerAnnotations: _a, ...helmTurn } = helmConfig.turn as Doc;
    for (const cfg of [compose, { ...helmConfig, turn: helmTurn }]) {
      const port = await freeTcpPort();
      expect(await starts(onLoopback(cfg, port, await freeTcpPort()), port)).toMatch(/^ND_/);
    }
  });
});
