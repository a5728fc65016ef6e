/**
 * Composition root: createApp(deps) wires middleware (security headers, body limits, CSRF,
 * session) and mounts one sub-app per resource. Nothing here reads process.env or opens
 * connections; index.ts does that. Tests call createApp with an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MockroomDb } from '@mockroom/db/client';
import { csrfProtection } from './auth/csrf.js';
import { loadSession } from './auth/guard.js';
import type { Env } from './env.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import { SCORE_JOB, scoreInterviewJob } from './jobs/score-interview.js';
import { createAnalysisService, type AnalysisService } from './lib/analysis/index.js';
import type { ApiCaches, Services } from './lib/context.js';
import { ApiError, errorBody, isDataException, RateLimitedError, tooLargeBody } from './lib/errors.js';
import { createLogger, redactUrl, type Logger } from './lib/logger.js';
import { createOutboxMailer, createResendMailer, type Mailer } from './lib/mailer.js';
import { createRouter } from './lib/openapi.js';
import { createLivekitService, type LivekitService } from './livekit/service.js';
import { createAgentRoutes } from './routes/agent.js';
import { createApplicationRoutes } from './routes/applications.js';
import { createAuthRoutes } from './routes/auth.js';
import { createCvRoutes, MAX_CV_BYTES } from './routes/cv.js';
import { createDevRoutes } from './routes/dev.js';
import { createInterviewRoutes } from './routes/interviews.js';
import { createInterviewPlanRoutes } from './routes/interview-plan.js';
import { createLivekitWebhookRoutes } from './routes/livekit-webhook.js';
import { createMeRoutes } from './routes/me.js';
import { createReviewCohortRoutes } from './routes/review-cohorts.js';
import { createReviewShareRoutes } from './routes/review-shares.js';
import { createReviewRoutes } from './routes/reviews.js';
import { createStackRoutes } from './routes/stacks.js';
import { createHabitsRoutes, createLeaderboardRoutes, createPractiseAgainRoutes, createProgressRoutes, createReminderRoutes } from './routes/habits.js';
import { HABITS_AWARD_JOB, habitsAwardJob } from './habits/award.js';
import { HABITS_REMINDERS_JOB, habitsRemindersJob } from './habits/reminders.js';
import { createCreditRoutes } from './routes/credits.js';
import { createPaymentRoutes } from './routes/payments.js';
import { createReferralRoutes } from './routes/referrals.js';
import { createDossierRoutes, createOperatorRoutes, createPrivacyRoutes } from './routes/privacy.js';
import { PURGE_ACCOUNT_JOB, pendingDeletionGate, purgeAccountJob } from './lib/account-deletion.js';
import { EVENTS_RETENTION_JOB, sweepOldEvents } from './lib/events.js';
import { createTryoutRoutes } from './routes/tryout.js';
import { guestGate } from './tryout/guest-gate.js';
import { TRYOUT_RETENTION_JOB, tryoutRetentionJob } from './tryout/retention.js';

export interface AppDeps {
  db: MockroomDb;
  env: Env;
  /** This instance's in-process caches (createApiCaches()); one set per app. */
  caches: ApiCaches;
  livekit?: LivekitService;
  mailer?: Mailer;
  clock?: () => Date;
  logger?: Logger;
  analysis?: AnalysisService;
  authSecret?: Uint8Array;
  /** The tryout hashes' key (api/src/tryout/secret.ts); random per app when unset, null: the tryout is off. */
  tryoutSecret?: Uint8Array | null;
}

const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
const AGENT_BODY_LIMIT_BYTES = 256 * 1024;
const SLOW_REQUEST_MS = 500;

