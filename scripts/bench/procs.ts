/**
 * C3: resident memory of the agent's job processes, read from /proc. The stack starts the agent
 * in its own process group and the framework forks one process per job (job_proc_lazy_main)
 * plus a shared inference process; both are in that group.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface StatFields {
  ppid: number;
  pgrp: number;
  /** utime + stime in clock ticks. */
  cpuTicks: number;
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses. */
export function parseStat(text: string): StatFields {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(rest[1]), pgrp: Number(rest[2]), cpuTicks: Number(rest[11]) + Number(rest[12]) };
}

/** VmRSS from /proc/<pid>/status, in kB (null for a zombie or kernel thread). */
export function parseRssKb(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

export type ProcKind = 'job' | 'inference' | 'other';

export function classify(cmdline: string): ProcKind {
  if (cmdline.includes('job_proc_lazy_main')) return 'job';
  if (cmdline.includes('inference_proc_lazy_main')) return 'inference';
  return 'other';
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const pids = (): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** The agent worker's pid: the process whose environment carries this stack's health port. */
export function findAgentPid(healthPort: string): number | null {
  for (const pid of pids()) {
    const cmd = read(`/proc/${pid}/cmdline`);
    if (!cmd || !cmd.includes('agent/src/main.ts')) continue;
    const env = read(`/proc/${pid}/environ`);
    if (env?.split('\0').includes(`AGENT_HEALTH_PORT=${healthPort}`)) return pid;
  }
  return null;
}

export interface ProcRecord {
  pid: number;
  kind: ProcKind;
  maxRssKb: number;
  firstCpuTicks: number;
  lastCpuTicks: number;
}

/** Samples every process in one process group, keeping each one's peak RSS and CPU use. */
export class RssSampler {
  readonly procs = new Map<number, ProcRecord>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pgrp: number) {}

  sample(): void {
    for (const pid of pids()) {
      const stat = read(`/proc/${pid}/stat`);
      if (!stat) continue;
      const f = parseStat(stat);
      if (f.pgrp !== this.pgrp || pid === this.pgrp) continue;
      const rss = parseRssKb(read(`/proc/${pid}/status`) ?? '');
      if (rss === null) continue;
      const rec = this.procs.get(pid);
      if (rec) {
        rec.maxRssKb = Math.max(rec.maxRssKb, rss);
        rec.lastCpuTicks = f.cpuTicks;
      } else {
        const kind = classify((read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' '));
        this.procs.set(pid, { pid, kind, maxRssKb: rss, firstCpuTicks: f.cpuTicks, lastCpuTicks: f.cpuTicks });
      }
    }
  }

  start(intervalMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  /**
   * Peak RSS (MB) of job processes that ran an interview while sampled: a job process doing
   * VAD and STT burns CPU, an idle pre-warmed one does not (`minCpuTicks`, at 100 ticks/s).
   */
  activeJobRssMb(minCpuTicks = 100): number[] {
    return [...this.procs.values()]
      .filter((p) => p.kind === 'job' && p.lastCpuTicks - p.firstCpuTicks >= minCpuTicks)
      .map((p) => p.maxRssKb / 1024);
  }

  inferenceRssMb(): number | null {
    const inf = [...this.procs.values()].filter((p) => p.kind === 'inference');
    return inf.length ? Math.max(...inf.map((p) => p.maxRssKb)) / 1024 : null;
  }
}
