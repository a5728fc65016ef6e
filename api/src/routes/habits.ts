/**
 * Practice habits (issue 19; rules in docs/habits.md): streak and achievements (GET /api/habits),
 * habit settings (GET/PUT /api/habits/settings), the weekly leaderboard (GET /api/leaderboard),
 * one-click reminder unsubscribe without sign-in (GET/POST /api/reminders/unsubscribe?token=),
 * progress by dimension and skill with dates (GET /api/progress), and from a report: practise again
 * (POST /api/interviews/{id}/practise-again) and the before/after of repeated questions
 * (GET /api/interviews/{id}/before-after).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { InterviewPlan, toRoomName } from '@mockroom/core';
import { Interview } from '@mockroom/core/api-shapes';
import type { MockroomDb } from '@mockroom/db/client';
import { applications, habitSettings, interviews, leaderboardEntries, reports, userAchievements } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { ACHIEVEMENT_BY_KEY, earnedKeys, nextAchievements } from '../habits/achievements.js';
import { refreshLeaderboardEntry } from '../habits/award.js';
import { loadCompleted, loadHabitState, loadSettings } from '../habits/facts.js';
import { handleProblem, HANDLE_MESSAGES, readBoard } from '../habits/leaderboard.js';
import { beforeAfter, dimensionSeries, skillSeries, WEAK_STATUSES, type PlanQuestionLite } from '../habits/progress.js';
import { toValidTimeZone, isoWeekStartUtc, addDays } from '../habits/time.js';
import { verifyUnsubscribeToken } from '../habits/unsubscribe-token.js';
import { scheduleReminderRun } from '../habits/reminders.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError, ConflictError, NotFoundError, pgCode } from '../lib/errors.js';
import { recordEvent } from '../lib/events.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';
import { providerOverrideFor, requireStackForNewInterview, stackPolicy } from '../lib/stack-policy.js';
import { toInterview } from './interviews.js';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

const StreakSchema = z.object({
  current: z.number().int(),
  longest: z.number().int(),
  timeZone: z.string(),
  practisedToday: z.boolean(),
  /** The user's local day, YYYY-MM-DD. */
  today: z.string(),
});
const AchievementSchema = z.object({ key: z.string(), title: z.string(), description: z.string(), awardedAt: z.string() });
const NextAchievementSchema = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  progress: z.object({ current: z.number().int(), target: z.number().int() }),
});
const HabitsResponse = z
  .object({ streak: StreakSchema, achievements: z.array(AchievementSchema), next: z.array(NextAchievementSchema) })
  .openapi('Habits');

const HabitSettingsSchema = z
  .object({
    timeZone: z.string(),
    /** False while the default (UTC) is in use: the web client then sends the browser's zone once. */
    timeZoneSet: z.boolean(),
    reminders: z.object({ enabled: z.boolean(), localTime: z.string() }),
    leaderboard: z.object({ optedIn: z.boolean(), handle: z.string().nullable() }),
  })
  .openapi('HabitSettings');
const HabitSettingsBody = z.object({
  timeZone: z.string().max(64).optional(),
  reminders: z.object({ enabled: z.boolean(), localTime: LocalTime.optional() }).optional(),
  leaderboard: z.object({ optedIn: z.boolean(), handle: z.string().max(64).optional() }).optional(),
});

const LeaderboardResponse = z
  .object({
    /** The ISO week in UTC: Monday 00:00 UTC to the next Monday. */
    week: z.object({ start: z.string(), end: z.string(), timeZone: z.literal('UTC') }),
    entries: z.array(z.object({ rank: z.number().int(), handle: z.string(), practiceCount: z.number().int(), streak: z.number().int() })),
    me: z.object({ optedIn: z.boolean(), handle: z.string().nullable(), rank: z.number().int().nullable() }),
  })
  .openapi('Leaderboard');

const Point = z.object({ interviewId: z.string(), completedAt: z.string(), day: z.string(), score: z.number() });
const ProgressResponse = z
  .object({
    timeZone: z.string(),
    applicationId: z.string().nullable(),
    applications: z.array(z.object({ id: z.string(), company: z.string(), role: z.string() })),
    overall: z.array(Point.extend({ applicationId: z.string() })),
    dimensions: z.array(z.object({ key: z.string(), label: z.string(), points: z.array(Point) })),
    skills: z.array(z.object({ skill: z.string(), points: z.array(Point) })),
  })
  .openapi('Progress');

