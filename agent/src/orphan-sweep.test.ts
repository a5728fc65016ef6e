import { describe, expect, it } from 'vitest';
import type { InterviewStatus } from '@mockroom/core';
import type { RunningJobView } from './crash-redispatch.js';
import type { LivekitAdmin } from './livekit-admin.js';
import { toDispatchView, toParticipantView } from './livekit-cluster-view.js';
import { NO_RECRUITER_MS, OrphanSweep, SEEN_ATTRIBUTE, STALE_MS, type ClusterView, type ParticipantView } from './orphan-sweep.js';

const IV = '11111111-2222-4333-8444-555555555555';
const ROOM = `iv_${IV}`;
const META = JSON.stringify({ interviewId: IV });
const T0 = 1_000_000_000;

/** A LiveKit of one shared state for several sweeping workers: a dispatch is deleted once. */
function livekit(participants: Record<string, ParticipantView[]>, dispatchedAt = T0) {
  const calls: string[] = [];
  const dispatches = new Map(Object.keys(participants).map((room) => [room, `AD_${room}`]));
  const view: ClusterView = {
    listRooms: async () => Object.keys(participants),
    listParticipants: async (room) => participants[room] ?? [],
    latestDispatch: async (room) => (dispatches.has(room) && room.startsWith('iv_') ? { id: `AD_${room}`, metadata: META, createdAtMs: dispatchedAt } : null),
    deleteDispatch: async (room, id) => {
      if (dispatches.get(room) !== id) return false;
      dispatches.delete(room);
      calls.push(`delete ${id}`);
      return true;
    },
    markSeen: async (room, identity, at) => void calls.push(`seen ${room} ${identity} ${at}`),
  };
  const admin: LivekitAdmin = {
    removeParticipant: async (room, identity) => void calls.push(`remove ${room} ${identity}`),
    createDispatch: async (room, agentName, metadata) => void calls.push(`dispatch ${room} ${agentName} ${metadata}`),
  };
  return { view, admin, calls };
}

function sweeper(lk: ReturnType<typeof livekit>, now: number, status: InterviewStatus | 'unreachable' = 'live') {
  return new OrphanSweep({
    agentName: 'recruiter',
    roomPrefix: 'iv_',
    view: lk.view,
    admin: lk.admin,
    interviewStatus: async () => {
      if (status === 'unreachable') throw new Error('down');
      return status;
    },
    log: () => undefined,
    now: () => now,
  });
}

const agent = (identity: string, seenAt?: number, joinedAtMs = T0): ParticipantView => ({
  identity,
  isAgent: true,
  joinedAtMs,
  attributes: seenAt === undefined ? {} : { [SEEN_ATTRIBUTE]: String(seenAt) },
});
const candidate: ParticipantView = { identity: 'cand_1', isAgent: false, joinedAtMs: T0, attributes: {} };

describe('OrphanSweep', () => {
  it("stamps each of the worker's running jobs' recruiters with the time", async () => {
    const lk = livekit({});
    const job: RunningJobView = { job: { id: 'AJ_1', room: { name: ROOM }, metadata: META }, acceptArguments: { identity: 'agent-AJ_1' } };
    await sweeper(lk, T0).heartbeat([job]);
    expect(lk.calls).toEqual([`seen ${ROOM} agent-AJ_1 ${T0}`]);
  });

  it('leaves a recruiter alone while its worker keeps stamping it, and a fresh one that is not stamped yet', async () => {
    const lk = livekit({ [ROOM]: [candidate, agent('agent-AJ_1', T0 + 10_000)], [`iv_other`]: [agent('agent-AJ_2', undefined, T0 + 12_000)] });
    await sweeper(lk, T0 + 10_000 + STALE_MS - 1).sweep();
    expect(lk.calls).toEqual([]);
  });

  it('replaces the dispatch of a recruiter whose worker stopped stamping it: the old one deleted, the ghost evicted, the same metadata dispatched', async () => {
    const lk = livekit({ [ROOM]: [candidate, agent('agent-AJ_1', T0)] });
    await sweeper(lk, T0 + STALE_MS).sweep();
    expect(lk.calls).toEqual([`delete AD_${ROOM}`, `remove ${ROOM} agent-AJ_1`, `dispatch ${ROOM} recruiter ${META}`]);
  });

  it('dispatches again when the recruiter is gone from the room long after its dispatch, not while its job may still be starting', async () => {
    const early = livekit({ [ROOM]: [candidate] });
    await sweeper(early, T0 + NO_RECRUITER_MS - 1).sweep();
    expect(early.calls).toEqual([]);
    const late = livekit({ [ROOM]: [candidate] });
    await sweeper(late, T0 + NO_RECRUITER_MS).sweep();
    expect(late.calls).toEqual([`delete AD_${ROOM}`, `dispatch ${ROOM} recruiter ${META}`]);
  });

  it('lets only the worker whose delete of the old dispatch succeeded dispatch when two workers find the same ghost', async () => {
    const lk = livekit({ [ROOM]: [candidate, agent('agent-AJ_1', T0)] });
    const a = sweeper(lk, T0 + STALE_MS);
    const b = sweeper(lk, T0 + STALE_MS);
    await Promise.all([a.sweep(), b.sweep()]);
    expect(lk.calls.filter((c) => c.startsWith('dispatch'))).toHaveLength(1);
    expect(lk.calls.filter((c) => c.startsWith('delete'))).toHaveLength(1);
  });

  it('does nothing when the interview is over or the API cannot say, and never touches other rooms or candidates', async () => {
    for (const status of ['ended', 'failed', 'unreachable'] as const) {
      const lk = livekit({ [ROOM]: [candidate, agent('agent-AJ_1', T0)] });
      await sweeper(lk, T0 + STALE_MS, status).sweep();
      expect(lk.calls).toEqual([]);
    }
    // Another app's room, a room with a live recruiter and a stale one (a job replaced under a live worker), an empty room.
    const lk = livekit({ 'someone-elses-room': [agent('agent-X', T0)], [ROOM]: [candidate, agent('agent-AJ_1', T0), agent('agent-AJ_2', T0 + STALE_MS)], iv_empty: [] }, T0 - NO_RECRUITER_MS);
    await sweeper(lk, T0 + STALE_MS).sweep();
    expect(lk.calls).toEqual([]);
  });

  it('reads livekit-server\u2019s JSON: agents by kind, join time in ms or s, dispatch time in ns', () => {
    expect(toParticipantView({ identity: 'agent-AJ_1', kind: 'AGENT', joined_at_ms: '1795978210018', attributes: { a: 'b' } })).toEqual({
      identity: 'agent-AJ_1',
      isAgent: true,
      joinedAtMs: 1795978210018,
      attributes: { a: 'b' },
    });
    expect(toParticipantView({ identity: 'cand_1', kind: 'STANDARD', joined_at: '1795978210' })).toEqual({ identity: 'cand_1', isAgent: false, joinedAtMs: 1795978210000, attributes: {} });
    expect(toDispatchView({ id: 'AD_1', agent_name: 'recruiter', metadata: META, state: { created_at: '1795978210018123456' } })).toEqual({ id: 'AD_1', metadata: META, createdAtMs: 1795978210018 });
  });
});
