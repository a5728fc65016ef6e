/**
 * A small process supervisor for `pnpm start --cluster` and the cluster test: each process runs in
 * its own process group, is checked for readiness, and can be stopped, killed and started again on
 * its own. A process that exits while it is meant to run is started again (after a pause), so one
 * crash does not take the cluster down; `stop` leaves it down until `start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessSpec {
  name: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves true once the process serves (polled). */
  ready?: () => Promise<boolean>;
  /** How long a SIGTERM may take before SIGKILL: livekit-server and the agent worker drain their calls. */
  stopGraceMs?: number;
  /** Run as this user (root starting PostgreSQL). */
  runAs?: string;
}

export class SupervisorError extends Error {
  override name = 'SupervisorError';
}

const READY_TIMEOUT_MS = 90_000;
const RESTART_DELAY_MS = 2_000;
const MAX_LOG_CHARS = 1_000_000;

interface Entry {
  spec: ProcessSpec;
  child: ChildProcess | null;
  log: string;
  /** Meant to run: an unexpected exit is followed by a restart. */
  wanted: boolean;
  restarts: number;
}

export interface SupervisorOptions {
  /** Each process's output is appended to <logDir>/<name>.log. */
  logDir?: string;
  /** Mirror output to this process's stdout with a [name] prefix. */
  echo?: boolean;
  /** Restart a process that exits while wanted (default true). */
  autoRestart?: boolean;
  onEvent?: (msg: string) => void;
}

export class Supervisor {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: SupervisorOptions = {}) {}

  add(spec: ProcessSpec): void {
    this.entries.set(spec.name, { spec, child: null, log: '', wanted: false, restarts: 0 });
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new SupervisorError(`no process named ${name} (have: ${this.names().join(', ')})`);
    return e;
  }

  private launch(e: Entry): ChildProcess {
    const { spec } = e;
    const [cmd, args] = spec.runAs ? ['runuser', ['-u', spec.runAs, '--', spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
    const child = spawn(cmd, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const onData = (buf: Buffer) => {
      e.log = (e.log + buf.toString()).slice(-MAX_LOG_CHARS);
      if (this.opts.logDir) appendFileSync(join(this.opts.logDir, `${spec.name}.log`), buf);
      if (this.opts.echo) process.stdout.write(buf.toString().replace(/^(?=.)/gm, `[${spec.name}] `));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (e.child !== child) return;
      e.child = null;
      if (!e.wanted || this.opts.autoRestart === false) return;
      e.restarts += 1;
      this.opts.onEvent?.(`${spec.name} exited (${code ?? signal}); starting it again`);
      setTimeout(() => {
        if (e.wanted && !e.child) void this.start(spec.name).catch((err: unknown) => this.opts.onEvent?.(`${spec.name}: ${String(err)}`));
      }, RESTART_DELAY_MS).unref();
    });
    e.child = child;
    return child;
  }

  /** Starts a process (no-op when running) and waits until it is ready. */
  async start(name: string): Promise<void> {
    const e = this.entry(name);
    e.wanted = true;
    const child = e.child ?? this.launch(e);
    if (!e.spec.ready) return;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new SupervisorError(`${name} exited before it was ready (${child.exitCode ?? child.signalCode}).\n--- last output ---\n${e.log.slice(-4000)}`);
      }
      if (await e.spec.ready().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new SupervisorError(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s.\n--- last output ---\n${e.log.slice(-4000)}`);
  }

  /**
   * Stops a process and leaves it down: `signal` to it (SIGTERM lets livekit-server and the agent
   * worker drain; SIGKILL to its whole group), its group SIGKILLed after the grace or once it has
   * exited; resolves when it has exited.
   */
  async stop(name: string, signal: NodeJS.Signals = 'SIGTERM', graceMs?: number): Promise<void> {
    const e = this.entry(name);
    e.wanted = false;
    const child = e.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const kill = (sig: NodeJS.Signals, target: number) => {
      try {
        process.kill(target, sig);
      } catch {
        /* already gone */
      }
    };
    // A graceful signal goes to the process alone, as an orchestrator sends it to a container's
    // first process: the agent worker drains, and its job processes (same group) keep their calls
    // until it lets them go. SIGKILL takes the whole group, as a lost host would.
    kill(signal, signal === 'SIGKILL' ? -child.pid! : child.pid!);
    const timer = setTimeout(() => kill('SIGKILL', -child.pid!), graceMs ?? e.spec.stopGraceMs ?? 8_000);
    await exited;
    clearTimeout(timer);
    // What the process forked into its group (agent job processes, helpers) goes with it.
    kill('SIGKILL', -child.pid!);
  }

  async restart(name: string): Promise<void> {
    await this.stop(name);
    await this.start(name);
  }

  /** Stops processes in the reverse order of `order` (default: the order they were added). */
  async stopAll(order: string[] = this.names(), graceMs?: number): Promise<void> {
    for (const name of [...order].reverse()) await this.stop(name, 'SIGTERM', graceMs);
  }

  pid(name: string): number | null {
    return this.entry(name).child?.pid ?? null;
  }

  running(name: string): boolean {
    const c = this.entry(name).child;
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  restarts(name: string): number {
    return this.entry(name).restarts;
  }

  logs(name: string): string {
    return this.entry(name).log;
  }
}