const BeforeAfterResponse = z
  .object({
    items: z.array(
      z.object({
        questionId: z.string(),
        text: z.string(),
        before: z.object({ interviewId: z.string(), completedAt: z.string(), status: z.string(), assessment: z.string() }),
        after: z.object({ status: z.string(), assessment: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('BeforeAfter');

const IdParam = z.object({ id: z.uuid() });

function planQuestions(plan: unknown): PlanQuestionLite[] {
  const questions = (plan as { questions?: unknown } | null)?.questions;
  return Array.isArray(questions) ? (questions as PlanQuestionLite[]).filter((q) => typeof q?.id === 'string' && typeof q?.text === 'string') : [];
}

export function createHabitsRoutes() {
  return createRouter()
    .openapi(createRoute({ method: 'get', path: '/', responses: { 200: json(HabitsResponse), ...errorResponses } }), async (c) => {
      const { user } = requireUser(c);
      const s = c.var.services;
      const now = s.now();
      const { state, held } = await s.db.asUser(user.id, async (tx) => {
        const state = await loadHabitState(tx, user.id, now);
        const read = () => tx.select().from(userAchievements).where(eq(userAchievements.userId, user.id)).orderBy(userAchievements.awardedAt);
        let held = await read();
        // The award job runs right after scoring; a page opened in between catches up here, with the
        // same idempotent insert, so a report that is ready never shows without its achievement.
        const missing = earnedKeys(state.facts).filter((key) => !held.some((h) => h.key === key));
        if (missing.length) {
          await tx
            .insert(userAchievements)
            .values(missing.map((key) => ({ userId: user.id, key, awardedAt: now })))
            .onConflictDoNothing({ target: [userAchievements.userId, userAchievements.key] });
          held = await read();
        }
        return { state, held };
      });
      const achievements = held.flatMap((a) => {
        const def = ACHIEVEMENT_BY_KEY.get(a.key);
        return def ? [{ key: a.key, title: def.title, description: def.description, awardedAt: a.awardedAt.toISOString() }] : [];
      });
      const { current, longest, practisedToday, today } = state.streak;
      return c.json(
        {
          streak: { current, longest, practisedToday, today, timeZone: state.settings.timeZone },
          achievements,
          next: nextAchievements(state.facts, new Set(held.map((a) => a.key))),
        },
        200,
      );
    })
    .openapi(createRoute({ method: 'get', path: '/settings', responses: { 200: json(HabitSettingsSchema), ...errorResponses } }), async (c) => {
      const { user } = requireUser(c);
      return c.json(await readSettings(c.var.services.db, user.id), 200);
    })
    .openapi(
      createRoute({
        method: 'put',
        path: '/settings',
        request: { body: jsonBody(HabitSettingsBody) },
        responses: { 200: json(HabitSettingsSchema), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const body = c.req.valid('json');
        let timeZone: string | undefined;
        if (body.timeZone !== undefined) {
          const valid = toValidTimeZone(body.timeZone);
          if (!valid) throw new ApiError(400, 'invalid_time_zone', 'Choose a time zone from the list (an IANA name such as Europe/London).');
          timeZone = valid;
        }
        if (body.reminders?.enabled && !user.emailVerified) {
          throw new ConflictError('email_not_verified', 'Verify your email address before turning on reminders.');
        }
        const handle = body.leaderboard?.optedIn ? (body.leaderboard.handle ?? '').trim() : null;
        if (body.leaderboard?.optedIn) {
          const problem = handleProblem(handle!, user);
          if (problem) throw new ApiError(400, `handle_${problem}`, HANDLE_MESSAGES[problem]);
        }
        const now = s.now();
        try {
          await s.db.asUser(user.id, async (tx) => {
            const current = await loadSettings(tx, user.id);
            if (timeZone !== undefined || body.reminders) {
              const values = {
                timeZone: timeZone ?? current.timeZone,
                remindersEnabled: body.reminders?.enabled ?? current.remindersEnabled,
                reminderTime: body.reminders?.localTime ?? current.reminderTime,
                updatedAt: now,
              };
              await tx.insert(habitSettings).values({ userId: user.id, ...values }).onConflictDoUpdate({ target: habitSettings.userId, set: values });
            }
            if (body.leaderboard && !body.leaderboard.optedIn) {
              // Leaving takes effect with this statement: the board is read live, nothing caches it.
              await tx.delete(leaderboardEntries).where(eq(leaderboardEntries.userId, user.id));
            } else if (body.leaderboard && handle) {
              await tx
                .insert(leaderboardEntries)
                .values({ userId: user.id, handle, handleKey: handle.toLowerCase() })
                .onConflictDoUpdate({ target: leaderboardEntries.userId, set: { handle, handleKey: handle.toLowerCase() } });
              await refreshLeaderboardEntry(tx, user.id, await loadHabitState(tx, user.id, now), now);
            }
          });
        } catch (error) {
          if (pgCode(error) === '23505') throw new ConflictError('handle_taken', 'That handle is taken. Choose another.');
          throw error;
        }
        // The reminder run re-schedules itself; turning reminders on (re)starts the chain (unique key per slot).
        if (body.reminders?.enabled) await scheduleReminderRun(s, now);
        return c.json(await readSettings(s.db, user.id), 200);
      },
    );
}

async function readSettings(db: MockroomDb, userId: string): Promise<z.infer<typeof HabitSettingsSchema>> {
  return db.asUser(userId, async (tx) => {
    const settings = await loadSettings(tx, userId);
    const [entry] = await tx.select({ handle: leaderboardEntries.handle }).from(leaderboardEntries).where(eq(leaderboardEntries.userId, userId));
    return {
      timeZone: settings.timeZone,
      timeZoneSet: settings.timeZoneSet,
      reminders: { enabled: settings.remindersEnabled, localTime: settings.reminderTime },
      leaderboard: { optedIn: Boolean(entry), handle: entry?.handle ?? null },
    };
  });
}

export function createLeaderboardRoutes() {
  return createRouter().openapi(createRoute({ method: 'get', path: '/', responses: { 200: json(LeaderboardResponse), ...errorResponses } }), async (c) => {
    const { user } = requireUser(c);
    const s = c.var.services;
    const now = s.now();
    const weekStart = isoWeekStartUtc(now);
    const { entries, mine } = await s.db.asUser(user.id, async (tx) => {
      const [mine] = await tx.select({ handle: leaderboardEntries.handle }).from(leaderboardEntries).where(eq(leaderboardEntries.userId, user.id));
      // The caller's own counts are brought up to date before the board is read.
      if (mine) await refreshLeaderboardEntry(tx, user.id, await loadHabitState(tx, user.id, now), now);
      return { entries: await readBoard(tx, weekStart), mine };
    });
    return c.json(
      {
        week: { start: `${weekStart}T00:00:00.000Z`, end: `${addDays(weekStart, 7)}T00:00:00.000Z`, timeZone: 'UTC' as const },
        entries,
        me: { optedIn: Boolean(mine), handle: mine?.handle ?? null, rank: mine ? (entries.find((e) => e.handle === mine.handle)?.rank ?? null) : null },
      },
      200,
    );
  });
}

export function createProgressRoutes() {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/',
      request: { query: z.object({ applicationId: z.uuid().optional() }) },
      responses: { 200: json(ProgressResponse), ...errorResponses },
    }),
    async (c) => {
      const { user } = requireUser(c);
      const s = c.var.services;
      const { applicationId } = c.req.valid('query');
      const out = await s.db.asUser(user.id, async (tx) => {
        const settings = await loadSettings(tx, user.id);
        const apps = await tx.select({ id: applications.id, company: applications.company, role: applications.role }).from(applications).where(eq(applications.userId, user.id));
        const completed = await loadCompleted(tx, user.id, settings.timeZone, applicationId ? { applicationId } : {});
        const plans = completed.length
          ? await tx.select({ id: interviews.id, plan: interviews.plan }).from(interviews).where(and(eq(interviews.userId, user.id), inArray(interviews.id, completed.map((x) => x.interviewId))))
          : [];
        return { settings, apps, completed, plans: new Map(plans.map((p) => [p.id, planQuestions(p.plan)])) };
      });
      if (applicationId && !out.apps.some((a) => a.id === applicationId)) throw new NotFoundError('application');
      return c.json(
        {
          timeZone: out.settings.timeZone,
          applicationId: applicationId ?? null,
          applications: out.apps,
          overall: out.completed.map((x) => ({ interviewId: x.interviewId, applicationId: x.applicationId, completedAt: x.at.toISOString(), day: x.day, score: Math.round(x.overall) })),
          dimensions: dimensionSeries(out.completed),
          skills: skillSeries(out.completed, out.plans),
        },
        200,
      );
    },
  );
}

export function createPractiseAgainRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/practise-again',
        request: { params: IdParam, body: jsonBody(z.object({ mode: z.enum(['same', 'weak']) })) },
        responses: { 201: json(z.object({ interview: Interview.openapi('Interview') })), ...errorResponses, 409: errorResponses[400] },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const { id } = c.req.valid('param');
        const { mode } = c.req.valid('json');
        const source = await s.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select().from(interviews).where(and(eq(interviews.id, id), eq(interviews.userId, user.id)));
          if (!iv) return null;
          const [rep] = await tx.select({ body: reports.body }).from(reports).where(eq(reports.interviewId, id)).orderBy(desc(reports.createdAt)).limit(1);
          return { iv, report: rep?.body as { questions?: { questionId: string; status: string }[] } | undefined };
        });
        if (!source) throw new NotFoundError('interview');
        const plan = InterviewPlan.parse(source.iv.plan);
        let questions = plan.questions;
        if (mode === 'weak') {
          if (!source.report) throw new ConflictError('not_scored', 'This interview has no report yet.');
          const weak = new Set((source.report.questions ?? []).filter((q) => WEAK_STATUSES.has(q.status)).map((q) => q.questionId));
          questions = plan.questions.filter((q) => weak.has(q.id));
          if (questions.length === 0) throw new ConflictError('no_weak_questions', 'Every question was answered in full: practise the same plan instead.');
        }
        const stack = requireStackForNewInterview(stackPolicy(s.env), source.iv.stack ?? undefined);
        const newId = crypto.randomUUID();
        const [row] = await s.db.asUser(user.id, (tx) =>
          tx
            .insert(interviews)
            .values({
              id: newId,
              userId: user.id,
              applicationId: source.iv.applicationId,
              roomName: toRoomName(newId),
              plan: { ...plan, questions },
              analysis: source.iv.analysis,
              cvSnapshot: source.iv.cvSnapshot,
              providerSettings: providerOverrideFor(stack),
              stack,
              timeBoxSeconds: source.iv.timeBoxSeconds,
            })
            .returning(),
        );
        await recordEvent(s, 'interview_created');
        return c.json({ interview: toInterview(row!) }, 201);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/{id}/before-after', request: { params: IdParam }, responses: { 200: json(BeforeAfterResponse), ...errorResponses } }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const { id } = c.req.valid('param');
        const found = await s.db.asUser(user.id, async (tx) => {
          const [iv] = await tx.select({ id: interviews.id, plan: interviews.plan, createdAt: interviews.createdAt }).from(interviews).where(and(eq(interviews.id, id), eq(interviews.userId, user.id)));
          if (!iv) return null;
          const settings = await loadSettings(tx, user.id);
          return { iv, completed: await loadCompleted(tx, user.id, settings.timeZone) };
        });
        if (!found) throw new NotFoundError('interview');
        return c.json({ items: beforeAfter({ interviewId: found.iv.id, createdAt: found.iv.createdAt, plan: planQuestions(found.iv.plan) }, found.completed) }, 200);
      },
    );
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Mockroom</title></head>` +
  `<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5"><main><h1>${title}</h1>${body}</main></body></html>`;

/**
 * One-click unsubscribe (RFC 8058): no session and no CSRF check (auth/csrf.ts exempts the path):
 * the signed token is the credential, and all it can do is turn reminders off. GET shows a page
 * with a button rather than unsubscribing, because mail scanners open links; POST turns them off.
 * Plain HTML routes, outside the JSON API document.
 */
export function createReminderRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/unsubscribe', (c) => {
    const s = c.var.services;
    const token = c.req.query('token') ?? '';
    if (!verifyUnsubscribeToken(s.authSecret, token)) return c.html(page('Link not valid', '<p>This unsubscribe link is not valid. You can turn reminders off in your settings after signing in.</p>'), 400);
    const action = `/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`;
    return c.html(
      page(
        'Turn off streak reminders?',
        `<p>You will get no more streak reminder emails. You can turn them back on in your settings.</p><form method="post" action="${action.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"><button type="submit">Turn off streak reminders</button></form>`,
      ),
      200,
    );
  });
  app.post('/unsubscribe', async (c) => {
    const s = c.var.services;
    const userId = verifyUnsubscribeToken(s.authSecret, c.req.query('token') ?? '');
    if (!userId) return c.html(page('Link not valid', '<p>This unsubscribe link is not valid.</p>'), 400);
    await s.db.asUser(userId, (tx) => tx.update(habitSettings).set({ remindersEnabled: false, updatedAt: s.now() }).where(eq(habitSettings.userId, userId)));
    return c.html(page('Streak reminders are off', '<p>You will get no more streak reminder emails. You can turn them back on in your settings.</p>'), 200);
  });
  return app;
}

