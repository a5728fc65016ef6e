import { describe, expect, it } from 'vitest';
import type { InterviewStatus } from '@mockroom/core';
import { CrashRedispatch, MAX_REDISPATCHES, type RunningJobView } from './crash-redispatch.js';

const IV = '11111111-2222-4333-8444-555555555555';

function job(id: string, interviewId = IV): RunningJobView {
  return { job: { id, room: { name: `iv_${interviewId}` }, metadata: JSON.stringify({ interviewId }), agentName: 'recruiter' }, acceptArguments: { identity: `agent-${id}` } };
}

function setup(status: InterviewStatus | 'unreachable') {
  const calls: string[] = [];
  const r = new CrashRedispatch({
    agentName: 'recruiter',
    admin: {
      removeParticipant: async (room, identity) => void calls.push(`remove ${room} ${identity}`),
      createDispatch: async (room, agentName, metadata) => void calls.push(`dispatch ${room} ${agentName} ${metadata}`),
    },
    interviewStatus: async () => {
      if (status === 'unreachable') throw new Error('down');
      return status;
    },
    log: () => undefined,
  });
  return { r, calls };
}

describe('CrashRedispatch', () => {
  it('evicts the dead recruiter and dispatches a new one when a job vanishes while its interview is live', async () => {
    const { r, calls } = setup('live');
    r.observe([job('AJ_1')]);
    r.observe([job('AJ_1')]);
    expect(calls).toEqual([]);
    r.observe([]);
    await r.settled();
    expect(calls).toEqual([`remove iv_${IV} agent-AJ_1`, `dispatch iv_${IV} recruiter {"interviewId":"${IV}"}`]);
  });

  it('does nothing when the job ended its interview, or when the API cannot say', async () => {
    for (const status of ['ended', 'failed', 'unreachable'] as const) {
      const { r, calls } = setup(status);
      r.observe([job('AJ_1')]);
      r.observe([]);
      await r.settled();
      expect(calls, status).toEqual([]);
    }
  });

  it(`stops after ${MAX_REDISPATCHES} re-dispatches of one interview`, async () => {
    const { r, calls } = setup('live');
    for (let i = 0; i < MAX_REDISPATCHES + 2; i++) {
      r.observe([job(`AJ_${i}`)]);
      r.observe([]);
      await r.settled();
    }
    expect(calls.filter((c) => c.startsWith('dispatch'))).toHaveLength(MAX_REDISPATCHES);
  });

  it('ignores a job without interview metadata', async () => {
    const { r, calls } = setup('live');
    r.observe([{ job: { id: 'AJ_x', room: { name: 'other' }, metadata: '' }, acceptArguments: { identity: 'agent-x' } }]);
    r.observe([]);
    await r.settled();
    expect(calls).toEqual([]);
  });
});
