/** Accounts: sign up/in/out, email verification, password reset and change. */
import { createRoute, z } from '@hono/zod-openapi';
import { SHA256 } from '@oslojs/crypto/sha2';
import { hmac } from '@oslojs/crypto/hmac';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { and, eq, sql } from 'drizzle-orm';
import type { User } from '@mockroom/core/api-shapes';
import { DisplayName } from '@mockroom/core/input-rules';
import { rowsOf } from '@mockroom/db/client';
import { oneTimeTokens, users } from '@mockroom/db/schema';
import { clientIp } from '../auth/client-ip.js';
import { clearSessionCookie, requireUser, setSessionCookie } from '../auth/guard.js';
import { checkPassword, hashPassword, MAX_PASSWORD_CHARS, verifyDummyPassword, verifyPassword } from '../auth/password.js';
import { hit, LIMITS, peek, retryAfterSeconds, type Limit } from '../auth/rate-limit.js';
import { createSession, hashSecret, invalidateSession, invalidateUserSessions, randomToken, writeUser } from '../auth/session.js';
import type { AppEnv, Services } from '../lib/context.js';
import { ApiError, pgCode, RateLimitedError } from '../lib/errors.js';
import { recordEvent } from '../lib/events.js';
import { createRouter, EmailField, errorResponses, json, jsonBody, toUserBody, UserSchema } from '../lib/openapi.js';
import { recordSignupCredits } from '../billing/referrals.js';

export const VERIFICATION_CODE_TTL_MS = 10 * 60_000;
export const RESET_TOKEN_TTL_MS = 20 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const DEVICE_COOKIE = 'mr_device';

const PasswordField = z.string().min(1).max(MAX_PASSWORD_CHARS * 4);
const UserBody = z.object({ user: UserSchema });

const PASSWORD_MESSAGES = {
  too_short: 'use at least 8 characters',
  too_long: `use at most ${MAX_PASSWORD_CHARS} characters`,
  too_common: 'this password is too common; choose another',
} as const;

export function requireGoodPassword(password: string, context: { email?: string; displayName?: string }) {
  const problem = checkPassword(password, context);
  if (problem) throw new ApiError(400, `password_${problem}`, PASSWORD_MESSAGES[problem]);
}

async function limitOrThrow(s: Services, limit: Limit, key: string) {
  const n = await hit(s.db, limit, key, s.now());
  if (n > limit.max) throw new RateLimitedError(retryAfterSeconds(limit, s.now()));
}

function codeHash(userId: string, code: string): string {
  return hashSecret(`${userId}:${code}`);
}

function randomDigits(n: number): string {
  const bytes = new Uint32Array(n);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => String(b % 10)).join('');
}

/** Device cookie (OWASP "device cookies"): lets a browser that once signed in keep trying when the account is under attack. */
function deviceTag(secret: Uint8Array, userId: string): string {
  return encodeHexLowerCase(hmac(SHA256, secret, new TextEncoder().encode(`device:${userId}`)));
}

function hasDeviceCookie(c: Context<AppEnv>, userId: string): boolean {
  const value = getCookie(c, DEVICE_COOKIE);
  if (!value || !/^[0-9a-f]{64}$/.test(value)) return false;
  return constantTimeEqual(decodeHex(value), decodeHex(deviceTag(c.var.services.authSecret, userId)));
}

export async function sendVerificationCode(s: Services, user: { id: string; email: string }): Promise<void> {
  const code = randomDigits(8);
  await s.db.asUser(user.id, async (tx) => {
    await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.userId, user.id), eq(oneTimeTokens.kind, 'email_verification')));
    await tx.insert(oneTimeTokens).values({
      userId: user.id,
      kind: 'email_verification',
      tokenHash: codeHash(user.id, code),
      expiresAt: new Date(s.now().getTime() + VERIFICATION_CODE_TTL_MS),
    });
  });
  await s.mailer.send({
    to: user.email,
    userId: user.id,
    subject: 'Your Mockroom verification code',
    text: `Your verification code is ${code}. It expires in 10 minutes.\n\nOr open ${new URL('/#/verify-email?code=' + code, s.env.APP_BASE_URL).toString()}`,
  });
}

