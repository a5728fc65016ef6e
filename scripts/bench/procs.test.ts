import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classify, parseRssKb, parseStat, RssSampler } from './procs.js';

describe('/proc parsing', () => {
  it('reads ppid, process group and CPU ticks even when the name has spaces and parentheses', () => {
    const line = '4242 (node (job) x) S 100 4000 4000 0 -1 4194304 1 0 0 0 250 50 0 0 20 0 11 0 1 1 1';
    expect(parseStat(line)).toEqual({ ppid: 100, pgrp: 4000, cpuTicks: 300 });
  });
  it('reads VmRSS in kB and returns null when absent', () => {
    expect(parseRssKb('Name:\tnode\nVmRSS:\t  123456 kB\nThreads: 3\n')).toBe(123456);
    expect(parseRssKb('Name:\tkthread\n')).toBeNull();
  });
  it('tells job and inference processes apart by their entry module', () => {
    expect(classify('node /x/agents/dist/ipc/job_proc_lazy_main.js recruiter')).toBe('job');
    expect(classify('node /x/agents/dist/ipc/inference_proc_lazy_main.js []')).toBe('inference');
    expect(classify('node --import tsx agent/src/main.ts start')).toBe('other');
  });
});

describe('RssSampler', () => {
  it('keeps the peak RSS of every member of a process group except its leader', async () => {
    const leader = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const sampler = new RssSampler(leader.pid!);
      sampler.sample();
      const members = [...sampler.procs.values()];
      expect(members).toHaveLength(2);
      expect(sampler.procs.has(leader.pid!)).toBe(false);
      for (const m of members) expect(m.maxRssKb).toBeGreaterThan(0);
      // Idle sleeps burn no CPU, so they do not count as active job processes.
      expect(sampler.activeJobRssMb()).toEqual([]);
    } finally {
      process.kill(-leader.pid!, 'SIGKILL');
    }
  });
});
