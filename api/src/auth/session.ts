/**
 * Sessions, following the Lucia guide (lucia-auth.com, "Sessions"):
 * - token = `<id>.<secret>`: id and secret are random (secret: 20 bytes = 160 bits), base32;
 *   only SHA-256(secret) is stored, compared in constant time. The id alone is useless.
 * - a new session at every sign-in (no fixation: a token presented before sign-in is never reused);
 * - sliding expiry (SESSION_IDLE_MS, refreshed at most daily) inside an absolute lifetime
 *   (SESSION_ABSOLUTE_MS).
 * Cookie: `__Host-mr_session` (Secure, Path=/, no Domain) when APP_BASE_URL is https; plain
 * `mr_session` without Secure only for http dev. Always HttpOnly and SameSite=Lax.
 * CSRF stance: SameSite=Lax plus the Fetch-Metadata/Origin check in csrf.ts on every non-GET.
 */
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { MockroomDb, Tx } from '@mockroom/db/client';
import { rowsOf } from '@mockroom/db/client';
import { sessions, users } from '@mockroom/db/schema';
import { TtlCache } from '../lib/ttl-cache.js';
import { createLocalBus, type BusEvent, type ClusterBus } from '../cluster/bus.js';

export const SESSION_IDLE_MS = 14 * 24 * 3600_000;
export const SESSION_ABSOLUTE_MS = 60 * 24 * 3600_000;
/** Only write a new expiry when it moves by more than this (one write a day per session, not per request). */
const SESSION_REFRESH_MS = 24 * 3600_000;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  emailPreferences: Record<string, unknown>;
  /** Set while an account deletion waits out its grace period (lib/account-deletion.ts). */
  deletionDueAt: Date | null;
  /** A free-tryout account, allowed only its tryout (api/src/tryout/guest-gate.ts). */
  guest: boolean;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export function randomToken(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

export function hashSecret(secret: string): string {
  // Native SHA-256 (same hex as @oslojs/crypto's, several times faster on the per-request path).
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function cookieName(appBaseUrl: string): string {
  return appBaseUrl.startsWith('https://') ? '__Host-mr_session' : 'mr_session';
}

export async function createSession(s: SessionDeps, userId: string, now: Date): Promise<{ token: string; session: Session }> {
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await s.db.asUser(userId, (tx) =>
    tx.insert(sessions).values({ id, userId, secretHash: hashSecret(secret), expiresAt, createdAt: now }),
  );
  return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
}

const TOKEN_RE = /^([a-z2-7]{24})\.([a-z2-7]{32})$/;

/**
 * Validated sessions of this app instance, keyed by session id (created by the process or the
 * test harness and handed to createApp; docs/decisions/007-api-caches.md). A hit still checks
 * the secret against the stored hash and the expiry; it only saves the two transactions of a
 * lookup. Sign-out, session revocation and every write to a user's row (writeUser) publish an
 * invalidation on the cluster bus in their transaction (cluster/bus.ts); with several instances on
 * one Postgres a hit is used only after the bus has synced, so another instance's revocation is
 * refused here from the very next request (docs/decisions/021-stateless-api-instances.md). The TTL
 * only bounds what a writer that does not publish could leave behind.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
interface CachedSession {
  secretHash: Uint8Array;
  absoluteEnd: number;
  session: Session;
  user: SessionUser;
}
export class SessionCache extends TtlCache<string, CachedSession> {
  /** Where invalidations are published and heard: in process until cluster/attach.ts sets the shared one. */
  bus: ClusterBus;

  constructor(bus: ClusterBus = createLocalBus(), clock?: () => number) {
    super(SESSION_CACHE_TTL_MS, SESSION_CACHE_MAX, clock);
    this.bus = bus;
    if (!bus.shared) bus.subscribe((event) => this.apply(event));
  }

  /** Drops what an invalidation made stale. */
  apply(event: BusEvent): void {
    if (event.kind === 'user') this.deleteWhere((v) => v.session.userId === event.id);
    else if (event.kind === 'session') this.delete(event.id);
    else if (event.kind === 'all') this.clear();
  }
}

export function createSessionCache(): SessionCache {
  return new SessionCache();
}

/** What the session functions need: the database and this app's session cache (Services has both). */
export interface SessionDeps {
  db: MockroomDb;
  caches: { sessions: SessionCache };
}

function forgetUser(s: SessionDeps, userId: string): void {
  s.caches.sessions.deleteWhere((v) => v.session.userId === userId);
}

/**
 * Runs fn as the user (a write to their row: profile, verification, deletion) and publishes the
 * invalidation in the same transaction, so every instance re-reads the user on its next request;
 * drops this instance's entries again after the commit.
 */
export async function writeUser<T>(s: SessionDeps, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await s.db.asUser(userId, async (tx) => {
      const result = await fn(tx);
      await s.caches.sessions.bus.publishTx(tx, { kind: 'user', id: userId });
      return result;
    });
  } finally {
    forgetUser(s, userId);
  }
}

