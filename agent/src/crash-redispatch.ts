/**
 * A job process that dies mid-call (SIGKILL, out of memory, a native crash) takes the recruiter
 * with it, and nothing brings one back: agents-js sends livekit-server no job status, livekit-server
 * dispatches a room's agents only when the room is created, and the dead recruiter stays in the
 * room as a ghost until its ICE connection times out (about 20 s measured here). So the worker,
 * which outlives its job processes, watches its running jobs: a job that vanished while the API
 * still has its interview open died mid-call. The worker evicts the ghost and dispatches the
 * recruiter again; the new job resumes from the stored turns (job.ts, PlanTracker.resumeFrom).
 * Why this and not the API: docs/decisions/011-rejoin-grace.md ("Crashes").
 *
 * A job that ends normally closes its interview first (its end post runs before the process
 * exits), so it is not re-dispatched. A job that crashes again and again is re-dispatched at most
 * MAX_REDISPATCHES times per interview.
 */
import { DispatchMetadata, type InterviewStatus } from '@mockroom/core';
import type { LivekitAdmin } from './livekit-admin.js';

export const MAX_REDISPATCHES = 3;

/** What the worker knows of a running job (a slice of agents-js RunningJobInfo). */
export interface RunningJobView {
  job: { id: string; room?: { name: string } | undefined; metadata: string; agentName?: string };
  acceptArguments: { identity: string };
}

interface Tracked {
  room: string;
  identity: string;
  metadata: string;
  agentName: string;
  interviewId: string;
}

export interface CrashRedispatchDeps {
  agentName: string;
  admin: LivekitAdmin;
  /** The interview's state from the API; throws when the API cannot be asked. */
  interviewStatus: (interviewId: string) => Promise<InterviewStatus>;
  log: (level: 'info' | 'warn', fields: Record<string, unknown>, msg: string) => void;
}

export class CrashRedispatch {
  private readonly running = new Map<string, Tracked>();
  private readonly redispatched = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: CrashRedispatchDeps) {}

  /** Called with the worker's running jobs on every load sample; starts a re-dispatch for each vanished one. */
  observe(activeJobs: readonly RunningJobView[]): void {
    const now = new Set<string>();
    for (const info of activeJobs) {
      now.add(info.job.id);
      if (this.running.has(info.job.id)) continue;
      const interviewId = parseInterviewId(info.job.metadata);
      if (!interviewId || !info.job.room?.name) continue;
      this.running.set(info.job.id, {
        room: info.job.room.name,
        identity: info.acceptArguments.identity,
        metadata: info.job.metadata,
        agentName: info.job.agentName || this.deps.agentName,
        interviewId,
      });
    }
    for (const [jobId, tracked] of this.running) {
      if (now.has(jobId)) continue;
      this.running.delete(jobId);
      const p = this.recover(jobId, tracked).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Resolves when every re-dispatch started so far has finished (for tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async recover(jobId: string, t: Tracked): Promise<void> {
    let status: InterviewStatus;
    try {
      status = await this.deps.interviewStatus(t.interviewId);
    } catch {
      // Without the API's word the job may have ended normally: do nothing rather than double up.
      this.deps.log('warn', { jobId }, 'job gone; interview state unknown, not re-dispatching');
      return;
    }
    if (status !== 'live' && status !== 'scheduled') return;
    const count = this.redispatched.get(t.interviewId) ?? 0;
    if (count >= MAX_REDISPATCHES) {
      this.deps.log('warn', { jobId, redispatches: count }, 'job died again; re-dispatch limit reached');
      return;
    }
    this.redispatched.set(t.interviewId, count + 1);
    // The ghost first: the candidate's client would otherwise show two recruiters, and the dead
    // one's participant_left would arrive 20 s later, mid-conversation.
    await this.deps.admin.removeParticipant(t.room, t.identity).catch(() => undefined);
    try {
      await this.deps.admin.createDispatch(t.room, t.agentName, t.metadata);
      this.deps.log('info', { jobId, redispatches: count + 1 }, 'job died mid-call; recruiter dispatched again');
    } catch (err) {
      this.deps.log('warn', { jobId, err: String(err) }, 're-dispatch failed');
    }
  }
}

function parseInterviewId(metadata: string): string | null {
  try {
    return DispatchMetadata.parse(JSON.parse(metadata || '{}')).interviewId;
  } catch {
    return null;
  }
}
