import { createHmac } from 'node:crypto';
import { AccessToken, claimsToJwtPayload, RoomAgentDispatch, RoomConfiguration, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { AGENT_NAME } from '@mockroom/core';
import { toRoomName as roomName } from '@mockroom/core';
import { CANDIDATE_GRANT, candidateIdentity, candidateTokenSigner, TOKEN_TTL_SECONDS } from './service.js';

const KEY = 'devkey';
const SECRET = 'devsecret-mockroom-test-0123456789abcdef';

/** The token as the SDK's AccessToken builds it (what service.ts did before). */
async function sdkToken(interviewId: string, userId: string): Promise<string> {
  const at = new AccessToken(KEY, SECRET, { identity: candidateIdentity(userId), ttl: TOKEN_TTL_SECONDS });
  at.addGrant({ ...CANDIDATE_GRANT, canPublishSources: [...CANDIDATE_GRANT.canPublishSources], room: roomName(interviewId) });
  at.roomConfig = new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: AGENT_NAME, metadata: JSON.stringify({ interviewId }) })] });
  return at.toJwt();
}

function decode(jwt: string): { header: unknown; payload: Record<string, unknown> } {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
}

describe('candidateTokenSigner', () => {
  it('produces the claims AccessToken.toJwt() produces, verifiable with the SDK', async () => {
    const interviewId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    const now = Date.now();
    const ours = candidateTokenSigner(KEY, SECRET, () => now)(interviewId, userId);
    const theirs = await sdkToken(interviewId, userId);
    const a = decode(ours);
    const b = decode(theirs);
    expect(a.header).toEqual(b.header);
    // nbf/exp come from each one's clock: compare them apart.
    const { nbf: na, exp: ea, ...restA } = a.payload;
    const { nbf: nb, exp: eb, ...restB } = b.payload;
    expect(restA).toEqual(restB);
    expect(Math.abs((na as number) - (nb as number))).toBeLessThanOrEqual(1);
    expect((ea as number) - (na as number)).toBe(TOKEN_TTL_SECONDS);
    expect((eb as number) - (nb as number)).toBe(TOKEN_TTL_SECONDS);
    const claims = await new TokenVerifier(KEY, SECRET).verify(ours);
    expect(claims.sub).toBe(candidateIdentity(userId));
    expect(claims.video?.canPublishSources).toEqual(['microphone']);
  });

  it('is refused by a verifier with another secret', async () => {
    const jwt = candidateTokenSigner(KEY, SECRET)(crypto.randomUUID(), crypto.randomUUID());
    await expect(new TokenVerifier(KEY, `${SECRET}-other`).verify(jwt)).rejects.toThrow();
  });

  it('splices a UUID into the prebuilt claims: the same bytes as serialising them per token', () => {
    const interviewId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    const now = 1_800_000_000_123;
    const ours = candidateTokenSigner(KEY, SECRET, () => now)(interviewId, userId);
    // The per-token construction the signer used before the template.
    const roomConfig = JSON.parse(JSON.stringify(new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: AGENT_NAME, metadata: JSON.stringify({ interviewId }) })] })));
    const grants = claimsToJwtPayload({
      video: { ...CANDIDATE_GRANT, canPublishSources: [...CANDIDATE_GRANT.canPublishSources], room: roomName(interviewId) },
      roomConfig,
    });
    const sec = Math.floor(now / 1000);
    const h = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ ...grants, iss: KEY, exp: sec + TOKEN_TTL_SECONDS, nbf: sec, sub: candidateIdentity(userId) })).toString('base64url');
    const sig = createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url');
    expect(ours).toBe(`${h}.${p}.${sig}`);
  });

  it('serialises an id that would need escaping in full (general path), still verifiable', async () => {
    const odd = 'a"b\\c</x>';
    const claims = await new TokenVerifier(KEY, SECRET).verify(candidateTokenSigner(KEY, SECRET)(odd, 'u"1'));
    expect(claims.video?.room).toBe(roomName(odd));
    expect(claims.sub).toBe(candidateIdentity('u"1'));
    expect(JSON.parse(claims.roomConfig?.agents?.[0]?.metadata ?? '{}')).toEqual({ interviewId: odd });
  });
});
