/**
 * The LiveKit reads and writes of the orphan sweep (orphan-sweep.ts) over livekit-server's Twirp
 * API, signed like livekit-admin.ts (hand-signed HS256, no livekit-server-sdk in this package):
 * the interview rooms, their participants, a room's latest dispatch and its deletion, and the
 * worker's stamp on its recruiters.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SEEN_ATTRIBUTE, type ClusterView, type DispatchView, type ParticipantView } from './orphan-sweep.js';

const TOKEN_TTL_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 5_000;

const b64url = (s: string) => Buffer.from(s).toString('base64url');

function token(apiKey: string, apiSecret: string, video: Record<string, unknown>, nowMs = Date.now()): string {
  const now = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: apiKey, sub: `worker-${randomUUID()}`, nbf: now, exp: now + TOKEN_TTL_SECONDS, video }));
  return `${header}.${payload}.${createHmac('sha256', apiSecret).update(`${header}.${payload}`).digest('base64url')}`;
}

class TwirpError extends Error {
  override name = 'TwirpError';
  constructor(readonly method: string, readonly status: number) {
    super(`livekit-server ${method} answered ${status}`);
  }
}

/** livekit AgentDispatch as livekit-server's Twirp writes it (proto field names): created_at in Unix nanoseconds. */
interface DispatchJson {
  id?: string;
  agent_name?: string;
  metadata?: string;
  state?: { created_at?: string | number };
}

export function toDispatchView(d: DispatchJson): DispatchView {
  const ns = d.state?.created_at ?? 0;
  return { id: d.id ?? '', metadata: d.metadata ?? '', createdAtMs: Number(BigInt(ns) / 1_000_000n) };
}

/** livekit ParticipantInfo as livekit-server's Twirp writes it: proto field names, int64 as strings, enums by name. */
interface ParticipantJson {
  identity?: string;
  kind?: string | number;
  joined_at?: string | number;
  joined_at_ms?: string | number;
  attributes?: Record<string, string>;
}

export function toParticipantView(p: ParticipantJson): ParticipantView {
  const ms = Number(p.joined_at_ms ?? 0) || Number(p.joined_at ?? 0) * 1000;
  return { identity: p.identity ?? '', isAgent: p.kind === 'AGENT' || p.kind === 4, joinedAtMs: ms, attributes: p.attributes ?? {} };
}

export function createLivekitClusterView(opts: { url: string; apiKey: string; apiSecret: string; fetch?: typeof fetch }): ClusterView {
  const base = opts.url.replace(/^ws/, 'http').replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const call = async <T>(service: string, method: string, video: Record<string, unknown>, body: unknown): Promise<T> => {
    const res = await doFetch(`${base}/twirp/livekit.${service}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(opts.apiKey, opts.apiSecret, video)}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new TwirpError(method, res.status);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    listRooms: async () => {
      const out = await call<{ rooms?: { name?: string }[] }>('RoomService', 'ListRooms', { roomList: true }, {});
      return (out.rooms ?? []).map((r) => r.name ?? '').filter(Boolean);
    },
    listParticipants: async (room) => {
      const out = await call<{ participants?: ParticipantJson[] }>('RoomService', 'ListParticipants', { room, roomAdmin: true }, { room });
      return (out.participants ?? []).map(toParticipantView);
    },
    latestDispatch: async (room, agentName) => {
      const out = await call<{ agent_dispatches?: DispatchJson[] }>(
        'AgentDispatchService',
        'ListDispatch',
        { room, roomAdmin: true },
        { room },
      );
      const mine = (out.agent_dispatches ?? []).filter((d) => d.agent_name === agentName && d.id).map(toDispatchView);
      mine.sort((a, b) => a.createdAtMs - b.createdAtMs);
      return mine.at(-1) ?? null;
    },
    deleteDispatch: async (room, dispatchId) => {
      try {
        await call('AgentDispatchService', 'DeleteDispatch', { room, roomAdmin: true }, { room, dispatch_id: dispatchId });
        return true;
      } catch (err) {
        if (err instanceof TwirpError && err.status === 404) return false;
        throw err;
      }
    },
    markSeen: async (room, identity, atMs) => {
      await call('RoomService', 'UpdateParticipant', { room, roomAdmin: true }, { room, identity, attributes: { [SEEN_ATTRIBUTE]: String(atMs) } });
    },
  };
}
