/**
 * Network namespaces for impairment tests (issue 14; docs/decisions/025-impairment-harness.md):
 * each candidate runs in a namespace this test creates, joined to the host by a veth pair;
 * livekit-server, the API and the agent stay on the host, so only the candidate's path is impaired.
 *
 * - Loss and blackouts: nftables rules inside the namespace (`numgen random mod 100 < N drop`, both
 *   directions; `drop` for a blackout). The table lives and dies with the namespace.
 * - Delay and jitter: this kernel has no `tc netem`, so a userspace UDP relay on the host holds each
 *   datagram for delay + uniform jitter (timers, so packets reorder as on a real path).
 * - No bypass: livekit-server's ICE/UDP mux listens only on 127.0.0.1 (`rtc.ips`), and it advertises
 *   `node_ip` = the relay's address with the same port, so the relay (bound on that address) is the
 *   only media endpoint a namespace can reach. The server's own socket cannot send from 127.0.0.1 into
 *   a namespace, and each namespace also drops any UDP that did not come from the relay. The relay
 *   forwards the host's own peers (the agent) unimpaired.
 *
 * Names carry the creating process's pid (`mockroom-imp-<pid>-<n>`, host end `mrh<pid>x<n>`), so
 * sweepStaleNamespaces() can remove what a killed run left; only names of that form whose pid is dead
 * are touched. Needs root, `ip` (iproute2) and `nft` (nftables).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Impairment {
  /** Percentage of packets dropped in each direction (0–100). */
  lossPct: number;
  /** Fixed one-way delay added by the relay, ms. */
  delayMs: number;
  /** Extra one-way delay drawn uniformly from [0, jitterMs] per packet. */
  jitterMs: number;
}

export const CLEAN: Impairment = { lossPct: 0, delayMs: 0, jitterMs: 0 };

const TABLE = 'mockroom_impair';
const NS_PREFIX = 'mockroom-imp-';

function run(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 });
}

/** Why the impairment tests cannot run here (a message for a failing test), or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the impairment test needs root (network namespaces, nftables); CI runs as root';
  for (const bin of ['ip', 'nft']) {
    try {
      run(bin, ['-V']);
    } catch {
      return `\`${bin}\` is missing: run ./scripts/setup.sh (it installs iproute2 and nftables)`;
    }
  }
  return null;
}

const pidAlive = (pid: number) => existsSync(`/proc/${pid}`);

/** Deletes namespaces and host veth ends this harness made in processes that are gone; returns their names. */
export function sweepStaleNamespaces(): string[] {
  const removed: string[] = [];
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const name = line.trim().split(/\s+/)[0] ?? '';
    const m = new RegExp(`^${NS_PREFIX}(\\d+)-\\d+$`).exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    try {
      run('ip', ['netns', 'del', name]);
      removed.push(name);
    } catch {
      /* raced with another sweeper */
    }
  }
  for (const line of run('ip', ['-o', 'link', 'show']).split('\n')) {
    const m = /^\d+: (mrh(\d+)x\d+)[@:]/.exec(line);
    if (!m || pidAlive(Number(m[2]))) continue;
    try {
      run('ip', ['link', 'del', m[1]!]);
      removed.push(m[1]!);
    } catch {
      /* already gone with its namespace */
    }
  }
  return removed;
}

/** A free 10.213.N.0/30 on this host (not on any interface). */
function freeSubnet(): number {
  const used = run('ip', ['-o', '-4', 'addr', 'show']);
  for (let n = 1; n < 255; n += 1) if (!used.includes(`10.213.${n}.`)) return n;
  throw new Error('no free 10.213.N.0/30 subnet for an impairment namespace');
}

const created = new Set<NetnsLink>();
let exitHook = false;

/** One namespace with a veth pair to the host and its own nftables table. */
export class NetnsLink {
  readonly ns: string;
  readonly hostIf: string;
  hostIp = '';
  nsIp = '';
  private current: Impairment = CLEAN;
  private blackout = false;
  private relayPort = 0;

