/**
 * Interviews whose whole worker died (SIGKILL, a lost host): crash-redispatch.ts covers a job
 * process dying under a live worker, but when the worker goes too nobody is left that knows the
 * job, livekit-server never dispatches a room again (pkg/service/agentservice.go: "TODO update
 * dispatch state" when a worker deregisters), and the dead recruiter stays in the room as a ghost
 * until its ICE connection times out (~20 s). So every worker of a cluster watches every interview
 * room:
 *
 * - heartbeat: each worker stamps its running jobs' participants with the time
 *   (`mockroom.worker_seen_at` participant attribute, livekit RoomService.UpdateParticipant) every
 *   few seconds;
 * - sweep: each worker lists the interview rooms; a recruiter whose stamp (or join time) is older
 *   than STALE_MS belongs to a worker that is gone, and a room whose latest dispatch is older than
 *   NO_RECRUITER_MS with no recruiter in it lost its recruiter (the ghost left by itself) or never
 *   got one. If the API still has the interview open, the worker replaces the dispatch: deletes
 *   the old one, evicts any ghost, and dispatches the recruiter again with the same metadata; the
 *   new job resumes from the stored turns (PlanTracker.resumeFrom).
 *
 * Only one worker may re-dispatch: deleting the old dispatch is the lock. livekit-server deletes a
 * dispatch once under the room's lock (pkg/rtc/room.go DeleteAgentDispatch) and terminates its
 * jobs; the worker whose delete succeeded dispatches, the others get 404 and leave it.
 * Why this and not the API or Redis: docs/decisions/020-cluster-on-livekit-multi-node.md.
 */
import { DispatchMetadata, type InterviewStatus } from '@mockroom/core';
import type { RunningJobView } from './crash-redispatch.js';
import type { LivekitAdmin } from './livekit-admin.js';

export const SEEN_ATTRIBUTE = 'mockroom.worker_seen_at';
/** How often a worker stamps its jobs' participants. */
export const HEARTBEAT_MS = 3_000;
/** How often a worker looks for recruiters whose worker is gone. */
export const SWEEP_MS = 4_000;
/**
 * A recruiter unstamped this long has no worker. Five missed stamps: a loaded worker's late
 * stamps must not count as a death (evicting a live job ends its interview), and the ghost must
 * still be there to evict (~20 s after the death).
 */
export const STALE_MS = 15_000;
/** A room with no recruiter this long after its latest dispatch: the job died and its ghost left, or never started. */
export const NO_RECRUITER_MS = 60_000;
export const MAX_SWEEP_REDISPATCHES = 3;

export interface DispatchView {
  id: string;
  metadata: string;
  createdAtMs: number;
}

export interface ParticipantView {
  identity: string;
  isAgent: boolean;
  joinedAtMs: number;
  attributes: Record<string, string>;
}

/** What the sweep reads and writes in LiveKit (livekit-cluster-view.ts over Twirp). */
export interface ClusterView {
  listRooms(): Promise<string[]>;
  listParticipants(room: string): Promise<ParticipantView[]>;
  /** The room's latest dispatch of this agent, null when none. */
  latestDispatch(room: string, agentName: string): Promise<DispatchView | null>;
  /** Deletes a dispatch; false when it was already gone (another worker deleted it). */
  deleteDispatch(room: string, dispatchId: string): Promise<boolean>;
  markSeen(room: string, identity: string, atMs: number): Promise<void>;
}

export interface OrphanSweepDeps {
  agentName: string;
  roomPrefix: string;
  view: ClusterView;
  admin: LivekitAdmin;
  interviewStatus: (interviewId: string) => Promise<InterviewStatus>;
  log: (level: 'info' | 'warn', fields: Record<string, unknown>, msg: string) => void;
  now?: () => number;
}

export class OrphanSweep {
  private lastHeartbeat = 0;
  private lastSweep = 0;
  private sweeping: Promise<void> | null = null;
  private readonly redispatched = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly deps: OrphanSweepDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Called on every load sample: stamps this worker's jobs and sweeps, each at its own interval. */
  tick(activeJobs: readonly RunningJobView[]): void {
    const t = this.now();
    if (t - this.lastHeartbeat >= HEARTBEAT_MS) {
      this.lastHeartbeat = t;
      void this.heartbeat(activeJobs);
    }
    if (t - this.lastSweep >= SWEEP_MS && !this.sweeping) {
      this.lastSweep = t;
      this.sweeping = this.sweep()
        .catch(() => undefined)
        .finally(() => (this.sweeping = null));
    }
  }

  async heartbeat(activeJobs: readonly RunningJobView[]): Promise<void> {
    const t = this.now();
    await Promise.all(
      activeJobs.map((info) =>
        info.job.room?.name && info.acceptArguments.identity
          ? // A job not yet in its room answers 404: stamped next time.
            this.deps.view.markSeen(info.job.room.name, info.acceptArguments.identity, t).catch(() => undefined)
          : undefined,
      ),
    );
  }

  /** One pass over the interview rooms; resolves when every re-dispatch it started has been tried. */
  async sweep(): Promise<void> {
    const rooms = (await this.deps.view.listRooms()).filter((r) => r.startsWith(this.deps.roomPrefix));
    for (const room of rooms) {
      const participants = await this.deps.view.listParticipants(room).catch(() => null);
      if (participants === null) continue;
      const agents = participants.filter((p) => p.isAgent);
      const ghosts = agents.filter((p) => {
        const stamped = Number(p.attributes[SEEN_ATTRIBUTE]);
        return this.now() - Math.max(p.joinedAtMs, Number.isFinite(stamped) ? stamped : 0) >= STALE_MS;
      });
      // A recruiter its worker keeps stamping: nothing to do. An empty room: nobody to interview.
      if (agents.length > ghosts.length || participants.length === 0) continue;
      const dispatch = await this.deps.view.latestDispatch(room, this.deps.agentName).catch(() => null);
      if (dispatch === null) continue;
      // No recruiter yet: its job may still be starting.
      if (agents.length === 0 && this.now() - dispatch.createdAtMs < NO_RECRUITER_MS) continue;
      await this.recover(room, dispatch, ghosts.map((g) => g.identity));
    }
  }

  private async recover(room: string, dispatch: DispatchView, ghosts: string[]): Promise<void> {
    const interviewId = parseInterviewId(dispatch.metadata);
    if (interviewId === null) return;
    let status: InterviewStatus;
    try {
      status = await this.deps.interviewStatus(interviewId);
    } catch {
      // Without the API's word the interview may be over: do nothing rather than double up.
      return;
    }
    if (status !== 'live' && status !== 'scheduled') return;
    const count = this.redispatched.get(interviewId) ?? 0;
    if (count >= MAX_SWEEP_REDISPATCHES) return;
    // The lock: only the worker that deleted the old dispatch goes on.
    const deleted = await this.deps.view.deleteDispatch(room, dispatch.id).catch((err: unknown) => {
      this.deps.log('warn', { err: String(err) }, 'could not replace a dispatch whose recruiter is gone');
      return false;
    });
    if (!deleted) return;
    this.redispatched.set(interviewId, count + 1);
    // The ghosts first, so the candidate's client never shows two recruiters.
    for (const identity of ghosts) await this.deps.admin.removeParticipant(room, identity).catch(() => undefined);
    try {
      await this.deps.admin.createDispatch(room, this.deps.agentName, dispatch.metadata);
      this.deps.log('info', { redispatches: count + 1, ghosts: ghosts.length }, "recruiter's worker gone; recruiter dispatched again");
    } catch (err) {
      this.deps.log('warn', { err: String(err) }, 're-dispatch after a lost worker failed');
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
