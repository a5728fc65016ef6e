/**
 * Job admission: a hard cap on concurrent jobs as well as the CPU load threshold. The load is
 * sampled every few seconds, so two jobs can arrive inside one sample; the count of accepted
 * jobs (including ones accepted but not yet running) closes that gap.
 */
import { cpus, loadavg } from 'node:os';
import type { AgentServer, JobRequest } from '@livekit/agents';

/** An accepted job not yet listed as running is counted for this long. */
const RESERVATION_MS = 15_000;

export class AdmissionControl {
  private readonly reserved = new Map<string, number>();
  private activeIds: string[] = [];

  constructor(
    readonly maxJobs: number,
    private readonly cpuLoad: () => number = () => Math.min(0.99, (loadavg()[0] ?? 0) / Math.max(1, cpus().length)),
    private readonly now: () => number = Date.now,
  ) {}

  /** Jobs running or accepted and about to run. */
  inFlight(): number {
    const t = this.now();
    for (const [id, at] of this.reserved) {
      if (this.activeIds.includes(id) || t - at > RESERVATION_MS) this.reserved.delete(id);
    }
    return this.activeIds.length + this.reserved.size;
  }

  /** Worker load in 0..1: the larger of CPU load and the share of the job cap in use. */
  async load(worker: Pick<AgentServer, 'activeJobs'>): Promise<number> {
    this.activeIds = worker.activeJobs.map((j) => j.job.id);
    return Math.max(this.cpuLoad(), Math.min(1, this.inFlight() / this.maxJobs));
  }

  /** Accept or reject one job request. */
  async request(req: Pick<JobRequest, 'id' | 'accept' | 'reject'>): Promise<void> {
    // CPU load is the framework's business (it marks the worker full); the count is ours.
    if (this.inFlight() >= this.maxJobs) {
      await req.reject();
      return;
    }
    this.reserved.set(req.id, this.now());
    await req.accept();
  }
}