function buildRoutes(env: Env, base = createRouter()) {
  return base
    .route('/api/auth', createAuthRoutes())
    .route('/api/me', createMeRoutes())
    .route('/api/cv', createCvRoutes())
    .route('/api/applications', createApplicationRoutes())
    .route('/api/interviews', createInterviewRoutes())
    .route('/api/shares', createReviewShareRoutes())
    .route('/api/reviews', createReviewRoutes())
    .route('/api/cohorts', createReviewCohortRoutes())
    .route('/api/stacks', createStackRoutes())
    .route('/api/interviews', createDossierRoutes())
    .route('/api/privacy', createPrivacyRoutes())
    .route('/api/operator', createOperatorRoutes())
    .route('/api/interviews', createInterviewPlanRoutes())
    .route('/api/agent', createAgentRoutes(env.AGENT_API_TOKEN))
    .route('/api/livekit', createLivekitWebhookRoutes())
    .route('/api/habits', createHabitsRoutes())
    .route('/api/leaderboard', createLeaderboardRoutes())
    .route('/api/progress', createProgressRoutes())
    .route('/api/interviews', createPractiseAgainRoutes())
    .route('/api/credits', createCreditRoutes())
    .route('/api/payments', createPaymentRoutes())
    .route('/api/referrals', createReferralRoutes())
    .route('/api/tryout', createTryoutRoutes())
    .get('/api/health', (c) => c.json({ ok: true as const }));
}

export type AppType = ReturnType<typeof buildRoutes>;

