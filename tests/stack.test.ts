/**
 * The loop is wired: a real livekit-server, the API and the agent worker; the API's token dispatches the
 * recruiter, and a candidate joining with @livekit/rtc-node sees the agent join and publish audio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Room, RoomEvent, TrackKind, type RemoteParticipant, type RemoteTrackPublication } from '@livekit/rtc-node';
import { startStack, type Stack } from './helpers/stack.js';
import { CandidateClient } from './helpers/api.js';

const AGENT_ARRIVAL_MS = 20_000;

describe('local stack', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the API health route once migrations have run', async () => {
    const res = await fetch(`${stack.apiUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('dispatches the recruiter agent into the candidate room and the agent publishes audio', async () => {
    const client = new CandidateClient(stack.apiUrl);
    await client.signUp();
    const interviewId = await client.createInterview();
    const { server_url, participant_token } = await client.token(interviewId);
    expect(server_url).toBe(stack.livekitUrl);

    const room = new Room();
    const joinedAt = Date.now();
    const agentAudio = new Promise<{ participant: RemoteParticipant; publication: RemoteTrackPublication }>((resolve) => {
      room.on(RoomEvent.TrackPublished, (publication, participant) => {
        if (publication.kind === TrackKind.KIND_AUDIO) resolve({ participant, publication });
      });
      room.on(RoomEvent.TrackSubscribed, (_track, publication, participant) => {
        if (publication.kind === TrackKind.KIND_AUDIO) resolve({ participant, publication });
      });
    });
    try {
      await room.connect(server_url, participant_token, { autoSubscribe: true, dynacast: false });
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no agent audio within ${AGENT_ARRIVAL_MS} ms\n${stack.logs('agent').slice(-3000)}`)), AGENT_ARRIVAL_MS),
      );
      const { participant } = await Promise.race([agentAudio, timeout]);
      // The agent identifies itself as an agent participant (LiveKit sets kind AGENT for dispatched agents).
      expect(participant.identity).toMatch(/^agent-/);
      expect(Date.now() - joinedAt).toBeLessThan(AGENT_ARRIVAL_MS);
    } finally {
      await room.disconnect();
    }
  });
});
