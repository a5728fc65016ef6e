/**
 * The free tryout without an account (api/src/tryout/service.ts, docs/tryout.md):
 * POST /api/tryout starts it (guest account, session cookie, a 5-minute interview), GET /api/tryout
 * says whether the session is a tryout and which interview it holds, POST /api/tryout/claim turns
 * the guest into a full account.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { DisplayName, INPUT_LIMITS } from '@mockroom/core/input-rules';
import { users } from '@mockroom/db/schema';
import { clientIp } from '../auth/client-ip.js';
import { requireUser, setSessionCookie } from '../auth/guard.js';
import { hashPassword, MAX_PASSWORD_CHARS } from '../auth/password.js';
import { hit, LIMITS, retryAfterSeconds } from '../auth/rate-limit.js';
import { ApiError, ConflictError, RateLimitedError } from '../lib/errors.js';
import { createRouter, EmailField, errorResponses, json, jsonBody, toUserBody, UserSchema } from '../lib/openapi.js';
import { requireGoodPassword, sendVerificationCode } from './auth.js';
import { claimTryout, getGuestInterviewId, startTryout, TRYOUT_TIME_BOX_SECONDS, TryoutBusyError } from '../tryout/service.js';

/** A SHA-256 digest the browser computed (web/src/tryout/fingerprint.ts): the server never sees what went in. */
const ClientDigest = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Expected a SHA-256 hex digest.' });

const TryoutState = z
  .object({
    /** True while the signed-in account is a tryout guest. */
    guest: z.boolean(),
    /** The tryout's interview, for a guest; null otherwise. */
    interviewId: z.uuid().nullable(),
    timeBoxSeconds: z.number().int(),
  })
  .openapi('TryoutState');

export function createTryoutRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        description:
          'Starts the free tryout: one 5-minute interview per device without an account. Only keyed hashes of the two digests and of the network prefix are stored.',
        request: {
          body: jsonBody(
            z.object({
              /** SHA-256 of a random id the browser keeps in localStorage. */
              deviceId: ClientDigest,
              /** SHA-256 of the browser's stable features (user agent, languages, screen, time zone, platform). */
              fingerprint: ClientDigest,
              /** The job the candidate practises for, in their own words. */
              role: z.string().trim().min(1, { error: 'Say which job you are practising for.' }).max(INPUT_LIMITS.role).default('General interview'),
            }),
          ),
        },
        responses: {
          201: json(z.object({ interviewId: z.uuid(), timeBoxSeconds: z.number().int() }), 'tryout started, guest session cookie set'),
          ...errorResponses,
          409: errorResponses[400],
          503: errorResponses[400],
        },
      }),
      async (c) => {
        const s = c.var.services;
        const current = c.get('user');
        if (current && !current.guest) throw new ConflictError('signed_in', 'You already have an account: start an interview from your dashboard.');
        const body = c.req.valid('json');
        try {
          const started = await startTryout(s, { ...body, ip: clientIp(c, s.env.TRUSTED_PROXY_HOPS) });
          setSessionCookie(c, started.token, started.session.expiresAt);
          return c.json({ interviewId: started.interviewId, timeBoxSeconds: TRYOUT_TIME_BOX_SECONDS }, 201);
        } catch (error) {
          if (error instanceof TryoutBusyError) c.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        }
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/', responses: { 200: json(TryoutState), ...errorResponses } }),
      async (c) => {
        const user = c.get('user');
        const interviewId = user?.guest ? await getGuestInterviewId(c.var.services, user.id) : null;
        return c.json({ guest: user?.guest === true, interviewId, timeBoxSeconds: TRYOUT_TIME_BOX_SECONDS }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/claim',
        description: 'Turns the signed-in tryout guest into a full account (the tryout interview, transcript and report stay with it); a new session cookie is set.',
        request: {
          body: jsonBody(
            z.object({
              email: EmailField,
              displayName: DisplayName,
              password: z.string().min(1).max(MAX_PASSWORD_CHARS * 4),
              /** As at sign-up: Mockroom is for people aged 16 or over (lib/privacy-info.ts). */
              ageConfirmed: z.boolean().refine((v) => v, { message: 'Mockroom is for people aged 16 or over' }),
            }),
          ),
        },
        responses: { 200: json(z.object({ user: UserSchema }), 'claimed'), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const s = c.var.services;
        const { user } = requireUser(c);
        if (!user.guest) throw new ConflictError('not_a_guest', 'This account is not a tryout: there is nothing to claim.');
        // Counted like sign-up (the same bucket per client address).
        const limit = LIMITS.authPerIp;
        if ((await hit(s.db, limit, clientIp(c, s.env.TRUSTED_PROXY_HOPS), s.now())) > limit.max) throw new RateLimitedError(retryAfterSeconds(limit, s.now()));
        const body = c.req.valid('json');
        requireGoodPassword(body.password, body);
        const passwordHash = await hashPassword(body.password);
        const { token, session } = await claimTryout(s, user.id, { email: body.email, displayName: body.displayName, passwordHash });
        setSessionCookie(c, token, session.expiresAt);
        const [row] = await s.db.asUser(user.id, (tx) => tx.select().from(users).where(eq(users.id, user.id)));
        if (!row) throw new ApiError(500, 'internal', 'something went wrong');
        const claimed = toUserBody(row);
        s.background(() => sendVerificationCode(s, claimed));
        return c.json({ user: claimed }, 200);
      },
    );
}
