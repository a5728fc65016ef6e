import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLivekitAdmin, LivekitAdminError, roomAdminToken } from './livekit-admin.js';

describe('livekit-admin', () => {
  it('signs a room-admin token for one room that verifies with the secret', () => {
    const token = roomAdminToken('key', 'secret', 'iv_x', 1_000_000);
    const [h, p, sig] = token.split('.');
    expect(createHmac('sha256', 'secret').update(`${h}.${p}`).digest('base64url')).toBe(sig);
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'key', nbf: 1000, exp: 1060, video: { room: 'iv_x', roomAdmin: true } });
  });

  it('posts the Twirp calls to the server over http and throws on a refusal', async () => {
    const seen: { url: string; body: unknown }[] = [];
    let status = 200;
    const admin = createLivekitAdmin({
      url: 'ws://127.0.0.1:7880',
      apiKey: 'key',
      apiSecret: 'secret',
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, body: JSON.parse(String(init.body)) });
        return new Response('{}', { status });
      }) as unknown as typeof fetch,
    });
    await admin.removeParticipant('iv_x', 'agent-1');
    await admin.createDispatch('iv_x', 'recruiter', '{"interviewId":"x"}');
    expect(seen).toEqual([
      { url: 'http://127.0.0.1:7880/twirp/livekit.RoomService/RemoveParticipant', body: { room: 'iv_x', identity: 'agent-1' } },
      { url: 'http://127.0.0.1:7880/twirp/livekit.AgentDispatchService/CreateDispatch', body: { room: 'iv_x', agentName: 'recruiter', metadata: '{"interviewId":"x"}' } },
    ]);
    status = 401;
    await expect(admin.removeParticipant('iv_x', 'agent-1')).rejects.toBeInstanceOf(LivekitAdminError);
  });
});