/**
 * The one way a password is written. Reset links are bound to the password they were issued under:
 * every outstanding one is deleted in the same transaction, so a link mailed before a change (perhaps
 * to an attacker who had the mailbox for a while) is dead after it.
 */
async function storePassword(s: Services, userId: string, passwordHash: string, extra: { emailVerified?: true } = {}): Promise<void> {
  await writeUser(s, userId, async (tx) => {
    await tx.update(users).set({ passwordHash, ...extra }).where(eq(users.id, userId));
    await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.kind, 'password_reset')));
  });
}

/** Tells an account's owner that someone tried to sign up with their address (at most a few an hour). */
async function sendSignupNotice(s: Services, email: string): Promise<void> {
  const found = await s.db.asAnonymous(async (tx) => rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from auth_find_user(${email})`)));
  const userId = found[0]?.user_id;
  if (!userId) return;
  if ((await hit(s.db, LIMITS.signupNoticesPerAccount, userId, s.now())) > LIMITS.signupNoticesPerAccount.max) return;
  const signIn = new URL('/#/signin', s.env.APP_BASE_URL).toString();
  const reset = new URL('/#/forgot-password', s.env.APP_BASE_URL).toString();
  await s.mailer.send({
    to: email,
    userId,
    subject: 'You already have a Mockroom account',
    text: `Someone tried to create a Mockroom account with this address, which already has one. If it was you, sign in at ${signIn} or reset your password at ${reset}. If not, you can ignore this email.`,
  });
}

async function loadUser(s: Services, userId: string): Promise<User> {
  const [u] = await s.db.asUser(userId, (tx) => tx.select().from(users).where(eq(users.id, userId)));
  if (!u) throw new ApiError(401, 'unauthorized', 'sign in first');
  return toUserBody(u);
}

export function createAuthRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/signup',
        request: {
          body: jsonBody(
            z.object({
              email: EmailField,
              displayName: DisplayName,
              password: PasswordField,
              /** The sign-up form's "I am at least 16" box (lib/privacy-info.ts MINIMUM_AGE); false is refused. */
              ageConfirmed: z.boolean().refine((v) => v, { message: 'Mockroom is for people aged 16 or over' }).optional(),
              /** The referral code from a #/signup?ref=CODE link (api/src/billing/referrals.ts). */
              ref: z.string().max(32).optional(),
              /** The web client's random device id: only its keyed hash is stored, for the referral limits. */
              deviceId: z.string().max(128).optional(),
            }),
          ),
        },
        responses: { 201: json(UserBody, 'account created, session cookie set (a taken address gets the same answer and its owner an email)'), ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        await limitOrThrow(s, LIMITS.authPerIp, clientIp(c, s.env.TRUSTED_PROXY_HOPS));
        const body = c.req.valid('json');
        requireGoodPassword(body.password, body);
        const passwordHash = await hashPassword(body.password);
        const id = crypto.randomUUID();
        try {
          await s.db.asUser(id, (tx) => tx.insert(users).values({ id, email: body.email, displayName: body.displayName, passwordHash, ageConfirmedAt: body.ageConfirmed ? s.now() : null }));
        } catch (error) {
          if (pgCode(error) !== '23505') throw error;
          // A taken address answers as a new one would (sign-up is no way to learn who has an
          // account); its owner hears about it by email instead. No session: the caller is not them.
          s.background(() => sendSignupNotice(s, body.email));
          return c.json({ user: { id, email: body.email, displayName: body.displayName, emailVerified: false, emailPreferences: {} } }, 201);
        }
        const { token, session } = await createSession(s, id, s.now());
        setSessionCookie(c, token, session.expiresAt);
        const user = await loadUser(s, id);
        s.background(() => sendVerificationCode(s, user));
        s.logger.info({ userId: id }, 'account created');
        await recordSignupCredits(s, { userId: id, ref: body.ref, deviceId: body.deviceId, ip: clientIp(c, s.env.TRUSTED_PROXY_HOPS) });
        await recordEvent(s, 'account_created');
        return c.json({ user }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/signin',
        request: { body: jsonBody(z.object({ email: EmailField, password: PasswordField })) },
        responses: { 200: json(UserBody, 'signed in, new session cookie set'), ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        const ip = clientIp(c, s.env.TRUSTED_PROXY_HOPS);
        await limitOrThrow(s, LIMITS.authPerIp, ip);
        const { email, password } = c.req.valid('json');
        const found = await s.db.asAnonymous(async (tx) =>
          rowsOf<{ user_id: string; password_hash: string }>(await tx.execute(sql`select user_id, password_hash from auth_find_user(${email})`)),
        );
        const account = found[0];
        const accountKey = account?.user_id ?? `unknown:${email}`;
        const trusted = account ? hasDeviceCookie(c, account.user_id) : false;
        const failureLimit = trusted ? LIMITS.signinFailuresPerDevice : LIMITS.signinFailuresPerAccount;
        const failureKey = trusted ? `${accountKey}:${getCookie(c, DEVICE_COOKIE)}` : accountKey;
        if ((await peek(s.db, failureLimit, failureKey, s.now())) >= failureLimit.max) {
          throw new RateLimitedError(retryAfterSeconds(failureLimit, s.now()));
        }
        const ok = account ? await verifyPassword(account.password_hash, password) : await verifyDummyPassword(password);
        if (!ok || !account) {
          await hit(s.db, failureLimit, failureKey, s.now());
          throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
        }
        // A fresh session every time: a token planted before sign-in is never promoted (no fixation).
        const previous = c.get('session');
        if (previous) await invalidateSession(s, previous);
        const { token, session } = await createSession(s, account.user_id, s.now());
        setSessionCookie(c, token, session.expiresAt);
        setCookie(c, DEVICE_COOKIE, deviceTag(s.authSecret, account.user_id), {
          httpOnly: true,
          sameSite: 'Lax',
          secure: s.env.APP_BASE_URL.startsWith('https://'),
          path: '/api/auth',
          maxAge: 365 * 24 * 3600,
        });
        return c.json({ user: await loadUser(s, account.user_id) }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'post', path: '/signout', responses: { 204: { description: 'signed out' }, ...errorResponses } }),
      async (c) => {
        const session = c.get('session');
        if (session) await invalidateSession(c.var.services, session);
        clearSessionCookie(c);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({ method: 'post', path: '/signout-all', responses: { 204: { description: 'every session ended' }, ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        await invalidateUserSessions(c.var.services, user.id);
        clearSessionCookie(c);
        return c.body(null, 204);
      },
    )
    .openapi(createRoute({ method: 'get', path: '/me', responses: { 200: json(UserBody), ...errorResponses } }), async (c) => {
      const { user } = requireUser(c);
      return c.json({ user: toUserBody(user) }, 200);
    })
    .openapi(
      createRoute({ method: 'post', path: '/verify-email/request', responses: { 202: { description: 'code sent' }, ...errorResponses } }),
      async (c) => {
        const s = c.var.services;
        const { user } = requireUser(c);
        await limitOrThrow(s, LIMITS.verificationEmailsPerAccount, user.id);
        if (!user.emailVerified) await sendVerificationCode(s, user);
        return c.body(null, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/verify-email',
        request: { body: jsonBody(z.object({ code: z.string().trim().regex(/^\d{8}$/) })) },
        responses: { 200: json(UserBody), ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        const { user } = requireUser(c);
        const { code } = c.req.valid('json');
        const ok = await writeUser(s, user.id, async (tx) => {
          const [row] = await tx
            .select()
            .from(oneTimeTokens)
            .where(and(eq(oneTimeTokens.userId, user.id), eq(oneTimeTokens.kind, 'email_verification')));
          if (!row) return false;
          if (row.expiresAt.getTime() <= s.now().getTime() || row.attempts >= MAX_CODE_ATTEMPTS) {
            await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.id, row.id));
            return false;
          }
          if (!constantTimeEqual(decodeHex(codeHash(user.id, code)), decodeHex(row.tokenHash))) {
            await tx.update(oneTimeTokens).set({ attempts: row.attempts + 1 }).where(eq(oneTimeTokens.id, row.id));
            return false;
          }
          await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.id, row.id));
          await tx.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
          return true;
        });
        if (!ok) throw new ApiError(400, 'invalid_code', 'the code is wrong or has expired');
        return c.json({ user: await loadUser(s, user.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/password-reset/request',
        request: { body: jsonBody(z.object({ email: EmailField })) },
        responses: { 202: { description: 'accepted (the same whether or not the email exists)' }, ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        await limitOrThrow(s, LIMITS.authPerIp, clientIp(c, s.env.TRUSTED_PROXY_HOPS));
        const { email } = c.req.valid('json');
        // Counted per address whether or not an account has it, before anything is looked up: the
        // answer (202, or 429 once the address has had its share) says nothing about the account,
        // and a request that sends no mail is told so.
        await limitOrThrow(s, LIMITS.resetRequestsPerAddress, email);
        // All the work happens after the answer, so its timing says nothing about the account.
        s.background(async () => {
          const found = await s.db.asAnonymous(async (tx) =>
            rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from auth_find_user(${email})`)),
          );
          const userId = found[0]?.user_id;
          if (!userId) return;
          const token = randomToken(20);
          await s.db.asUser(userId, async (tx) => {
            await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.kind, 'password_reset')));
            await tx.insert(oneTimeTokens).values({
              userId,
              kind: 'password_reset',
              tokenHash: hashSecret(token),
              expiresAt: new Date(s.now().getTime() + RESET_TOKEN_TTL_MS),
            });
          });
          // The token travels in the fragment, which browsers never send to a server or in a Referer.
          const link = new URL(`/#/reset-password?token=${token}`, s.env.APP_BASE_URL).toString();
          await s.mailer.send({
            to: email,
            userId,
            subject: 'Reset your Mockroom password',
            text: `Someone asked to reset your Mockroom password. If it was you, open ${link} within 20 minutes. If not, ignore this email.`,
          });
        });
        return c.body(null, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/password-reset',
        request: {
          body: jsonBody(z.object({ token: z.string().trim().min(1).max(200), password: PasswordField })),
        },
        responses: { 204: { description: 'password changed; every session ended' }, ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        await limitOrThrow(s, LIMITS.authPerIp, clientIp(c, s.env.TRUSTED_PROXY_HOPS));
        const { token, password } = c.req.valid('json');
        requireGoodPassword(password, {});
        const passwordHash = await hashPassword(password);
        const rows = await s.db.asAnonymous(async (tx) =>
          rowsOf<{ user_id: string | null }>(
            await tx.execute(sql`select auth_consume_token('password_reset', ${hashSecret(token)}) as user_id`),
          ),
        );
        const userId = rows[0]?.user_id;
        if (!userId) throw new ApiError(400, 'invalid_token', 'this link is invalid or has expired');
        await storePassword(s, userId, passwordHash, { emailVerified: true });
        await invalidateUserSessions(s, userId);
        clearSessionCookie(c);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/password',
        request: { body: jsonBody(z.object({ currentPassword: PasswordField, newPassword: PasswordField })) },
        responses: { 204: { description: 'password changed; other sessions ended' }, ...errorResponses },
      }),
      async (c) => {
        const s = c.var.services;
        const { user, session } = requireUser(c);
        const { currentPassword, newPassword } = c.req.valid('json');
        await requireCurrentPassword(s, user.id, currentPassword);
        requireGoodPassword(newPassword, user);
        const passwordHash = await hashPassword(newPassword);
        await storePassword(s, user.id, passwordHash);
        await invalidateUserSessions(s, user.id, session.id);
        return c.body(null, 204);
      },
    );
}

/** Re-authentication for sensitive actions; failures count against the account like sign-ins. */
export async function requireCurrentPassword(s: Services, userId: string, password: string): Promise<void> {
  const limit = LIMITS.signinFailuresPerAccount;
  if ((await peek(s.db, limit, userId, s.now())) >= limit.max) throw new RateLimitedError(retryAfterSeconds(limit, s.now()));
  const [row] = await s.db.asUser(userId, (tx) => tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)));
  if (!row || !(await verifyPassword(row.passwordHash, password))) {
    await hit(s.db, limit, userId, s.now());
    throw new ApiError(403, 'wrong_password', 'the current password is wrong');
  }
}
