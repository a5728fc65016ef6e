/**
 * One-click unsubscribe tokens for streak reminders (RFC 8058): `<userId>.<HMAC-SHA256>` with a key
 * derived from the server secret (AUTH_SECRET) for this purpose only. Per user, no expiry (a link in
 * an old email must still work), nothing stored: the only thing a token can do is turn reminders off.
 * A server without AUTH_SECRET draws a random secret per process, so links die on restart; set it in
 * production (docs/habits.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'mockroom/streak-reminder-unsubscribe/v1';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: Uint8Array, userId: string): Buffer {
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  return createHmac('sha256', key).update(userId).digest();
}

export function createUnsubscribeToken(secret: Uint8Array, userId: string): string {
  return `${userId}.${mac(secret, userId).toString('base64url')}`;
}

/** The user the token was made for, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(secret: Uint8Array, token: string): string | null {
  if (token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const userId = token.slice(0, dot).toLowerCase();
  if (!UUID_RE.test(userId)) return null;
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