  constructor(readonly index: number) {
    this.ns = `${NS_PREFIX}${process.pid}-${index}`;
    this.hostIf = `mrh${process.pid}x${index}`;
  }

  get impairment(): Impairment {
    return this.current;
  }

  /** Creates the namespace and the veth pair (the namespace routes everything to the host end). */
  create(): void {
    if (!exitHook) {
      exitHook = true;
      // A run that ends normally or by an uncaught error cleans up here; a killed one is swept next time.
      process.once('exit', () => {
        for (const l of created) l.destroySync();
      });
    }
    created.add(this);
    const n = freeSubnet();
    this.hostIp = `10.213.${n}.1`;
    this.nsIp = `10.213.${n}.2`;
    run('ip', ['netns', 'add', this.ns]);
    run('ip', ['link', 'add', this.hostIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', this.ns]);
    run('ip', ['addr', 'add', `${this.hostIp}/30`, 'dev', this.hostIf]);
    run('ip', ['link', 'set', this.hostIf, 'up']);
    this.exec('ip', ['addr', 'add', `${this.nsIp}/30`, 'dev', 'eth0']);
    this.exec('ip', ['link', 'set', 'eth0', 'up']);
    this.exec('ip', ['link', 'set', 'lo', 'up']);
    // Other host addresses (the relay's, when it is another link's) are reached through the host end.
    this.exec('ip', ['route', 'add', 'default', 'via', this.hostIp]);
  }

  exec(cmd: string, args: string[], input?: string): string {
    return run('ip', ['netns', 'exec', this.ns, cmd, ...args], input);
  }

  /** Only UDP from the relay (`relayIp:relayPort`) may enter: media cannot bypass it. */
  pinMedia(relayIp: string, relayPort: number): void {
    this.relayIp = relayIp;
    this.relayPort = relayPort;
    this.applyRules();
  }
  private relayIp = '';

  /** Loss from now on (nftables in the namespace); the relay reads delay and jitter from `impairment`. */
  impair(i: Impairment): void {
    this.current = i;
    this.applyRules();
  }

  /** Drops every packet between the namespace and the host while on. */
  setBlackout(on: boolean): void {
    this.blackout = on;
    this.applyRules();
  }

  /** Packets the blackout rules have dropped so far in both directions (0 when no blackout is on). */
  blackoutDrops(): number {
    const table = this.exec('nft', ['list', 'table', 'ip', TABLE]);
    let n = 0;
    for (const m of table.matchAll(/counter packets (\d+) bytes \d+ drop comment "blackout"/g)) n += Number(m[1]);
    return n;
  }

  /** The namespace's nftables table, replaced as a whole in one `nft -f` (atomic). */
  private applyRules(): void {
    const loss = this.current.lossPct > 0 ? `numgen random mod 100 < ${Math.round(this.current.lossPct)} drop` : '';
    const all = this.blackout ? 'counter drop comment "blackout"' : '';
    const pin = this.relayPort ? `meta l4proto udp ip saddr != ${this.relayIp} counter drop\n    udp sport != ${this.relayPort} counter drop` : '';
    const script = [
      `table ip ${TABLE}`,
      `delete table ip ${TABLE}`,
      `table ip ${TABLE} {`,
      '  chain out {',
      '    type filter hook output priority 0; policy accept;',
      '    oifname "lo" accept',
      `    ${all}`,
      `    ${loss}`,
      '  }',
      '  chain in {',
      '    type filter hook input priority 0; policy accept;',
      '    iifname "lo" accept',
      `    ${all}`,
      `    ${pin}`,
      `    ${loss}`,
      '  }',
      '}',
      '',
    ].join('\n');
    this.exec('nft', ['-f', '-'], script);
  }

  /** Removes the namespace (its nftables table goes with it) and the host end; safe to repeat. */
  destroySync(): void {
    created.delete(this);
    try {
      run('ip', ['netns', 'del', this.ns]);
    } catch {
      /* not created */
    }
    try {
      // Deleting the namespace removes the pair; this covers a half-made one.
      run('ip', ['link', 'del', this.hostIf]);
    } catch {
      /* already gone */
    }
  }
}

/**
 * The media relay: bound on the address and port livekit-server advertises, it forwards every
 * datagram to livekit-server's loopback mux through one upstream socket per client address, and
 * back. Datagrams from a namespace wait delay + random jitter (that namespace's current impairment);
 * the host's own peers pass at once.
 */
export class UdpRelay {
  /** Datagrams relayed per client IP, toward the server (up) and back (down). */
  readonly stats = new Map<string, { up: number; down: number }>();
  private readonly front: Socket = createSocket('udp4');
  private readonly upstream = new Map<string, Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly target: { address: string; port: number },
    private readonly links: NetnsLink[],
  ) {}

  async listen(address: string, port: number): Promise<void> {
    this.front.on('message', (msg, from) => this.fromClient(msg, from));
    await new Promise<void>((res, rej) => {
      this.front.once('error', rej);
      this.front.bind(port, address, () => res());
    });
  }

  statsFor(ip: string): { up: number; down: number } {
    return { ...(this.stats.get(ip) ?? { up: 0, down: 0 }) };
  }

  private later(from: string, fn: () => void): void {
    const i = this.links.find((l) => l.nsIp === from)?.impairment ?? CLEAN;
    const ms = i.delayMs + Math.random() * i.jitterMs;
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  private fromClient(msg: Buffer, from: RemoteInfo): void {
    const key = `${from.address}:${from.port}`;
    const stats = this.stats.get(from.address) ?? this.stats.set(from.address, { up: 0, down: 0 }).get(from.address)!;
    let up = this.upstream.get(key);
    if (!up) {
      up = createSocket('udp4');
      up.bind(0, this.target.address);
      up.on('message', (reply) => {
        this.later(from.address, () => {
          stats.down += 1;
          this.front.send(reply, from.port, from.address);
        });
      });
      up.on('error', () => undefined);
      this.upstream.set(key, up);
    }
    const sock = up;
    this.later(from.address, () => {
      stats.up += 1;
      sock.send(msg, this.target.port, this.target.address);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.upstream.values()) s.close();
    await new Promise<void>((r) => this.front.close(() => r()));
  }
}

/**
 * The livekit-server config edit for a relayed run: signalling also on the relay's address, ICE
 * candidates advertised as that address (its UDP port is the relay's), the mux itself on loopback only.
 */
export function relayedLivekitConfig(relayIp: string): (yaml: string) => string {
  return (yaml) => {
    const out = yaml
      .replace(/^bind_addresses:\n {2}- 127\.0\.0\.1$/m, `bind_addresses:\n  - 127.0.0.1\n  - ${relayIp}`)
      .replace(/node_ip: 127\.0\.0\.1/, `node_ip: ${relayIp}`);
    if (!out.includes(`node_ip: ${relayIp}`) || !out.includes(`  - ${relayIp}`) || !/includes:\n {6}- 127\.0\.0\.1\/32\n(?! {6}-)/.test(out)) {
      throw new Error('livekit.yaml changed shape: the impairment harness cannot pin the media to its relay');
    }
    return out;
  };
}

/** Drives tests/helpers/netns-bot.ts inside a namespace: spoken answers, captions and connection states back. */
export class NsCandidate {
  readonly lines: { text: string; openedAt: number; at: number }[] = [];
  readonly states: { state: string; t: number; reason?: unknown }[] = [];
  private child: ChildProcess | null = null;
  private waiters: (() => void)[] = [];
  private said = new Map<number, { res: () => void; rej: (e: Error) => void }>();
  private nextId = 1;
  private stderr = '';
  exited = false;
  /** The recruiter's latest `lk.agent.state` (listening, thinking, speaking), '' before the first. */
  agentState = '';

  constructor(private readonly link: NetnsLink) {}

  /** Starts the bot in the namespace and resolves once it is in the room. */
  async join(url: string, token: string, timeoutMs = 60_000): Promise<void> {
    const script = fileURLToPath(new URL('./netns-bot.ts', import.meta.url));
    const child = spawn('ip', ['netns', 'exec', this.link.ns, process.execPath, '--import', 'tsx', script, url, token], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    this.child = child;
    child.stdin!.on('error', () => undefined);
    let buf = '';
    let connected: (() => void) | null = null;
    let failed: ((e: Error) => void) | null = null;
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const raw = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let ev: { event?: string; [k: string]: unknown };
        try {
          ev = JSON.parse(raw);
        } catch {
          continue;
        }
        if (ev.event === 'line') this.lines.push({ text: String(ev.text), openedAt: Number(ev.openedAt), at: Number(ev.at) });
        else if (ev.event === 'agent') this.agentState = String(ev.state);
        else if (ev.event === 'state') this.states.push({ state: String(ev.state), t: Number(ev.t), reason: ev.reason });
        else if (ev.event === 'said') this.said.get(Number(ev.id))?.res();
        else if (ev.event === 'connected') connected?.();
        else if (ev.event === 'error') failed?.(new Error(`bot: ${String(ev.message)}`));
        for (const w of this.waiters.splice(0)) w();
      }
    });
    child.stderr!.on('data', (d: Buffer) => void (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.on('exit', () => {
      this.exited = true;
      const err = new Error(`bot exited: ${this.stderr.slice(-1500)}`);
      failed?.(err);
      for (const s of this.said.values()) s.rej(err);
      for (const w of this.waiters.splice(0)) w();
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((res, rej) => {
        connected = res;
        failed = rej;
        timer = setTimeout(() => rej(new Error(`bot not connected within ${timeoutMs} ms: ${this.stderr.slice(-1500)}`)), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      failed = null;
    }
  }

  private send(cmd: Record<string, unknown>): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((res, rej) => {
      if (!this.child || this.exited) return rej(new Error('bot not running'));
      this.said.set(id, { res, rej });
      this.child.stdin!.write(`${JSON.stringify({ ...cmd, id })}\n`);
    });
  }

  /** Speaks the sentence into the microphone in real time (Flite), resolves when it is all sent. */
  say(text: string): Promise<void> {
    return this.send({ say: text });
  }

  /** Waits until the recruiter has said more than `count` caption lines; returns the new ones joined. */
  async waitForLines(count: number, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length <= count) {
      if (Date.now() > deadline) throw new Error(`recruiter said nothing new within ${timeoutMs} ms`);
      if (this.exited) throw new Error(`bot exited: ${this.stderr.slice(-1500)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250).unref();
      });
    }
    return this.lines
      .slice(count)
      .map((l) => l.text)
      .join(' ');
  }

  /** Waits for a recruiter caption that began after `t` (ms since epoch); returns it. */
  async waitForLineAfter(t: number, timeoutMs: number): Promise<{ text: string; openedAt: number; at: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => l.openedAt > t);
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`recruiter said nothing new within ${timeoutMs} ms`);
      if (this.exited) throw new Error(`bot exited: ${this.stderr.slice(-1500)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250).unref();
      });
    }
  }

  /** Waits (at most `timeoutMs`, then goes on) until the recruiter is listening, so an answer does not barge in. */
  async waitUntilListening(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.agentState !== 'listening' && Date.now() < deadline && !this.exited) {
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 250).unref();
      });
    }
  }

  /** Leaves the room (the bot disconnects), or kills the bot after 10 s. */
  async leave(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    child.stdin!.write(`${JSON.stringify({ leave: true })}\n`);
    await new Promise<void>((r) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        r();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
}
