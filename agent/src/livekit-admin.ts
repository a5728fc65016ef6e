/**
 * The two livekit-server calls the worker makes on its own behalf, over its Twirp HTTP API: evict a
 * participant and create an agent dispatch. A hand-signed HS256 token (node:crypto, as the API's
 * candidate tokens, docs/decisions/006) instead of a new dependency on livekit-server-sdk: the
 * agent package does not declare it, and these are two small JSON posts.
 */
import { createHmac, randomUUID } from 'node:crypto';

/** A token lives only as long as the call it signs. */
const TOKEN_TTL_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 5_000;

export interface LivekitAdmin {
  removeParticipant(room: string, identity: string): Promise<void>;
  createDispatch(room: string, agentName: string, metadata: string): Promise<void>;
}

export class LivekitAdminError extends Error {
  override name = 'LivekitAdminError';
  constructor(readonly method: string, readonly status: number) {
    super(`livekit-server ${method} answered ${status}`);
  }
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** An admin token for one room, the claims livekit-server's AccessToken would carry (video.roomAdmin). */
export function roomAdminToken(apiKey: string, apiSecret: string, room: string, nowMs = Date.now()): string {
  const now = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: apiKey, sub: `worker-${randomUUID()}`, nbf: now, exp: now + TOKEN_TTL_SECONDS, video: { room, roomAdmin: true } }));
  const signature = createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export function createLivekitAdmin(opts: { url: string; apiKey: string; apiSecret: string; fetch?: typeof fetch }): LivekitAdmin {
  const base = opts.url.replace(/^ws/, 'http').replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const call = async (service: string, method: string, room: string, body: Record<string, string>) => {
    const res = await doFetch(`${base}/twirp/livekit.${service}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${roomAdminToken(opts.apiKey, opts.apiSecret, room)}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.text();
    if (!res.ok) throw new LivekitAdminError(method, res.status);
  };
  return {
    removeParticipant: (room, identity) => call('RoomService', 'RemoveParticipant', room, { room, identity }),
    createDispatch: (room, agentName, metadata) => call('AgentDispatchService', 'CreateDispatch', room, { room, agentName, metadata }),
  };
}