export function createApp(deps: AppDeps) {
  const { db, env } = deps;
  const logger = deps.logger ?? createLogger({ level: env.NODE_ENV === 'test' ? 'silent' : 'info' });
  const pending = new Set<Promise<void>>();
  let runner: JobRunner | null = null;
  const services: Services = {
    db,
    env,
    logger,
    mailer: deps.mailer ?? (env.RESEND_API_KEY ? createResendMailer({ apiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM }, logger) : createOutboxMailer(db, logger)),
    livekit: deps.livekit ?? createLivekitService({ url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }),
    analysis:
      deps.analysis ??
      createAnalysisService({
        ...(env.LLM_BASE_URL ? { llmBaseUrl: env.LLM_BASE_URL } : {}),
        ...(env.OPENAI_API_KEY ? { llmApiKey: env.OPENAI_API_KEY } : {}),
        ...(env.LLM_MODEL ? { llmModel: env.LLM_MODEL } : {}),
      }),
    caches: deps.caches,
    now: deps.clock ?? (() => new Date()),
    authSecret: deps.authSecret ?? new Uint8Array(randomBytes(32)),
    tryoutSecret: deps.tryoutSecret === undefined ? new Uint8Array(randomBytes(32)) : deps.tryoutSecret,
    kickJobs: () => runner?.kick(),
    background(work) {
      const p = work()
        .catch((error) => logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'background work failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
  runner = createJobRunner(() => services, {
    [SCORE_JOB]: scoreInterviewJob,
    [PURGE_ACCOUNT_JOB]: purgeAccountJob,
    [EVENTS_RETENTION_JOB]: async (_job, s) => void (await sweepOldEvents(s)),
    [HABITS_AWARD_JOB]: habitsAwardJob,
    [HABITS_REMINDERS_JOB]: habitsRemindersJob,
    [TRYOUT_RETENTION_JOB]: tryoutRetentionJob,
  });

  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('services', services);
    const started = performance.now();
    await next();
    // A JSON line per request costs more than the token route itself at thousands of requests a
    // second: successes log at debug; failures and slow requests stay at info.
    const ms = Math.round(performance.now() - started);
    const status = c.res.status;
    const level = status >= 400 || ms >= SLOW_REQUEST_MS ? 'info' : 'debug';
    if (c.req.path !== '/api/health' && logger.isLevelEnabled(level)) {
      logger[level]({ method: c.req.method, path: redactUrl(c.req.path), status, ms }, 'request');
    }
  });
  const livekitOrigin = (() => {
    try {
      const u = new URL(env.LIVEKIT_URL);
      return `${u.protocol}//${u.host}`;
    } catch {
      return '';
    }
  })();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...(livekitOrigin ? [livekitOrigin, livekitOrigin.replace(/^ws/, 'http')] : [])],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: env.NODE_ENV === 'production' ? 'max-age=63072000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
    }),
  );
  const tooLarge = (c2: Context) => c2.json(tooLargeBody(c2.req.path), 413);
  const limiters = new Map(
    [MAX_CV_BYTES + 64 * 1024, AGENT_BODY_LIMIT_BYTES, DEFAULT_BODY_LIMIT_BYTES].map((maxSize) => [maxSize, bodyLimit({ maxSize, onError: tooLarge })]),
  );
  app.use('/api/*', async (c, next) => {
    const limit = c.req.path === '/api/cv' ? MAX_CV_BYTES + 64 * 1024 : c.req.path.startsWith('/api/agent/') ? AGENT_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES;
    // docs/decisions/008-body-limit-from-headers.md.
    // Decided from the headers where they suffice, as Hono's bodyLimit does once it has looked at
    // the body: touching c.req.raw.body makes @hono/node-server build a full Request (stream,
    // AbortController) even for a request that has no body, which costs more than a token.
    // Node's HTTP/1.x parser: a request with neither Content-Length nor Transfer-Encoding has no
    // body. Anything else (chunked, HTTP/2, in-process requests in tests) goes through bodyLimit.
    const http1 = (c.env as { incoming?: { httpVersionMajor?: number } } | undefined)?.incoming?.httpVersionMajor === 1;
    if (http1 && c.req.header('transfer-encoding') === undefined) {
      const length = c.req.header('content-length');
      if (length === undefined) return next();
      return parseInt(length, 10) > limit ? tooLarge(c) : next();
    }
    return limiters.get(limit)!(c, next);
  });
  app.use('/api/*', csrfProtection(env.APP_BASE_URL));
  app.use('/api/*', loadSession());
  app.use('/api/*', pendingDeletionGate());
  app.use('/api/*', guestGate());

  const routes = createRouter();
  buildRoutes(env, routes);
  app.route('/', routes);
  // Only on the explicit flag (`pnpm dev`): the outbox shows everyone's mail, reset links included.
  // HTML pages opened from a reminder email, outside the JSON API document (routes/habits.ts).
  app.route('/api/reminders', createReminderRoutes());
  if (env.DEV_OUTBOX && env.NODE_ENV !== 'production') app.route('/api/dev', createDevRoutes());

  routes.openAPIRegistry.registerComponent('securitySchemes', 'agentToken', { type: 'http', scheme: 'bearer' });
  app.get('/api/openapi.json', (c) =>
    c.json(
      routes.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Mockroom API',
          version: '1.0.0',
          description:
            'Generated from the route definitions (api/src/routes). Errors answer { error: { code, message } }. Candidate routes use the session cookie; every non-GET needs Origin or Sec-Fetch-Site: same-origin (CSRF). Agent routes take the AGENT_API_TOKEN as a bearer token.',
        },
      }),
    ),
  );

  app.notFound((c) => {
    return c.json(errorBody('not_found', 'no such route'), 404);
  });
  app.onError((error, c) => {
    if (error instanceof RateLimitedError) {
      c.header('retry-after', String(error.retryAfterSeconds));
    }
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status);
    if (error instanceof HTTPException) return c.json(errorBody('http_error', error.status === 413 ? 'request body too large' : 'bad request'), error.status);
    if (isDataException(error)) return c.json(errorBody('invalid_input', 'a value cannot be stored (out of range or not text)'), 400);
    logger.error({ err: error.name, path: redactUrl(c.req.path) }, 'unhandled error');
    return c.json(errorBody('internal', 'something went wrong'), 500);
  });

  // The built web app, when present: static files plus the SPA fallback for non-API GETs.
  if (existsSync(path.join(env.WEB_DIST_DIR, 'index.html'))) {
    const root = path.relative(process.cwd(), env.WEB_DIST_DIR) || '.';
    app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root })(c, next)));
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next();
      return c.html(await readFile(path.join(env.WEB_DIST_DIR, 'index.html'), 'utf8'));
    });
  }

  return Object.assign(app, { services, jobs: runner });
}
