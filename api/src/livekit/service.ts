/**
 * LiveKit: candidate tokens (room and identity chosen here from opaque ids; microphone-only
 * publishing; the recruiter agent dispatched explicitly with the interview id) and webhook
 * verification.
 */
import { AccessToken, RoomAgentDispatch, RoomConfiguration, TrackSource, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import { AGENT_NAME, CANDIDATE_IDENTITY_PREFIX, type DispatchMetadata } from '@mockroom/core';

/** The token only gates the first connection; LiveKit refreshes it for the session itself. */
export const TOKEN_TTL_SECONDS = 10 * 60;

export function roomName(interviewId: string): string {
  return `iv_${interviewId}`;
}
export function candidateIdentity(userId: string): string {
  return `${CANDIDATE_IDENTITY_PREFIX}${userId}`;
}

export interface LivekitService {
  serverUrl: string;
  createCandidateToken(input: { interviewId: string; userId: string }): Promise<string>;
  /** Verifies the signature over the raw body; throws on a forged or tampered request. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent>;
}

export function createLivekitService(config: { url: string; apiKey: string; apiSecret: string }): LivekitService {
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  return {
    serverUrl: config.url,
    async createCandidateToken({ interviewId, userId }) {
      const room = roomName(interviewId);
      const at = new AccessToken(config.apiKey, config.apiSecret, { identity: candidateIdentity(userId), ttl: TOKEN_TTL_SECONDS });
      at.addGrant({
        room,
        roomJoin: true,
        canPublish: true,
        canPublishSources: [TrackSource.MICROPHONE],
        // Typed answers travel as text streams (data channel).
        canPublishData: true,
        canSubscribe: true,
        canUpdateOwnMetadata: false,
      });
      const metadata: DispatchMetadata = { interviewId };
      at.roomConfig = new RoomConfiguration({
        agents: [new RoomAgentDispatch({ agentName: AGENT_NAME, metadata: JSON.stringify(metadata) })],
      });
      return at.toJwt();
    },
    async receiveWebhook(rawBody, authorization) {
      if (!authorization) throw new Error('missing authorization');
      return receiver.receive(rawBody, authorization);
    },
  };
}
