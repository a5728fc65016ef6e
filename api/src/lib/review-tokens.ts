/**
 * Invitation links of the review workspace: a random token in the URL, only its SHA-256 stored
 * (as with password-reset tokens), and the random pseudonym a shared interview is shown under.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Links a candidate or lead sends stay valid this long unless revoked first. */
export const REVIEW_INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The web app's invitation page; the token rides in the hash, which browsers never send to servers. */
export function inviteUrl(appBaseUrl: string, token: string): string {
  return new URL(`/#/review/invite/${token}`, appBaseUrl).toString();
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** "Candidate KX-47": tells reviewers apart without naming anyone. */
export function newPseudonym(): string {
  const letter = () => LETTERS[randomInt(LETTERS.length)]!;
  return `Candidate ${letter()}${letter()}-${randomInt(10, 100)}`;
}
