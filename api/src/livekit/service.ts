/**
 * LiveKit: candidate tokens (room and identity chosen here from opaque ids; microphone-only
 * publishing; the recruiter agent dispatched explicitly with the interview id) and webhook
 * verification.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import { claimsToJwtPayload, RoomAgentDispatch, RoomConfiguration, TrackSource, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import { AGENT_NAME, CANDIDATE_IDENTITY_PREFIX, toRoomName, type DispatchMetadata } from '@mockroom/core';

/** The token only gates the first connection; LiveKit refreshes it for the session itself. */
export const TOKEN_TTL_SECONDS = 10 * 60;

export function candidateIdentity(userId: string): string {
  return `${CANDIDATE_IDENTITY_PREFIX}${userId}`;
}

export interface LivekitService {
  serverUrl: string;
  createCandidateToken(input: { interviewId: string; userId: string }): Promise<string>;
  /** Verifies the signature over the raw body; throws on a forged or tampered request. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent>;
}

/** base64url without padding, as JWS wants. */
function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

/**
 * Why and how much it saves: docs/decisions/006-hand-built-livekit-jwt.md.
 * The same HS256 JWT as AccessToken.toJwt() (same claims: the grants through the SDK's own
 * claimsToJwtPayload, iss, sub, nbf, exp), without its per-call costs: a secret KeyObject built
 * for each token and a protobuf message serialised for roomConfig. The key is built once; the
 * roomConfig JSON comes from the protobuf message once, with the metadata filled in per
 * token (service.test.ts checks the claims against the SDK's own token).
 */
export function candidateTokenSigner(apiKey: string, apiSecret: string, clock: () => number = Date.now) {
  const key = createSecretKey(Buffer.from(apiSecret, 'utf8'));
  const header = b64url(JSON.stringify({ alg: 'HS256' }));
  // The JSON the SDK's token carries for our dispatch (JSON.stringify of the message, defaults
  // included), made once; only the metadata differs per interview.
  const template = JSON.parse(JSON.stringify(new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: AGENT_NAME, metadata: '' })] }))) as {
    agents: Record<string, unknown>[];
  };
  /** Everything before exp, as an object (the general path). */
  const claimsHead = (interviewId: string) => {
    const metadata: DispatchMetadata = { interviewId };
    const roomConfig = { ...template, agents: [{ ...template.agents[0], metadata: JSON.stringify(metadata) }] };
    const grants = claimsToJwtPayload({
      video: { ...CANDIDATE_GRANT, canPublishSources: [...CANDIDATE_GRANT.canPublishSources], room: toRoomName(interviewId) },
      roomConfig: roomConfig as unknown as RoomConfiguration,
    });
    return { ...grants, iss: apiKey };
  };
  // Building and serialising those claims was most of a token's cost. Their JSON differs per
  // interview only where the id appears (room name, metadata), so it is serialised once around a
  // marker and the id spliced in: an id of letters, digits and dashes (every UUID) reads the same
  // escaped or not, at both JSON levels. Any other id takes the general path. Same bytes either
  // way (service.test.ts compares them).
  const MARK = 'zzMockroomInterviewIdzz';
  const headJson = JSON.stringify(claimsHead(MARK));
  const pieces = headJson.slice(0, -1).split(MARK);
  const PLAIN_ID = /^[A-Za-z0-9-]+$/;
  return (interviewId: string, userId: string): string => {
    const now = Math.floor(clock() / 1000);
    const tail = `,"exp":${now + TOKEN_TTL_SECONDS},"nbf":${now},"sub":${JSON.stringify(candidateIdentity(userId))}}`;
    const json = PLAIN_ID.test(interviewId)
      ? pieces.join(interviewId) + tail
      : JSON.stringify({ ...claimsHead(interviewId), exp: now + TOKEN_TTL_SECONDS, nbf: now, sub: candidateIdentity(userId) });
    const payload = b64url(json);
    const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  };
}

/** What a candidate may do in the room: microphone only; typed answers travel as text streams (data channel). */
export const CANDIDATE_GRANT = {
  roomJoin: true,
  canPublish: true,
  canPublishSources: [TrackSource.MICROPHONE],
  canPublishData: true,
  canSubscribe: true,
  canUpdateOwnMetadata: false,
} as const;

export function createLivekitService(config: { url: string; apiKey: string; apiSecret: string }): LivekitService {
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  const sign = candidateTokenSigner(config.apiKey, config.apiSecret);
  return {
    serverUrl: config.url,
    async createCandidateToken({ interviewId, userId }) {
      return sign(interviewId, userId);
    },
    async receiveWebhook(rawBody, authorization) {
      if (!authorization) throw new Error('missing authorization');
      return receiver.receive(rawBody, authorization);
    },
  };
}