/** Returns the session and its user, or null for a malformed, unknown, forged or expired token. */
export async function validateSessionToken(
  s: SessionDeps,
  token: string,
  now: Date,
): Promise<{ session: Session; user: SessionUser } | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const [, id, secret] = m as unknown as [string, string, string];
  const { db } = s;
  const cache = s.caches.sessions;
  const bus = cache.bus;
  // Shared database: first apply every invalidation committed before this request (bus.ts); when
  // the bus cannot vouch for that, read the database and cache nothing.
  const trusted = bus.shared ? await bus.sync() : true;
  const epoch = bus.epoch;
  const hit = trusted ? cache.get(id) : undefined;
  if (hit) {
    if (!constantTimeEqual(createHash('sha256').update(secret, 'utf8').digest(), hit.secretHash)) return null;
    const t = now.getTime();
    const stillValid = hit.session.expiresAt.getTime() > t && hit.absoluteEnd > t;
    // Expired or due for a sliding refresh: take the full path below, which writes.
    if (stillValid && Math.min(t + SESSION_IDLE_MS, hit.absoluteEnd) - hit.session.expiresAt.getTime() <= SESSION_REFRESH_MS) {
      return { session: hit.session, user: hit.user };
    }
    cache.delete(id);
  }
  const row = await db.asAnonymous(async (tx) =>
    rowsOf<{ user_id: string; secret_hash: string; expires_at: string | Date; created_at: string | Date }>(
      await tx.execute(sql`select user_id, secret_hash, expires_at, created_at from auth_find_session(${id})`),
    ),
  );
  const found = row[0];
  if (!found) return null;
  const valid = constantTimeEqual(decodeHex(hashSecret(secret)), decodeHex(found.secret_hash));
  if (!valid) return null;
  const userId = found.user_id;
  const expiresAt = new Date(found.expires_at);
  const absoluteEnd = new Date(found.created_at).getTime() + SESSION_ABSOLUTE_MS;
  if (expiresAt.getTime() <= now.getTime() || absoluteEnd <= now.getTime()) {
    cache.delete(id);
    await db.asUser(userId, (tx) => tx.delete(sessions).where(eq(sessions.id, id)));
    return null;
  }
  const result = await db.asUser(userId, async (tx) => {
    let newExpiry = expiresAt;
    const wanted = Math.min(now.getTime() + SESSION_IDLE_MS, absoluteEnd);
    if (wanted - expiresAt.getTime() > SESSION_REFRESH_MS) {
      newExpiry = new Date(wanted);
      await tx.update(sessions).set({ expiresAt: newExpiry }).where(eq(sessions.id, id));
    }
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        emailVerified: users.emailVerified,
        emailPreferences: users.emailPreferences,
        deletionDueAt: users.deletionDueAt,
        guest: users.guest,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return null;
    return { session: { id, userId, expiresAt: newExpiry }, user: user as SessionUser };
  });
  // Not when an invalidation arrived while reading: what was read may be what it invalidated.
  if (result && trusted && bus.epoch === epoch) cache.set(id, { secretHash: decodeHex(found.secret_hash), absoluteEnd, session: result.session, user: result.user });
  return result;
}

export async function invalidateSession(s: SessionDeps, session: Session): Promise<void> {
  s.caches.sessions.delete(session.id);
  await s.db.asUser(session.userId, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, session.id));
    await s.caches.sessions.bus.publishTx(tx, { kind: 'session', id: session.id });
  });
  // Again after the commit: a lookup that read the row before the delete may have cached it.
  s.caches.sessions.delete(session.id);
}

/** Ends every session of the user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(s: SessionDeps, userId: string, keepSessionId?: string): Promise<void> {
  forgetUser(s, userId);
  await s.db.asUser(userId, async (tx) => {
    await tx
      .delete(sessions)
      .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
    // Every instance drops all of the user's cached sessions; the kept one is re-read once.
    await s.caches.sessions.bus.publishTx(tx, { kind: 'user', id: userId });
  });
  forgetUser(s, userId);
}
